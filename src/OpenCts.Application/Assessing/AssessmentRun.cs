using System.Diagnostics;
using OpenCts.Application.Commerce;
using OpenCts.Application.Engine;
using OpenCts.Application.Filing;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;
using OpenCts.RiskModel.Selection;
using OpenCts.Storage;
using OpenCts.Storage.Messages;
using OpenCts.Targeting.Assessment;

namespace OpenCts.Application.Assessing;

/// <summary>How a batch is assessed: which consignments, and the model's share of examinations.</summary>
/// <param name="All">Every current consignment again (after profiles change), not only those not yet assessed.</param>
/// <param name="Selector">The model's batch selection; null turns it off. Used only with a trained model.</param>
public sealed record AssessOptions(bool All = false, InspectionSelector? Selector = null);

/// <summary>What one assessment run did.</summary>
/// <param name="Assessments">The assessments saved, in the order assessed.</param>
/// <param name="Elapsed">Time spent assessing, not storing.</param>
/// <param name="Engine">The engine snapshot they were made with.</param>
public sealed record AssessmentSummary(IReadOnlyList<Assessment> Assessments, TimeSpan Elapsed, TargetingEngine Engine)
{
    /// <summary>The consignments assessed, by document key, as they were assessed (with any finding added then).</summary>
    public IReadOnlyDictionary<string, Consignment> Consignments { get; init; } = new Dictionary<string, Consignment>(StringComparer.Ordinal);
}

/// <summary>Assesses what is pending on the current engine snapshot, applies the model's batch selection, and saves the results journaled.</summary>
public sealed class AssessmentRun(ICtsStore store, TargetingEngineHost engines, CommerceHost commerce)
{
    /// <summary>Assesses every pending (or, with <see cref="AssessOptions.All"/>, every current) consignment in one batch.</summary>
    /// <param name="options">Which consignments, and the batch selection.</param>
    /// <param name="progress">Told how many consignments have been assessed so far.</param>
    /// <param name="cancellationToken">Stops before anything is saved.</param>
    public async Task<AssessmentSummary> AssessPendingAsync(AssessOptions options, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var pending = options.All
            ? await store.Messages.CurrentAsync(cancellationToken).ConfigureAwait(false)
            : await store.Messages.PendingAssessmentAsync(cancellationToken).ConfigureAwait(false);
        var engine = await engines.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var exports = await store.ExportRecords.LatestAsync(cancellationToken).ConfigureAwait(false);
        var links = new FilingLinks(store);
        var now = store.Clock.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var results = new List<Assessment>(pending.Count);
        var assessed = new Dictionary<string, Consignment>(pending.Count, StringComparer.Ordinal);
        var enriched = await commerce.EnrichAsync([.. pending.Select(p => (p.DocumentKey, p.Consignment))], cancellationToken).ConfigureAwait(false);
        foreach (var stored in pending)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var consignment = await links.WithFindingAsync(stored with { Consignment = enriched[stored.DocumentKey] }, now, cancellationToken).ConfigureAwait(false);
            consignment = exports.TryGetValue(stored.DocumentKey, out var export) ? consignment with { Export = export } : consignment;
            assessed[stored.DocumentKey] = consignment;
            results.Add(engine.Assess(consignment));
            if (results.Count % 256 == 0)
            {
                progress?.Report(results.Count);
            }
        }
        progress?.Report(results.Count);
        IReadOnlyList<Assessment> batch = results;
        if (engine.ModelVersion is not null && options.Selector is { InspectionShare: > 0 } selector)
        {
            var settings = engine.Settings;
            batch = BatchSelection.Apply(results, selector, (assessment, reasons) => LaneDecision.Decide(assessment.Score, reasons, settings));
        }
        var elapsed = stopwatch.Elapsed;
        await store.Assessments.SaveAsync(batch, cancellationToken).ConfigureAwait(false);
        return new AssessmentSummary(batch, elapsed, engine) { Consignments = assessed };
    }

    /// <summary>Assesses the named consignment versions that are still current and active, and saves the assessment of each version no one saved first.</summary>
    /// <remarks>
    /// What a worker runs for a batch of work items. A version that a later one replaced, or that was cancelled, is left
    /// alone (the later version's own item assesses it). An item delivered twice is assessed twice but written once
    /// (<see cref="OpenCts.Storage.Assessments.IAssessmentStore.SaveFirstAsync"/>); the summary holds only what this call wrote.
    /// </remarks>
    /// <param name="versions">Document keys and versions, as the intake queued them.</param>
    /// <param name="cancellationToken">Stops before anything is saved.</param>
    public async Task<AssessmentSummary> AssessVersionsAsync(IReadOnlyCollection<(string DocumentKey, int Version)> versions, CancellationToken cancellationToken)
    {
        var engine = await engines.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var wanted = new Dictionary<string, int>(versions.Count, StringComparer.Ordinal);
        foreach (var (key, version) in versions)
        {
            wanted[key] = Math.Max(version, wanted.GetValueOrDefault(key));
        }
        var exports = await store.ExportRecords.LatestAsync(cancellationToken).ConfigureAwait(false);
        var links = new FilingLinks(store);
        var now = store.Clock.GetUtcNow();
        var stopwatch = new Stopwatch();
        var results = new List<Assessment>(wanted.Count);
        var assessed = new Dictionary<string, Consignment>(wanted.Count, StringComparer.Ordinal);
        var currents = new List<StoredConsignment>(wanted.Count);
        foreach (var (key, version) in wanted)
        {
            var stored = await store.Messages.VersionsAsync(key, cancellationToken).ConfigureAwait(false);
            if (stored.Count == 0 || stored[^1] is not { } current || current.Version != version || !string.Equals(current.Status, "active", StringComparison.Ordinal))
            {
                continue;
            }
            currents.Add(current);
        }
        var enriched = await commerce.EnrichAsync([.. currents.Select(c => (c.DocumentKey, c.Consignment))], cancellationToken).ConfigureAwait(false);
        foreach (var current in currents)
        {
            var key = current.DocumentKey;
            var consignment = await links.WithFindingAsync(current with { Consignment = enriched[key] }, now, cancellationToken).ConfigureAwait(false);
            consignment = exports.TryGetValue(key, out var export) ? consignment with { Export = export } : consignment;
            assessed[key] = consignment;
            stopwatch.Start();
            results.Add(engine.Assess(consignment));
            stopwatch.Stop();
        }
        cancellationToken.ThrowIfCancellationRequested();
        var saved = results.Count == 0 ? results : await store.Assessments.SaveFirstAsync(results, cancellationToken).ConfigureAwait(false);
        return new AssessmentSummary(saved, stopwatch.Elapsed, engine) { Consignments = assessed };
    }
}
