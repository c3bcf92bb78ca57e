using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCts.Application;
using OpenCts.Application.Users;
using OpenCts.Domain.Watchlists;
using OpenCts.Server.Auth;
using OpenCts.Server.Web;
using OpenCts.Storage.Watchlists;

namespace OpenCts.Server.Pages.Watchlists;

/// <summary>
/// The watch lists in force, their entries, and the allow-list: upload a list file, refresh from the publishers, search, add an
/// entry, ask to allow-list a false positive, and (for a supervisor who did not ask) allow or refuse it.
/// </summary>
/// <remarks>Changes go through <c>/api/v1/watchlists</c> from the page's script; this model only reads.</remarks>
[Authorize(Policy = Policies.ReadWatchlists)]
public sealed class WatchlistsModel(CtsApplication application) : PageModel
{
    public IReadOnlyList<WatchlistInfo> Lists { get; private set; } = [];

    public IReadOnlyList<AllowListEntry> Allowed { get; private set; } = [];

    public IReadOnlyList<AllowListRequest> Pending { get; private set; } = [];

    public string Me => WebUser.NameOf(User);

    public bool MayManage => WebUser.RoleOf(User) is Roles.Analyst or Roles.Supervisor;

    public bool MayRequest => WebUser.RoleOf(User) is Roles.Analyst or Roles.Targeter or Roles.Supervisor;

    public bool MayDecide => WebUser.RoleOf(User) is Roles.Supervisor;

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Lists = await application.Store.Watchlists.ListsAsync(cancellationToken).ConfigureAwait(false);
        Allowed = await application.Store.Watchlists.AllowListAsync(cancellationToken).ConfigureAwait(false);
        Pending = await application.AllowList.PendingAsync(cancellationToken).ConfigureAwait(false);
    }
}
