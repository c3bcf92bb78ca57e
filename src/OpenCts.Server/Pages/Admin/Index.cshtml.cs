using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCts.Application;
using OpenCts.Application.Consignments;
using OpenCts.Application.Users;
using OpenCts.Domain.Common;
using OpenCts.Server.Auth;
using OpenCts.Server.Web;
using OpenCts.Storage.Audit;
using OpenCts.Storage.Messages;
using OpenCts.Storage.Users;

namespace OpenCts.Server.Pages.Admin;

/// <summary>Users and roles (add, disable, reset with the secret shown once), the audit log and the intake errors; auditors read it, admins change it.</summary>
[Authorize(Policy = Policies.ReadUsers)]
public sealed class IndexModel(CtsApplication application, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public int AuditPage { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public int ErrorsPage { get; set; } = 1;

    public IReadOnlyList<UserAccount> Users { get; private set; } = [];

    public Page<AuditEntry> Audit { get; private set; } = new([], 1, PageSize, 0);

    public Page<ReceivedRecord> Rejected { get; private set; } = new([], 1, PageSize, 0);

    public bool MayManage { get; private set; }

    /// <summary>A credential just issued: shown in this answer only, never stored in clear.</summary>
    public IssuedCredential? Issued { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync().ConfigureAwait(false);

    public Task<IActionResult> OnPostAddAsync(string? name, string? role, bool apiKey) =>
        ManageAsync(async actor =>
        {
            Issued = await application.Users.AddAsync(name?.Trim() ?? "", role ?? "", apiKey, actor, HttpContext.RequestAborted).ConfigureAwait(false);
            Message = $"User {Issued.Account.Name} added as {Issued.Account.Role}.";
        });

    public Task<IActionResult> OnPostDisableAsync(string? name) =>
        ManageAsync(async actor =>
        {
            var account = await application.Users.DisableAsync(name ?? "", actor, HttpContext.RequestAborted).ConfigureAwait(false);
            Message = $"User {account.Name} is disabled.";
        });

    public Task<IActionResult> OnPostResetAsync(string? name) =>
        ManageAsync(async actor =>
        {
            Issued = await application.Users.ResetAsync(name ?? "", actor, HttpContext.RequestAborted).ConfigureAwait(false);
            Message = $"User {Issued.Account.Name} has a new credential and is enabled.";
        });

    public string Link(int auditPage, int errorsPage) =>
        $"/admin?auditPage={auditPage}&errorsPage={errorsPage}";

    private async Task<IActionResult> ManageAsync(Func<string, Task> change)
    {
        if (!await authorization.MayAsync(User, Policies.ManageUsers).ConfigureAwait(false))
        {
            return Forbid();
        }
        try
        {
            await change(WebUser.NameOf(User)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DomainException or UserAccountException)
        {
            Error = e.Message;
        }
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        AuditPage = Math.Max(1, AuditPage);
        ErrorsPage = Math.Max(1, ErrorsPage);
        Users = await application.Users.ListAsync(cancellationToken).ConfigureAwait(false);
        // The audit log reads newest first up to a depth; one more than the page tells whether a next page exists.
        var latest = await application.Audit.LatestAsync(AuditPage * PageSize + 1, cancellationToken).ConfigureAwait(false);
        Audit = new Page<AuditEntry>([.. latest.Skip((AuditPage - 1) * PageSize).Take(PageSize)], AuditPage, PageSize, latest.Count);
        Rejected = await application.Messages.ListAsync(null, MessageStatus.Rejected, ErrorsPage, PageSize, cancellationToken).ConfigureAwait(false);
        MayManage = await authorization.MayAsync(User, Policies.ManageUsers).ConfigureAwait(false);
    }
}
