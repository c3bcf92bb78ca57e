using System.Diagnostics;
using System.Threading.Channels;
using OpenCts.Application.Commerce;
using OpenCts.Application.Engine;
using OpenCts.Application.Filing;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.CrossBorder;
using OpenCts.RiskModel.Selection;
using OpenCts.Storage;
using OpenCts.Storage.Assessments;
using OpenCts.Storage.Messages;
using OpenCts.Targeting.Assessment;

namespace OpenCts.Application.Assessing;

/// <summary>How a batch is assessed: which consignments, and the model's share of examinations.</summary>
/// <param name="All">Every current consignment again (after profiles change), not only those not yet assessed; only the assessments that differ from the one in force are saved.</param>
/// <param name="Selector">The model's batch selection, applied to each page of <see cref="AssessmentRun.PageSize"/>; null turns it off. Used only with a trained model.</param>
/// <param name="KeepResults">Whether the summary holds every assessment and consignment; a bulk run turns it off so that memory stays bounded.</param>
/// <param name="Checkpoint">Whether the run ends by checkpointing the e-commerce indicators when they learned something (<see cref="CommerceHost.Checkpoint"/>): what a run of its own process does, so that the next need not replay the history.</param>
/// <param name="Bulk">Whether the run owns the store while it saves what is pending (a run of its own process), so that the store may set aside what it would keep up to date at each row and build it once at the end (<see cref="IAssessmentStore.BeginBulkSaveAsync"/>); not for a server, whose officers read the worklist meanwhile.</param>
public sealed record AssessOptions(bool All = false, InspectionSelector? Selector = null, bool KeepResults = true, bool Checkpoint = false, bool Bulk = false);

/// <summary>What one assessment run did.</summary>
/// <param name="Assessments">The assessments saved, in the order assessed (empty when the run kept no results); a run over every consignment saves only those that changed.</param>
/// <param name="Elapsed">Time spent assessing, not storing: for a run over what is pending, from its start until its last page was assessed (reading, enriching and assessing, beside the saves of all pages but the last); for a worker's batch, the engine's time alone.</param>
/// <param name="Engine">The engine snapshot they were made with.</param>
public sealed record AssessmentSummary(IReadOnlyList<Assessment> Assessments, TimeSpan Elapsed, TargetingEngine Engine)
{
    /// <summary>The consignments assessed, by document key, as they were assessed (with any finding added then).</summary>
    public IReadOnlyDictionary<string, Consignment> Consignments { get; init; } = new Dictionary<string, Consignment>(StringComparer.Ordinal);

    /// <summary>How many consignments were assessed.</summary>
    public int Count { get; init; } = Assessments.Count;

    /// <summary>How many assessments were saved, kept or not: all of them, except in a run over every consignment, which saves only those that changed.</summary>
    public int Saved { get; init; } = Assessments.Count;

    /// <summary>Whether the run ended by writing a checkpoint of the e-commerce indicators (<see cref="AssessOptions.Checkpoint"/>).</summary>
    public bool Checkpointed { get; init; }
}

/// <summary>Assesses what is pending on the current engine snapshot, applies the model's batch selection, and saves the results journaled.</summary>
/// <remarks>
/// The store is read a page at a time, so memory does not grow with the store. While a page is assessed (on every core:
/// the engine keeps an assessor per thread) the next page is enriched, the one after it read and prepared for enriching,
/// and the previous one saved; the e-commerce indicators learn from each page in order, because their counts depend on it.
/// </remarks>
public sealed class AssessmentRun(ICtsStore store, TargetingEngineHost engines, CommerceHost commerce)
{
    /// <summary>Consignments read, assessed and saved together; large enough that a transaction's cost is spread, small enough to bound memory.</summary>
    public const int PageSize = 1024;

