using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCts.Application;
using OpenCts.Application.Consignments;
using OpenCts.Application.Privacy;
using OpenCts.Domain.Common;
using OpenCts.Server.Auth;
using OpenCts.Server.Web;

namespace OpenCts.Server.Pages.Examinations;

/// <summary>The consignments ordered for examination and not yet reported, each with the result form for examiners.</summary>
/// <remarks>An examiner sees the examinations assigned to them (each order goes to the examiner with the fewest open ones), or all with <c>?all=true</c>; supervisors and auditors see all.</remarks>
[Authorize(Policy = Policies.WorkExaminations)]
public sealed class IndexModel(CtsApplication application, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<OpenExamination> Open { get; private set; } = [];

    public bool MayRecord { get; private set; }

    /// <summary>Every open examination, not only the caller's.</summary>
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    /// <summary>Who each open examination is assigned to, by document.</summary>
    public IReadOnlyDictionary<string, string> AssignedTo { get; private set; } = new Dictionary<string, string>();

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The document whose form failed, with what was typed.</summary>
    public (string Document, ResultForm Form)? Failed { get; private set; }

    public async Task OnGetAsync() => await LoadAsync().ConfigureAwait(false);

    public async Task<IActionResult> OnPostRecordAsync(string? document, ResultForm result)
    {
        if (!await authorization.MayAsync(User, Policies.RecordExaminations).ConfigureAwait(false))
        {
            return Forbid();
        }
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            var recorded = await result.RecordAsync(application, document ?? "", HttpContext.RequestAborted).ConfigureAwait(false);
            if (recorded is null)
            {
                Error = $"document: no consignment has the key '{document}'";
            }
            else
            {
                Message = recorded.AlreadyRecorded
                    ? $"This form was sent before: the result for {document} was recorded once: {recorded.Result.Finding}."
                    : $"Result recorded for {document}: {recorded.Result.Finding}.";
            }
        }
        catch (Exception e) when (e is DomainException or Storage.StoreConflictException)
        {
            Error = e.Message;
            Failed = (document ?? "", result);
        }
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync()
    {
        var open = await application.OpenExaminations.ListAsync(HttpContext.RequestAborted).ConfigureAwait(false);
        MayRecord = await authorization.MayAsync(User, Policies.RecordExaminations).ConfigureAwait(false);
        if (MayRecord && !All)
        {
            var mine = await application.Examiners.OfAsync(WebUser.NameOf(User), openOnly: true, HttpContext.RequestAborted).ConfigureAwait(false);
            var documents = mine.Select(a => a.DocumentKey).ToHashSet(StringComparer.Ordinal);
            open = [.. open.Where(o => documents.Contains(o.Consignment.DocumentKey))];
            AssignedTo = mine.GroupBy(a => a.DocumentKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Examiner, StringComparer.Ordinal);
        }
        var user = WebUser.NameOf(User);
        var role = WebUser.RoleOf(User);
        var unmasking = application.PersonalData.Unmasking;
        await application.PersonalData.Reads.RecordAsync(user, "GET /examinations", [.. open.Select(o => o.Consignment.DocumentKey)], !PersonalDataAccess.Sees(role), HttpContext.RequestAborted).ConfigureAwait(false);
        Open = [.. open.Select(o => unmasking.SeesUnmasked(user, role, o.Consignment.DocumentKey) ? o
            : o with { Consignment = o.Consignment with { Consignment = PersonalDataMask.Consignment(o.Consignment.Consignment) } })];
    }
}
