using OpenCts.Application.Users;

namespace OpenCts.Server.Web;

/// <summary>One entry of the main menu.</summary>
internal sealed record NavItem(string Label, string Path, IReadOnlyList<string> Roles);

/// <summary>The main menu: each role sees the pages its policies let it open, its home page first.</summary>
internal static class WebNavigation
{
    private static readonly string[] Officers = [Roles.Analyst, Roles.Targeter, Roles.Supervisor, Roles.Examiner, Roles.Auditor];

    public static IReadOnlyList<NavItem> All { get; } =
    [
        new("Worklist", "/worklist", Officers),
        new("Examinations", "/examinations", [Roles.Examiner, Roles.Supervisor, Roles.Auditor]),
        new("Profiles", "/profiles", [Roles.Analyst, Roles.Targeter, Roles.Supervisor, Roles.Auditor]),
        new("Approvals", "/approvals", [Roles.Supervisor]),
        new("Dashboard", "/dashboard", [Roles.Supervisor, Roles.Auditor]),
        new("Watch lists", "/watchlists", [Roles.Analyst, Roles.Targeter, Roles.Supervisor, Roles.Auditor]),
        new("Alerts", "/subscriptions", [Roles.Targeter, Roles.Supervisor]),
        new("Messages", "/messages", [Roles.Submitter]),
        new("Admin", "/admin", [Roles.Admin, Roles.Auditor]),
    ];

    public static IEnumerable<NavItem> For(string role) => All.Where(i => i.Roles.Contains(role));

    /// <summary>The page a role lands on after signing in.</summary>
    public static string HomeOf(string role) => role switch
    {
        Roles.Examiner => "/examinations",
        Roles.Supervisor => "/approvals",
        Roles.Analyst => "/profiles",
        Roles.Submitter => "/messages",
        Roles.Admin => "/admin",
        _ => "/worklist",
    };

    public static bool IsCurrent(NavItem item, string path) =>
        path.Equals(item.Path, StringComparison.OrdinalIgnoreCase) || path.StartsWith(item.Path + "/", StringComparison.OrdinalIgnoreCase);
}
