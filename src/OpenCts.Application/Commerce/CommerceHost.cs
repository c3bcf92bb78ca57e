using OpenCts.Commerce;
using OpenCts.Commerce.Classification;
using OpenCts.Commerce.Entities;
using OpenCts.Commerce.Valuation;
using OpenCts.Domain.Commerce;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Examinations;
using OpenCts.Storage;
using OpenCts.Storage.Assessments;
using OpenCts.Storage.Messages;

namespace OpenCts.Application.Commerce;

/// <summary>Builds the e-commerce indicators from the store once, then keeps them up to date as consignments are assessed and examined.</summary>
/// <remarks>
/// The build replays what was already assessed, oldest first by the consignments' own instants, then the examinations and
/// the analysts' entity decisions in the order taken; what is still pending is enriched when it is assessed, so its
/// 30-day counts end at it. The classifier is trained at the build, on the HS nomenclature and every stored declaration.
/// Each process (a server, each worker) holds its own indicators, built from the same store.
/// </remarks>
public sealed class CommerceHost(ICtsStore store)
{
    /// <summary>How many tracking numbers one store query asks for: both stores take them as one parameter, so a page's go in one query.</summary>
    private const int OrdersPerQuery = 4096;

    /// <summary>How many assessed versions the build reads again at a time to replay them.</summary>
    private const int ReplayChunk = 2048;

    private readonly SemaphoreSlim _building = new(1, 1);
    private CommerceIndicators? _current;

