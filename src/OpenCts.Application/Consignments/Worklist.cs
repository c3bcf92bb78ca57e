using OpenCts.Application.Selection;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Decisions;
using OpenCts.Storage;
using OpenCts.Storage.Assessments;
using OpenCts.Storage.Messages;

namespace OpenCts.Application.Consignments;

/// <summary>What a targeter narrows the worklist to; every part left out lets everything through.</summary>
/// <param name="Lanes">The lanes shown; empty shows the red lane only.</param>
/// <param name="Text">Text in the document number or key, a party's name, or a goods description.</param>
/// <param name="Port">A UN/LOCODE (or its start) of the place of discharge or final destination.</param>
/// <param name="Category">Only consignments with a reason of this threat category.</param>
/// <param name="ProfileOwner">Only consignments hit by a profile this user owns ("my profiles").</param>
/// <param name="ArrivalFrom">Only consignments arriving at or after this moment.</param>
/// <param name="ArrivalTo">Only consignments arriving before this moment.</param>
public sealed record WorklistFilter(
    IReadOnlyList<Lane> Lanes,
    string? Text = null,
    string? Port = null,
    ThreatCategory? Category = null,
    string? ProfileOwner = null,
    DateTimeOffset? ArrivalFrom = null,
    DateTimeOffset? ArrivalTo = null)
{
    public static WorklistFilter Red { get; } = new([Lane.Red]);
}

/// <summary>How far officers have got with a consignment on the worklist.</summary>
public static class WorklistStatus
{
    /// <summary>No decision yet.</summary>
    public const string New = "new";

    /// <summary>Looked at and waiting: held, or a request for information or screening sent to the filer.</summary>
    public const string Reviewed = "reviewed";

    /// <summary>Released, ordered for examination, refused loading, or its assessment completed.</summary>
    public const string Decided = "decided";

    /// <summary>The status the decisions so far give, oldest first.</summary>
    public static string Of(IReadOnlyList<Decision> decisions) =>
        decisions.Count == 0 ? New
        : decisions[^1].Action is DecisionActions.Hold or DecisionActions.RequestInformation or DecisionActions.RequestScreening ? Reviewed
        : Decided;
}

/// <summary>One row of the worklist: the assessment in force, the consignment it was made on, where the officers stand, and whether it is beyond its office's examination capacity for its day.</summary>
public sealed record WorklistItem(TargetRow Target, StoredConsignment Consignment, string Status, Decision? LastDecision, bool OverCapacity = false)
{
    public Assessment Assessment => Target.Assessment;

    public DateTimeOffset? Arrival => Consignment.Consignment.EstimatedArrival;

    public string? Port => (Consignment.Consignment.PlaceOfDischarge ?? Consignment.Consignment.FinalDestination)?.Value;

    /// <summary>The threat categories of its reasons, most weighty first, each once.</summary>
    public IReadOnlyList<ThreatCategory> Categories =>
        [.. Assessment.Reasons.Where(r => r.Category is not null).OrderByDescending(r => r.Score).Select(r => r.Category!.Value).Distinct()];
}