    /// <summary>Assesses every pending (or, with <see cref="AssessOptions.All"/>, every current) consignment, a page at a time.</summary>
    /// <param name="options">Which consignments, the batch selection, and whether to keep the results.</param>
    /// <param name="progress">Told how many consignments have been assessed so far.</param>
    /// <param name="cancellationToken">Stops between pages: the pages saved stay saved.</param>
    public async Task<AssessmentSummary> AssessPendingAsync(AssessOptions options, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        // Over every consignment only what changed is saved, which is seldom many: the store keeps its worklist as it is.
        await using var bulk = options.Bulk && !options.All ? await store.Assessments.BeginBulkSaveAsync(cancellationToken).ConfigureAwait(false) : null;
        var context = new PageContext(await store.ExportRecords.LatestAsync(cancellationToken).ConfigureAwait(false), new FilingLinks(store), store.Clock.GetUtcNow(), options);
        var kept = new List<Assessment>();
        var consignments = new Dictionary<string, Consignment>(StringComparer.Ordinal);
        var count = 0;
        var saved = 0;
        var assessing = TimeSpan.Zero;
        var running = Stopwatch.StartNew();
        var saving = Task.CompletedTask;
        // Pages are read and enriched ahead, one page in hand: enriching learns in the pages' order and from the
        // consignments alone, never from an assessment, so the next page's need not wait for this one's; and for new
        // consignments it runs on one thread, which left the other cores idle while it ran before each page's assessing.
        // Reading a page and preparing it for enriching (what it needs of each consignment alone) is a stage of its own,
        // a page ahead of the enriching, which is the one step that must wait for the page before.
        var read = Channel.CreateBounded<(ConsignmentPage Page, EnrichmentBatch Batch, DataQualityFinding?[] Findings)>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var prepared = Channel.CreateBounded<(ConsignmentPage Page, PreparedPage Ready)>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The first page is read and enriched while the engine is built: preparing it builds the e-commerce indicators
        // first (a checkpoint of a million consignments loads in seconds), and neither build needs the other.
        var reading = Task.Run(() => ReadAheadAsync(read.Writer, context, stop.Token), stop.Token);
        var ahead = Task.Run(() => EnrichAheadAsync(read.Reader, prepared.Writer, context, stop.Token), stop.Token);
        TargetingEngine engine;
        try
        {
            engine = await engines.CurrentAsync(stop.Token).ConfigureAwait(false);
            await foreach (var (page, ready) in prepared.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                var batch = Assess(ready, engine, context.Options, stop.Token);
                // Over every consignment, only what says something other than the assessment in force is saved.
                var toSave = page.InForce is { } inForce ? AssessmentBatches.Changed(batch, inForce) : batch;
                // The stages overlap, so what the run prints as its assessing time is the time until this page was assessed.
                assessing = running.Elapsed;
                await saving.ConfigureAwait(false);
                saving = Task.Run(async () =>
                {
                    var written = await SaveAsync(toSave).ConfigureAwait(false);
                    saved += written.Count;
                    if (options.KeepResults)
                    {
                        kept.AddRange(written);
                    }
                }, stop.Token);
                count += batch.Count;
                progress?.Report(count);
                if (options.KeepResults)
                {
                    foreach (var (key, consignment) in ready.Items)
                    {
                        consignments[key] = consignment;
                    }
                }
            }
            await saving.ConfigureAwait(false);
            await ahead.ConfigureAwait(false);
            await reading.ConfigureAwait(false);
        }
        catch
        {
            // Pages may have been enriched, and learned from, whose assessments were not saved.
            commerce.Forget();
            throw;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            // No read, enrichment or save keeps running after we return, and none of their faults goes unobserved.
            await Task.WhenAll(reading, ahead, saving).ContinueWith(static t => t.Exception, TaskScheduler.Default).ConfigureAwait(false);
        }
        var checkpointed = options.Checkpoint && commerce.Checkpoint();
        return new AssessmentSummary(kept, assessing, engine) { Consignments = consignments, Count = count, Saved = saved, Checkpointed = checkpointed };

        async Task<IReadOnlyList<Assessment>> SaveAsync(IReadOnlyList<Assessment> batch)
        {
            if (batch.Count > 0)
            {
                await store.Assessments.SaveAsync(batch, stop.Token).ConfigureAwait(false);
            }
            return batch;
        }
    }

    /// <summary>Reads the pages in storage order and prepares each for enriching (<see cref="CommerceHost.PrepareAsync"/>), one page ahead of the enriching.</summary>
    /// <remarks>A run over the pending reads the versions not yet assessed; one over every consignment reads each with what the assessment in force for it says.</remarks>
    private async Task ReadAheadAsync(ChannelWriter<(ConsignmentPage Page, EnrichmentBatch Batch, DataQualityFinding?[] Findings)> writer, PageContext context, CancellationToken cancellationToken)
    {
        try
        {
            var after = 0L;
            // A page is read only once the one before has been taken to be enriched, and that one only once the one
            // before it has been taken to be assessed, so that no more pages are held than one saved, one assessed, one
            // enriched and one read: at a million consignments, memory is the e-commerce indicators' and has little to
            // spare. The next page lies after the last in storage order, so reading it races no page's save.
            while (await writer.WaitToWriteAsync(cancellationToken).ConfigureAwait(false)
                && await ReadPageAsync(after).ConfigureAwait(false) is { Items.Count: > 0 } page)
            {
                var batch = await commerce.PrepareAsync([.. page.Items.Select(p => (p.DocumentKey, p.Consignment))], cancellationToken).ConfigureAwait(false);
                // What the filing clock says of each needs nothing the enriching learns, so it is asked here, off the
                // ordered enriching, and added to each consignment there.
                var findings = new DataQualityFinding?[page.Items.Count];
                for (var i = 0; i < findings.Length; i++)
                {
                    findings[i] = await context.Links.FindingAsync(page.Items[i], context.Now, cancellationToken).ConfigureAwait(false);
                }
                await writer.WriteAsync((page, batch, findings), cancellationToken).ConfigureAwait(false);
                if (page.Items.Count < PageSize)
                {
                    break;
                }
                after = page.Next;
            }
            writer.Complete();
        }
        catch (Exception exception)
        {
            writer.Complete(exception);
        }

        Task<ConsignmentPage> ReadPageAsync(long after) => context.Options.All
            ? store.Messages.CurrentPageAsync(after, PageSize, cancellationToken)
            : store.Messages.PageAsync(true, after, PageSize, cancellationToken);
    }