    /// <summary>The indicators, built on first use.</summary>
    public async ValueTask<CommerceIndicators> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _current) is { } current)
        {
            return current;
        }
        await _building.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is null)
            {
                Volatile.Write(ref _current, await BuildAsync(cancellationToken).ConfigureAwait(false));
            }
            return _current!;
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>The indicators if they were built, without building them.</summary>
    public CommerceIndicators? Built => Volatile.Read(ref _current);

    /// <summary>Drops the indicators built in this process, so that the next use builds them again from the store.</summary>
    /// <remarks>
    /// For a run that learned from consignments and then stopped (cancelled, or failed) before their assessments were
    /// saved: assessed again, they would be enriched as already known, with facts that count what was learned after
    /// them, and their lanes would differ from those of a run that was never stopped. The store, and a checkpoint,
    /// hold only what was saved. A caller still enriching with the dropped indicators finishes with them.
    /// </remarks>
    public void Forget() => Volatile.Write(ref _current, null);

    /// <summary>Enriches a batch about to be assessed, in the order of the consignments' instants, with their platform orders.</summary>
    /// <remarks>
    /// A batch the indicators learn nothing from (<see cref="CommerceIndicators.KnowsAll"/>: every document and party
    /// known, as in a re-assessment) is enriched on every core, since then the order changes nothing. Should a writer
    /// have changed that in between, what it no longer knows is enriched and learned in order after the rest.
    /// </remarks>
    /// <returns>Each consignment with its facts, by document key.</returns>
    public async Task<IReadOnlyDictionary<string, Consignment>> EnrichAsync(IReadOnlyCollection<(string DocumentKey, Consignment Consignment)> batch, CancellationToken cancellationToken) =>
        Enrich(await PrepareAsync(batch, cancellationToken).ConfigureAwait(false), cancellationToken);

    /// <summary>Does for a batch what its enrichment needs of it alone, which may run while an earlier batch is enriched: its platform orders read, its consignments ordered by instant and, unless the indicators know them all, each made ready on every core.</summary>
    /// <remarks>
    /// Nothing here reads what the indicators learn, so a bulk run prepares the next page while this one is enriched
    /// in order (<see cref="Enrich(EnrichmentBatch, CancellationToken)"/>), which is the one step that must wait for the
    /// page before. Whether they know the whole batch is asked again there; it only spares the preparing here.
    /// </remarks>
    public async Task<EnrichmentBatch> PrepareAsync(IReadOnlyCollection<(string DocumentKey, Consignment Consignment)> batch, CancellationToken cancellationToken)
    {
        var indicators = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        var orders = await OrdersOfAsync(batch.Select(b => b.Consignment.Document.Number), cancellationToken).ConfigureAwait(false);
        var now = store.Clock.GetUtcNow();
        var ordered = batch.OrderBy(b => CommerceIndicators.InstantOf(b.Consignment, now)).ToArray();
        var prepared = new PreparedConsignment?[ordered.Length];
        if (!indicators.KnowsAll(ordered))
        {
            // What each consignment's enrichment needs of it alone is made on every core; only linking and counting stay in order.
            Parallel.For(0, ordered.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                prepared[i] = indicators.Prepare(ordered[i].DocumentKey, ordered[i].Consignment, CommerceIndicators.InstantOf(ordered[i].Consignment, now)));
        }
        return new EnrichmentBatch(indicators, ordered, orders, prepared, now);
    }

    /// <summary>Enriches a prepared batch (<see cref="PrepareAsync"/>) as <see cref="EnrichAsync"/> does: batches are enriched in the order they were read.</summary>
    /// <returns>Each consignment with its facts, by document key.</returns>
    public IReadOnlyDictionary<string, Consignment> Enrich(EnrichmentBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (indicators, ordered, orders, prepared, now) = (batch.Indicators, batch.Ordered, batch.Orders, batch.Prepared, batch.Now);
        var known = new Consignment?[ordered.Length];
        if (indicators.KnowsAll(ordered))
        {
            Parallel.For(0, ordered.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                known[i] = indicators.EnrichKnown(ordered[i].DocumentKey, ordered[i].Consignment, orders.GetValueOrDefault(ordered[i].Consignment.Document.Number)));
        }
        var result = new Dictionary<string, Consignment>(ordered.Length, StringComparer.Ordinal);
        for (var i = 0; i < ordered.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (key, consignment) = ordered[i];
            var order = orders.GetValueOrDefault(consignment.Document.Number);
            // Linking the next consignment's parties looks up keys that are mostly out of the cache: they are fetched meanwhile.
            if (known[i] is null && i + 1 < ordered.Length && prepared[i + 1] is { } next)
            {
                indicators.Prefetch(next);
            }
            result[key] = known[i] ?? indicators.Enrich(prepared[i] ?? indicators.Prepare(key, consignment, CommerceIndicators.InstantOf(consignment, now)), order);
        }
        return result;
    }

    /// <summary>Stored consignments with their facts as they stand, learning nothing (<see cref="CommerceIndicators.Peek"/>).</summary>
    public async Task<IReadOnlyList<Consignment>> PeekAsync(IReadOnlyList<StoredConsignment> stored, CancellationToken cancellationToken)
    {
        var indicators = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        var orders = await OrdersOfAsync(stored.Select(s => s.Consignment.Document.Number), cancellationToken).ConfigureAwait(false);
        return [.. stored.Select(s => indicators.Peek(s.DocumentKey, s.Consignment, orders.GetValueOrDefault(s.Consignment.Document.Number)))];
    }

    /// <summary>Counts examinations against their documents' entities, when the indicators are built (a build reads them itself).</summary>
    public void RecordExaminations(IEnumerable<ExaminationResult> results)
    {
        if (Built is not { } indicators)
        {
            return;
        }
        foreach (var result in results)
        {
            indicators.RecordExamination(result.DocumentKey, result.Outcome == ExaminationOutcome.Irregular);
        }
    }

    /// <summary>Before the first assessment: no assessment is vouched for.</summary>
    internal static AssessedVersion BeforeAnyAssessment { get; } = new(0, "", 0);

    /// <summary>How the indicators were built: from a checkpoint (and what it caught up), or from the whole history, and why.</summary>
    public IndicatorsBuild? LastBuild { get; private set; }

    private async Task<CommerceIndicators> BuildAsync(CancellationToken cancellationToken)
    {
        var configuration = CommerceConfiguration.Load(store.DataDirectory);
        var now = store.Clock.GetUtcNow();
        var (indicators, declaredThrough, assessedThrough, decidedThrough, build) = await FromCheckpointAsync(configuration, now, cancellationToken).ConfigureAwait(false) is { } loaded
            ? loaded
            : await FromHistoryAsync(configuration, now, cancellationToken).ConfigureAwait(false);

        // Examinations are counted per document, the last outcome standing: applying one again changes nothing, so all
        // are applied, whatever a checkpoint already held.
        foreach (var result in await store.Examinations.AllAsync(cancellationToken).ConfigureAwait(false))
        {
            indicators.RecordExamination(result.DocumentKey, result.Outcome == ExaminationOutcome.Irregular);
        }
        var decided = decidedThrough;
        foreach (var decision in await store.Commerce.DecisionsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (decision.Id > decidedThrough)
            {
                EntityDecisions.Replay(indicators, decision);
                decided = Math.Max(decided, decision.Id);
            }
        }
        indicators.UseClassifier();
        indicators.DeclaredThrough = declaredThrough;
        indicators.AssessedThrough = assessedThrough;
        indicators.DecidedThrough = decided;
        LastBuild = build;
        return indicators;
    }

    /// <summary>The indicators from the data folder's checkpoint, caught up with what was assessed since; null when there is none that fits this store, build and configuration.</summary>
    private async Task<(CommerceIndicators, HistoryPosition, AssessedVersion, long, IndicatorsBuild)?> FromCheckpointAsync(CommerceConfiguration configuration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var path = IndicatorsCheckpoint.PathIn(store.DataDirectory);
        if (!File.Exists(path))
        {
            return null;
        }
        string? reason;
        if (IndicatorsCheckpoint.ReadHeader(path, out reason) is not { } header)
        {
            SetAside(reason);
            return null;
        }
        if (header.Configuration != configuration.LearningFingerprint)
        {
            SetAside($"{path}: learned under other commerce settings or exchange rates");
            return null;
        }
        if (await StrangerAsync(header, cancellationToken).ConfigureAwait(false) is { } stranger)
        {
            SetAside($"{path}: {stranger}");
            return null;
        }
        if (IndicatorsCheckpoint.Read(path, configuration, out reason) is not { } content)
        {
            SetAside(reason);
            return null;
        }
        var indicators = new CommerceIndicators(configuration, content.Entities, content.References, content.Trainer);
        var declaredThrough = await ReadDeclarationsAsync(content.Trainer, new HistoryPosition(header.DeclaredThrough, header.DeclaredDocument), null, now, cancellationToken).ConfigureAwait(false);
        var through = new AssessedVersion(header.AssessedThrough, header.AssessedDocument, header.AssessedVersion);
        var (caughtUp, position) = await CatchUpAsync(indicators, through, now, cancellationToken).ConfigureAwait(false);
        return (indicators, declaredThrough, position, header.DecidedThrough, new IndicatorsBuild(true, $"checkpoint of {header.WrittenAt:u}", caughtUp));

        void SetAside(string why) => LastBuild = new IndicatorsBuild(false, why, 0);
    }

    /// <summary>Why the store is not the one the checkpoint was learned from, or null when it is.</summary>
    private async Task<string?> StrangerAsync(CheckpointHeader header, CancellationToken cancellationToken)
    {
        if (header.DeclaredThrough > 0)
        {
            var at = await store.Messages.VersionsByIdAsync([header.DeclaredThrough], cancellationToken).ConfigureAwait(false);
            if (at.Count == 0 || at[0].DocumentKey != header.DeclaredDocument)
            {
                return $"the store's consignment version {header.DeclaredThrough} is not the one learned";
            }
        }
        if (header.AssessedThrough > 0)
        {
            var at = await store.Assessments.AssessedAfterAsync(header.AssessedThrough - 1, 1, cancellationToken).ConfigureAwait(false);
            if (at.Count == 0 || at[0].AssessmentId != header.AssessedThrough || at[0].DocumentKey != header.AssessedDocument || at[0].Version != header.AssessedVersion)
            {
                return $"the store's assessment {header.AssessedThrough} is not the one learned";
            }
        }
        foreach (var document in header.Documents)
        {
            if ((await store.Messages.VersionsAsync(document, cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                return $"the store has no consignment {document}, which was learned";
            }
        }
        return null;
    }

    /// <summary>Learns what was assessed after the checkpoint and is not known yet, in the consignments' own order, as a build replays.</summary>
    /// <remarks>
    /// A document the index knows is not learned again, as a live enrichment does not learn it twice. One it knows only
    /// because an examination of it was counted before it was assessed (a rare order) is not learned either; a replay of
    /// the whole history would learn it, since a replay counts examinations last.
    /// </remarks>
    private async Task<(int Learned, AssessedVersion Through)> CatchUpAsync(CommerceIndicators indicators, AssessedVersion through, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const int take = 8192;
        var unknown = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        while (true)
        {
            var page = await store.Assessments.AssessedAfterAsync(through.AssessmentId, take, cancellationToken).ConfigureAwait(false);
            foreach (var assessed in page)
            {
                if (!indicators.Knows(assessed.DocumentKey) || unknown.ContainsKey(assessed.DocumentKey))
                {
                    (unknown.TryGetValue(assessed.DocumentKey, out var versions) ? versions : unknown[assessed.DocumentKey] = []).Add(assessed.Version);
                }
            }
            if (page.Count > 0)
            {
                through = page[^1];
            }
            if (page.Count < take)
            {
                break;
            }
        }
        var order = new List<(DateTimeOffset Instant, string DocumentKey, int Version)>();
        foreach (var (key, versions) in unknown)
        {
            foreach (var stored in await store.Messages.VersionsAsync(key, cancellationToken).ConfigureAwait(false))
            {
                if (versions.Contains(stored.Version))
                {
                    order.Add((CommerceIndicators.InstantOf(stored.Consignment, now), key, stored.Version));
                }
            }
        }
        // Read again in order rather than held: a checkpoint far behind its store may have much to catch up.
        foreach (var (_, key, version) in order.OrderBy(o => o.Instant))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stored = (await store.Messages.VersionsAsync(key, cancellationToken).ConfigureAwait(false)).FirstOrDefault(v => v.Version == version);
            if (stored is not null)
            {
                indicators.Learn(key, stored.Consignment, CommerceIndicators.InstantOf(stored.Consignment, now));
            }
        }
        return (order.Count, through);
    }

    /// <summary>The indicators from the whole stored history: every assessed version replayed in the consignments' own order.</summary>
    private async Task<(CommerceIndicators, HistoryPosition, AssessedVersion, long, IndicatorsBuild)> FromHistoryAsync(CommerceConfiguration configuration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var trainer = NomenclatureTrainer();
        var indicators = new CommerceIndicators(configuration, new EntityIndex(), new ReferenceValues(configuration.Settings), trainer);
        var assessed = new List<(DateTimeOffset Instant, long VersionId)>();
        var declaredThrough = await ReadDeclarationsAsync(trainer, HistoryPosition.Start, assessed, now, cancellationToken).ConfigureAwait(false);

        // The history is replayed in the consignments' own order, read again a chunk at a time, so that memory holds
        // each assessed version's instant and row, not the version itself: a store of millions would not fit. The next
        // chunk is read while this one is learnt (the embedded store reads on the calling thread): reading and decoding
        // were a third of the replay's time in a profile of cts assess --all.
        var chunks = assessed.OrderBy(a => a.Instant).Select(a => a.VersionId).Chunk(ReplayChunk).ToList();
        Task<IReadOnlyList<StoredConsignment>> Read(long[] ids) => Task.Run(() => store.Messages.VersionsByIdAsync(ids, cancellationToken), cancellationToken);
        var reading = chunks.Count > 0 ? Read(chunks[0]) : null;
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = await reading!.ConfigureAwait(false);
            reading = i + 1 < chunks.Count ? Read(chunks[i + 1]) : null;
            // Prepared on every core, learned in order, as a page of new consignments is enriched (EnrichAsync).
            var prepared = new PreparedConsignment[chunk.Count];
            Parallel.For(0, chunk.Count, new ParallelOptions { CancellationToken = cancellationToken }, j =>
                prepared[j] = indicators.Prepare(chunk[j].DocumentKey, chunk[j].Consignment, CommerceIndicators.InstantOf(chunk[j].Consignment, now)));
            for (var j = 0; j < prepared.Length; j++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (j + 1 < prepared.Length)
                {
                    indicators.Prefetch(prepared[j + 1]);
                }
                indicators.Learn(prepared[j]);
            }
        }
        // No assessment is vouched for: what was assessed while the history was read may or may not have been learned.
        // A checkpoint of these indicators catches up from the first assessment, which costs a read of the assessments' keys.
        var reason = LastBuild is { FromCheckpoint: false } setAside ? setAside.Reason : "no checkpoint";
        return (indicators, declaredThrough, BeforeAnyAssessment, 0, new IndicatorsBuild(false, reason, assessed.Count));
    }

    /// <summary>Writes a checkpoint of the indicators to the data folder, when they learned something since they were built or last checkpointed.</summary>
    /// <remarks>
    /// Not when an analyst's decision was applied to them live: where it falls among the stored decisions is not known
    /// here, so a checkpoint could not say which decisions it holds. The next build, which replays it, checkpoints again.
    /// </remarks>
    /// <returns>Whether a checkpoint was written.</returns>
    public bool Checkpoint()
    {
        if (Built is not { References: { } references, SavedTrainer: { } trainer } indicators)
        {
            return false;
        }
        var written = false;
        indicators.Checkpointed(() =>
        {
            if (indicators.DecidedLive || indicators.LearnedSinceCheckpoint == 0)
            {
                return false;
            }
            var entities = indicators.Entities;
            var count = entities.DocumentCount;
            string[] documents = count == 0 ? [] : [.. new[] { 0, count / 2, count - 1 }.Distinct().Select(entities.DocumentKeyAt)];
            var through = indicators.AssessedThrough;
            var declared = indicators.DeclaredThrough;
            var header = new CheckpointHeader(declared.After, declared.DocumentKey, through.AssessmentId, through.DocumentKey, through.Version, indicators.DecidedThrough, documents,
                IndicatorsCheckpoint.CurrentBuild, indicators.Configuration.LearningFingerprint, store.Clock.GetUtcNow());
            IndicatorsCheckpoint.Write(IndicatorsCheckpoint.PathIn(store.DataDirectory), header, trainer, references, entities);
            written = true;
            return true;
        });
        return written;
    }

    /// <summary>Where a data folder's checkpoint of the indicators is kept: <c>commerce/indicators.checkpoint</c>.</summary>
    public static string CheckpointPath(string dataDirectory) => IndicatorsCheckpoint.PathIn(dataDirectory);

    /// <summary>Removes the data folder's checkpoint, so that the next build replays the store: after records were purged, a checkpoint would still hold what they taught.</summary>
    public static void DiscardCheckpoint(string dataDirectory)
    {
        var path = IndicatorsCheckpoint.PathIn(dataDirectory);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Reads the stored history after <paramref name="from"/> a page at a time: the classifier learns every declaration; each version already assessed is kept as its instant and row, to replay, when <paramref name="assessed"/> is given.</summary>
    /// <remarks>On a fresh bulk load, where everything is pending, nothing is kept.</remarks>
    /// <returns>Where the reading stopped.</returns>
    private async Task<HistoryPosition> ReadDeclarationsAsync(
        HsClassifierTrainer trainer, HistoryPosition from, List<(DateTimeOffset Instant, long VersionId)>? assessed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const int take = 2048;
        var through = from;
        var page = await store.Messages.HistoryPageAsync(from.After, take, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            // The next page is read while this one is learnt: the embedded store reads on the calling thread.
            var after = page.Next;
            var next = page.Items.Count == take ? Task.Run(() => store.Messages.HistoryPageAsync(after, take, cancellationToken), cancellationToken) : null;
            foreach (var item in page.Items)
            {
                foreach (var line in item.Outline.Goods)
                {
                    trainer.Observe(line.Description, line.HsCode);
                }
                if (assessed is not null && !item.Pending)
                {
                    assessed.Add((CommerceIndicators.InstantOf(item.Outline, now), item.VersionId));
                }
            }
            if (page.Items.Count > 0)
            {
                through = new HistoryPosition(page.Next, page.Items[^1].DocumentKey);
            }
            if (next is null)
            {
                return through;
            }
            page = await next.ConfigureAwait(false);
        }
    }

    /// <summary>A classifier trainer that has read every heading and subheading description of HS 2022.</summary>
    public static HsClassifierTrainer NomenclatureTrainer()
    {
        var trainer = new HsClassifierTrainer();
        using var stream = typeof(Ingestion.Reference.HsNomenclature).Assembly.GetManifestResourceStream("OpenCts.Reference.harmonized-system.csv")
            ?? throw new InvalidOperationException("the HS nomenclature is missing from the build");
        using var reader = new StreamReader(stream);
        trainer.Train(HsNomenclature.Read(reader, "harmonized-system.csv"));
        return trainer;
    }

    private async Task<IReadOnlyDictionary<string, PlatformOrder>> OrdersOfAsync(IEnumerable<string> trackingNumbers, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, PlatformOrder>(StringComparer.Ordinal);
        foreach (var chunk in trackingNumbers.Distinct(StringComparer.Ordinal).Chunk(OrdersPerQuery))
        {
            foreach (var (tracking, order) in PlatformOrders.ByTracking(await store.Commerce.OrdersByTrackingAsync(chunk, cancellationToken).ConfigureAwait(false)))
            {
                result[tracking] = order;
            }
        }
        return result;
    }
}