/// <summary>The targeter's worklist: the current red (and, when asked, yellow) consignments, soonest arrival first.</summary>
/// <remarks>
/// The store gives the assessments in force and the consignments; this joins them, filters and pages. Consignments still to
/// arrive come first, the soonest first; then those that have arrived, the latest first; then those without an arrival time;
/// among equal arrivals the higher score first.
/// </remarks>
public sealed class Worklist(ICtsStore store)
{
    public async Task<Page<WorklistItem>> ListAsync(WorklistFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var lanes = filter.Lanes.Count == 0 ? [Lane.Red] : filter.Lanes;
        // The lanes shown, each target with its consignment, in one read: the page filters on what consignments declare, and
        // reading every consignment in the store for that made each view of the worklist cost as much as the store.
        var targeted = await store.Assessments.TargetConsignmentsAsync(lanes.Min(), cancellationToken).ConfigureAwait(false);
        var current = targeted.ToDictionary(t => t.Target.Assessment.DocumentKey, t => t.Consignment, StringComparer.Ordinal);
        var targets = targeted.Select(t => t.Target).ToList();
        var owned = filter.ProfileOwner is { } owner
            ? (await store.Profiles.LatestAsync(cancellationToken).ConfigureAwait(false)).Where(p => string.Equals(p.Owner, owner, StringComparison.OrdinalIgnoreCase)).Select(p => p.Id).ToHashSet(StringComparer.Ordinal)
            : null;
        var matching = new List<(TargetRow Target, StoredConsignment Consignment)>();
        foreach (var target in targets)
        {
            if (lanes.Contains(target.Assessment.Lane) && current.TryGetValue(target.Assessment.DocumentKey, out var stored) && Matches(filter, owned, target, stored.Consignment))
            {
                matching.Add((target, stored));
            }
        }
        // Capacity is counted over the whole red lane, not only the rows the filter lets through.
        var offices = await store.Offices.AllAsync(cancellationToken).ConfigureAwait(false);
        var over = OfficeCapacity.OverCapacity(targets.Select(t => t.Assessment), key => current.TryGetValue(key, out var s) ? s.Consignment : null, offices);
        var now = store.Clock.GetUtcNow();
        var ordered = matching
            .OrderBy(m => ArrivalRank(m.Consignment.Consignment.EstimatedArrival, now))
            .ThenBy(m => m.Consignment.Consignment.EstimatedArrival is { } arrival ? Math.Abs((arrival - now).Ticks) : 0)
            .ThenByDescending(m => m.Target.Assessment.Score)
            .ThenBy(m => m.Target.Assessment.DocumentKey, StringComparer.Ordinal)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToList();
        var items = new List<WorklistItem>(ordered.Count);
        foreach (var (target, stored) in ordered)
        {
            items.Add(await ItemAsync(target, stored, cancellationToken).ConfigureAwait(false) with { OverCapacity = over.Contains(target.Assessment.DocumentKey) });
        }
        return new Page<WorklistItem>(items, page, pageSize, matching.Count);
    }

    /// <summary>The worklist row of one consignment, whatever its lane, or null when it has no assessment in force.</summary>
    public async Task<WorklistItem?> ItemAsync(string documentKey, CancellationToken cancellationToken)
    {
        var versions = await store.Messages.VersionsAsync(documentKey, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return null;
        }
        var stored = versions[^1];
        var assessment = (await store.Assessments.OfAsync(documentKey, cancellationToken).ConfigureAwait(false)).LastOrDefault(a => a.ConsignmentVersion == stored.Version);
        return assessment is null
            ? null
            : await ItemAsync(new TargetRow(0, assessment, stored.Consignment.Document.Number, stored.Consignment.Document.Kind.ToString()), stored, cancellationToken).ConfigureAwait(false);
    }

    private async Task<WorklistItem> ItemAsync(TargetRow target, StoredConsignment stored, CancellationToken cancellationToken)
    {
        var decisions = await store.Decisions.OfAsync(target.Assessment.DocumentKey, cancellationToken).ConfigureAwait(false);
        return new WorklistItem(target, stored, WorklistStatus.Of(decisions), decisions.Count == 0 ? null : decisions[^1]);
    }

    /// <summary>Still to arrive first, then arrived (the latest first), then without an arrival time.</summary>
    private static int ArrivalRank(DateTimeOffset? arrival, DateTimeOffset now) => arrival is not { } a ? 2 : a >= now ? 0 : 1;

    private static bool Matches(WorklistFilter filter, HashSet<string>? owned, TargetRow target, Consignment consignment)
    {
        if (filter.Category is { } category && !target.Assessment.Reasons.Any(r => r.Category == category))
        {
            return false;
        }
        if (owned is not null && !target.Assessment.Reasons.Any(r => r.Kind == ReasonKind.Profile && owned.Contains(r.Code)))
        {
            return false;
        }
        if (filter.Port is { Length: > 0 } port
            && !(consignment.PlaceOfDischarge?.Value.StartsWith(port, StringComparison.OrdinalIgnoreCase) == true
                 || consignment.FinalDestination?.Value.StartsWith(port, StringComparison.OrdinalIgnoreCase) == true))
        {
            return false;
        }
        if ((filter.ArrivalFrom is { } from && !(consignment.EstimatedArrival >= from)) || (filter.ArrivalTo is { } to && !(consignment.EstimatedArrival < to)))
        {
            return false;
        }
        return filter.Text is not { Length: > 0 } text
            || target.DocumentNumber.Contains(text, StringComparison.OrdinalIgnoreCase)
            || target.Assessment.DocumentKey.Contains(text, StringComparison.OrdinalIgnoreCase)
            || consignment.Parties.Any(p => p.Name.Contains(text, StringComparison.OrdinalIgnoreCase))
            || consignment.Goods.Any(g => g.Description.Contains(text, StringComparison.OrdinalIgnoreCase));
    }
}
