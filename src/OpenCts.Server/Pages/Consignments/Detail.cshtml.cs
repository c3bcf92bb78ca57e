using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCts.Application;
using OpenCts.Application.Consignments;
using OpenCts.Application.Privacy;
using OpenCts.Domain.Common;
using OpenCts.Domain.Decisions;
using OpenCts.Server.Auth;
using OpenCts.Server.Pages.Examinations;
using OpenCts.Server.Web;
using OpenCts.Storage.Audit;

namespace OpenCts.Server.Pages.Consignments;

/// <summary>One consignment in full: its data, every reason, versions, related consignments, decisions and audit; the decision panel and the examination result form.</summary>
[Authorize(Policy = Policies.ReadConsignments)]
public sealed class DetailModel(CtsApplication application, IAuthorizationService authorization) : PageModel
{
    /// <summary>How far back the audit log is searched for this consignment's entries.</summary>
    public const int AuditDepth = 5000;

    /// <summary>The most raw-message characters shown.</summary>
    public const int RawLimit = 200_000;

    [BindProperty(SupportsGet = true)]
    public string Document { get; set; } = "";

    public ConsignmentDetail Detail { get; private set; } = null!;

    public IReadOnlyList<RelatedConsignment> Related { get; private set; } = [];

    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];

    public string? RawMessage { get; private set; }

    /// <summary>The entity of each party and why its record was linked (masked like the parties).</summary>
    public IReadOnlyList<Commerce.PartyLinkView> Entities { get; private set; } = [];

    /// <summary>The parties' entity facts (30-day parcels and value), by role.</summary>
    public IReadOnlyDictionary<Domain.Consignments.PartyRole, Domain.Commerce.EntityFacts> EntityFacts { get; private set; } = new Dictionary<Domain.Consignments.PartyRole, Domain.Commerce.EntityFacts>();

    public bool MayDecide { get; private set; }

    public bool MayExamine { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public ResultForm Result { get; private set; } = new();

    public string? DecisionComment { get; private set; }

    /// <summary>Whether the parties are shown masked: the user's role has no need to see them and no unmasking is in force.</summary>
    public bool Masked { get; private set; }

    /// <summary>The reason typed into the unmask form, kept when it was refused.</summary>
    public string? UnmaskReason { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync().ConfigureAwait(false) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDecideAsync(string? action, string? kind, string? comment)
    {
        if (!await authorization.MayAsync(User, Policies.Decide).ConfigureAwait(false))
        {
            return Forbid();
        }
        DecisionComment = comment;
        if (string.IsNullOrWhiteSpace(comment))
        {
            Error = "comment: give the reason for the decision";
        }
        else
        {
            try
            {
                var examine = string.Equals(action, DecisionActions.Examine, StringComparison.Ordinal);
                var decision = await application.Decisions.DecideAsync(Document, action, examine ? kind : null, comment.Trim(), WebUser.NameOf(User), HttpContext.RequestAborted).ConfigureAwait(false);
                if (decision is null)
                {
                    return NotFound();
                }
                Message = $"Decision recorded: {decision.Action}{(decision.ExaminationKind is { } k ? $" ({k})" : "")}.";
                DecisionComment = null;
            }
            catch (Exception e) when (e is DomainException or Storage.StoreConflictException)
            {
                Error = e.Message;
            }
        }
        return await LoadAsync().ConfigureAwait(false) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostUnmaskAsync(string? reason)
    {
        if (await application.Consignments.DetailAsync(Document, HttpContext.RequestAborted).ConfigureAwait(false) is null)
        {
            return NotFound();
        }
        try
        {
            var grant = await application.PersonalData.Unmasking.GrantAsync(WebUser.NameOf(User), Document, reason, HttpContext.RequestAborted).ConfigureAwait(false);
            Message = $"Personal data shown until {grant.Until:HH:mm} UTC; the reason is in the audit log.";
        }
        catch (DomainException e)
        {
            Error = e.Message;
            UnmaskReason = reason;
        }
        return await LoadAsync().ConfigureAwait(false) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRecordAsync(ResultForm result)
    {
        if (!await authorization.MayAsync(User, Policies.RecordExaminations).ConfigureAwait(false))
        {
            return Forbid();
        }
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            var recorded = await result.RecordAsync(application, Document, HttpContext.RequestAborted).ConfigureAwait(false);
            if (recorded is null)
            {
                return NotFound();
            }
            Message = recorded.AlreadyRecorded
                ? $"This form was sent before: the examination result was recorded once: {recorded.Result.Finding}."
                : $"Examination result recorded: {recorded.Result.Finding}.";
        }
        catch (Exception e) when (e is DomainException or Storage.StoreConflictException)
        {
            Error = e.Message;
            Result = result;
        }
        return await LoadAsync().ConfigureAwait(false) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var detail = await application.Consignments.DetailAsync(Document, cancellationToken).ConfigureAwait(false);
        if (detail is null)
        {
            return false;
        }
        var user = WebUser.NameOf(User);
        Masked = !application.PersonalData.Unmasking.SeesUnmasked(user, WebUser.RoleOf(User), Document);
        await application.PersonalData.Reads.RecordAsync(user, "GET /consignments/{document}", [Document], Masked, cancellationToken).ConfigureAwait(false);
        Detail = Masked ? PersonalDataMask.Detail(detail) : detail;
        var related = await application.Related.OfAsync(Document, 50, cancellationToken).ConfigureAwait(false);
        Related = Masked ? [.. related.Select(PersonalDataMask.Related)] : related;
        var target = "document=" + Document;
        Audit = [.. (await application.Audit.LatestAsync(AuditDepth, cancellationToken).ConfigureAwait(false))
            .Where(e => e.Target.Split(' ').Contains(target, StringComparer.Ordinal))];
        // The raw message names the parties in whatever format it came in: masked users do not see it at all.
        if (!Masked && await application.Messages.RawAsync(detail.Versions[^1].Stored.RawMessageId, cancellationToken).ConfigureAwait(false) is { } raw)
        {
            var text = Encoding.UTF8.GetString(raw);
            RawMessage = text.Length > RawLimit ? text[..RawLimit] + "\n… (cut)" : text;
        }
        Entities = [.. (await application.Entities.LinksOfAsync(Document, cancellationToken).ConfigureAwait(false)).Select(l => Commerce.EntityViews.Link(l, Masked))];
        EntityFacts = await application.Entities.FactsOfAsync(Document, cancellationToken).ConfigureAwait(false);
        MayDecide = await authorization.MayAsync(User, Policies.Decide).ConfigureAwait(false);
        MayExamine = await authorization.MayAsync(User, Policies.RecordExaminations).ConfigureAwait(false);
        return true;
    }
}
