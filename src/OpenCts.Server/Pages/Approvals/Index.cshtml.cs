using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCts.Application;
using OpenCts.Application.Profiles;
using OpenCts.Domain.Profiles;
using OpenCts.Server.Auth;
using OpenCts.Server.Web;
using OpenCts.Targeting.Backtesting;
using OpenCts.Targeting.Profiles.Syntax;

namespace OpenCts.Server.Pages.Approvals;

/// <summary>A submitted profile as a supervisor weighs it: what changed since the version in force, and how it would have done.</summary>
/// <param name="Profile">The submitted version.</param>
/// <param name="Previous">The last version that was approved, or null for a new profile.</param>
/// <param name="Criteria">The criteria's line difference from <paramref name="Previous"/>.</param>
/// <param name="Changes">The other fields that changed, as "field: before → after".</param>
/// <param name="Backtest">The profile over the whole stored history, or null when it no longer compiles.</param>
/// <param name="Active">The profiles in force over the same history.</param>
/// <param name="Problem">Why the backtest could not run.</param>
public sealed record Submission(RiskProfile Profile, RiskProfile? Previous, IReadOnlyList<DiffLine> Criteria, IReadOnlyList<string> Changes, BacktestResult? Backtest, BacktestResult? Active, string? Problem);

/// <summary>Submitted profiles for a supervisor to approve or reject with a comment; never their own, which the application core refuses.</summary>
[Authorize(Policy = Policies.ApproveProfiles)]
public sealed class ApprovalsModel(CtsApplication application) : PageModel
{
    public IReadOnlyList<Submission> Submissions { get; private set; } = [];

    public string Me => WebUser.NameOf(User);

    /// <summary>What the last decision did, or why it was refused.</summary>
    public string? Message { get; private set; }

    public bool Refused { get; private set; }

    public int PendingAllowListRequests { get; private set; }

    public bool IsOwn(RiskProfile profile) => string.Equals(profile.Owner, Me, StringComparison.OrdinalIgnoreCase);

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostApproveAsync(string id, string? comment) =>
        DecideAsync(id, comment, "approve", (i, actor, t) => application.Profiles.ApproveAsync(i, actor, t), "approved and in force");

    public Task<IActionResult> OnPostRejectAsync(string id, string? comment) =>
        DecideAsync(id, comment, "reject", (i, actor, t) => application.Profiles.RejectAsync(i, actor, t), "sent back to its owner as a draft");

    private async Task<IActionResult> DecideAsync(string id, string? comment, string verb, Func<string, string, CancellationToken, Task<RiskProfile>> decide, string done)
    {
        var cancellationToken = HttpContext.RequestAborted;
        try
        {
            var moved = await decide(id, Me, cancellationToken).ConfigureAwait(false);
            await application.Audit.RecordAsync(Me, $"{verb} profile", $"{id} v{moved.Version}", string.IsNullOrWhiteSpace(comment) ? "done" : "done: " + comment.Trim(), cancellationToken).ConfigureAwait(false);
            Message = $"Profile {id} is {done}.";
        }
        catch (ProfileLifecycleException e)
        {
            await application.Audit.RecordAsync(Me, $"{verb} profile", id, "refused: " + e.Message, cancellationToken).ConfigureAwait(false);
            Refused = true;
            Message = $"Refused: {e.Message}.";
        }
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var submitted = (await application.Store.Profiles.LatestAsync(cancellationToken).ConfigureAwait(false))
            .Where(p => p.Status == ProfileStatus.AwaitingApproval)
            .OrderBy(p => p.Id, StringComparer.Ordinal);
        var submissions = new List<Submission>();
        foreach (var profile in submitted)
        {
            var versions = await application.Store.Profiles.VersionsAsync(profile.Id, cancellationToken).ConfigureAwait(false);
            var previous = versions.LastOrDefault(v => v.Version < profile.Version && v.Status is ProfileStatus.Active or ProfileStatus.Retired or ProfileStatus.Expired);
            BacktestRun? run = null;
            string? problem = null;
            try
            {
                run = await application.Backtests.TryAsync(profile, null, null, samples: 0, cancellationToken).ConfigureAwait(false);
            }
            catch (ProfileException e)
            {
                problem = e.Message;
            }
            submissions.Add(new Submission(profile, previous, LineDiff.Of(previous?.Criteria, profile.Criteria), Changes(previous, profile), run?.Profile, run?.Active, problem));
        }
        Submissions = submissions;
        PendingAllowListRequests = (await application.AllowList.PendingAsync(cancellationToken).ConfigureAwait(false)).Count;
    }

    private static List<string> Changes(RiskProfile? before, RiskProfile after)
    {
        var changes = new List<string>();
        if (before is null)
        {
            return changes;
        }
        void Compare(string field, object? a, object? b)
        {
            if (!Equals(a, b))
            {
                changes.Add($"{field}: {a ?? "none"} → {b ?? "none"}");
            }
        }
        Compare("name", before.Name, after.Name);
        Compare("category", before.Category, after.Category);
        Compare("weight", before.Weight, after.Weight);
        Compare("action", before.Action, after.Action);
        Compare("valid from", before.ValidFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), after.ValidFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Compare("expires", before.ValidTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), after.ValidTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return changes;
    }
}
