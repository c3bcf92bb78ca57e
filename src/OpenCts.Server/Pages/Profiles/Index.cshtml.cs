using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCts.Application;
using OpenCts.Application.Profiles;
using OpenCts.Application.Users;
using OpenCts.Domain.Profiles;
using OpenCts.Server.Auth;
using OpenCts.Server.Consignments;
using OpenCts.Server.Web;

namespace OpenCts.Server.Pages.Profiles;

/// <summary>One profile as the list shows it: its latest version, status as seen now, and how it performs.</summary>
public sealed record ProfileRow(string Id, string Name, int Version, string Status, string Owner, string Threat, int Hits, int Examined, double? HitRate);

/// <summary>Every profile with its status, version, owner, threat category, hits and hit rate; filtered by status.</summary>
[Authorize(Policy = Policies.ReadProfiles)]
public sealed class ProfilesIndexModel(CtsApplication application) : PageModel
{
    /// <summary>The statuses an officer can filter by, as the API spells them.</summary>
    public static IReadOnlyList<string> Statuses { get; } = [.. Enum.GetNames<ProfileStatus>().Select(ConsignmentViews.Kebab)];

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public IReadOnlyList<ProfileRow> Rows { get; private set; } = [];

    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();

    public bool MayWrite => WebUser.RoleOf(User) is Roles.Analyst or Roles.Supervisor;

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var now = application.Store.Clock.GetUtcNow();
        var reports = (await application.Reports.ReportAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.ProfileId, StringComparer.Ordinal);
        var all = (await application.Store.Profiles.LatestAsync(cancellationToken).ConfigureAwait(false))
            .Select(p =>
            {
                var report = reports.GetValueOrDefault(p.Id);
                return new ProfileRow(p.Id, p.Name, p.Version, ConsignmentViews.Kebab(ProfileLifecycle.StatusAt(p, now).ToString()), p.Owner,
                    ConsignmentViews.Kebab(p.Category.ToString()), report?.Hits ?? 0, report?.Examined ?? 0, report?.HitRate);
            })
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        Counts = all.GroupBy(r => r.Status, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Rows = string.IsNullOrEmpty(Status) ? all : [.. all.Where(r => r.Status == Status)];
    }

    /// <summary>The words a status shows as: <c>awaiting-approval</c> is "submitted".</summary>
    public static string Label(string status) => status == "awaiting-approval" ? "submitted" : status;
}