    /// <summary>Enriches the pages read, in their order, one page ahead of the assessing.</summary>
    private async Task EnrichAheadAsync(ChannelReader<(ConsignmentPage Page, EnrichmentBatch Batch, DataQualityFinding?[] Findings)> reader, ChannelWriter<(ConsignmentPage Page, PreparedPage Ready)> writer, PageContext context, CancellationToken cancellationToken)
    {
        try
        {
            // A page is taken from the reading only once there is room for it enriched (see ReadAheadAsync).
            while (await writer.WaitToWriteAsync(cancellationToken).ConfigureAwait(false)
                && await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.TryRead(out var next))
                {
                    var ready = Enrich(next.Page.Items, next.Batch, next.Findings, context, cancellationToken);
                    await writer.WriteAsync((next.Page, ready), cancellationToken).ConfigureAwait(false);
                }
            }
            writer.Complete();
        }
        catch (Exception exception)
        {
            writer.Complete(exception);
        }
    }

    private sealed record PageContext(IReadOnlyDictionary<string, ExportComparison> Exports, FilingLinks Links, DateTimeOffset Now, AssessOptions Options);

    /// <summary>A page ready to assess: each consignment by document key, enriched, with its filing finding and export record.</summary>
    private sealed record PreparedPage((string Key, Consignment Consignment)[] Items);

    /// <summary>Enriches a prepared page in order, and adds what the filing clock (its findings, found as the page was read) and the export records say of each consignment.</summary>
    private PreparedPage Enrich(IReadOnlyList<StoredConsignment> page, EnrichmentBatch batch, DataQualityFinding?[] findings, PageContext context, CancellationToken cancellationToken)
    {
        var enriched = commerce.Enrich(batch, cancellationToken);
        var ready = new (string Key, Consignment Consignment)[page.Count];
        for (var i = 0; i < page.Count; i++)
        {
            var stored = page[i];
            var consignment = FilingLinks.With(enriched[stored.DocumentKey], findings[i]);
            ready[i] = (stored.DocumentKey, context.Exports.TryGetValue(stored.DocumentKey, out var export) ? consignment with { Export = export } : consignment);
        }
        return new PreparedPage(ready);
    }

    /// <summary>Assesses a prepared page on every core, then applies the model's batch selection; the results keep the page's order.</summary>
    private static IReadOnlyList<Assessment> Assess(PreparedPage page, TargetingEngine engine, AssessOptions options, CancellationToken cancellationToken)
    {
        var ready = page.Items;
        var results = new Assessment[ready.Length];
        Parallel.For(0, ready.Length, new ParallelOptions { CancellationToken = cancellationToken }, i => results[i] = engine.Assess(ready[i].Consignment));
        IReadOnlyList<Assessment> batch = results;
        if (engine.ModelVersion is not null && options.Selector is { InspectionShare: > 0 } selector)
        {
            var settings = engine.Settings;
            batch = BatchSelection.Apply(results, selector, (assessment, reasons) => LaneDecision.Decide(assessment.Score, reasons, settings));
        }
        return batch;
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
        // Only the batch's own documents: a worker assesses a few consignments at a time, and reading every export record
        // in the store for each batch would grow with the store.
        var exports = await store.ExportRecords.LatestOfAsync(wanted.Keys, cancellationToken).ConfigureAwait(false);
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
        IReadOnlyList<Assessment> saved;
        try
        {
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
            saved = results.Count == 0 ? results : await store.Assessments.SaveFirstAsync(results, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The batch was learned from but not saved: see CommerceHost.Forget.
            commerce.Forget();
            throw;
        }
        return new AssessmentSummary(saved, stopwatch.Elapsed, engine) { Consignments = assessed };
    }
}
