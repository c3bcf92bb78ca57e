using OpenCts.Commerce;
using OpenCts.Commerce.Classification;
using OpenCts.Commerce.Entities;
using OpenCts.Commerce.Valuation;
using OpenCts.Domain.Commerce;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Examinations;
using OpenCts.Storage;
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
    /// <summary>How many tracking numbers one store query asks for.</summary>
    private const int OrdersPerQuery = 500;

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

    /// <summary>Enriches a batch about to be assessed, in the order of the consignments' instants, with their platform orders.</summary>
    /// <returns>Each consignment with its facts, by document key.</returns>
    public async Task<IReadOnlyDictionary<string, Consignment>> EnrichAsync(IReadOnlyCollection<(string DocumentKey, Consignment Consignment)> batch, CancellationToken cancellationToken)
    {
        var indicators = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        var orders = await OrdersOfAsync(batch.Select(b => b.Consignment.Document.Number), cancellationToken).ConfigureAwait(false);
        var now = store.Clock.GetUtcNow();
        var result = new Dictionary<string, Consignment>(batch.Count, StringComparer.Ordinal);
        foreach (var (key, consignment) in batch.OrderBy(b => CommerceIndicators.InstantOf(b.Consignment, now)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            result[key] = indicators.Enrich(key, consignment, CommerceIndicators.InstantOf(consignment, now), orders.GetValueOrDefault(consignment.Document.Number));
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

    private async Task<CommerceIndicators> BuildAsync(CancellationToken cancellationToken)
    {
        var configuration = CommerceConfiguration.Load(store.DataDirectory);
        var now = store.Clock.GetUtcNow();
        var (trainer, assessed) = await ReadHistoryAsync(now, cancellationToken).ConfigureAwait(false);
        var references = new ReferenceValues(configuration.Settings);
        var goods = new GoodsFactsCalculator(configuration.Settings, configuration.Rates, references, trainer.Build(), configuration.Register);
        var indicators = new CommerceIndicators(configuration, new EntityIndex(), goods);

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
            foreach (var stored in chunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var consignment = stored.Consignment;
                indicators.Learn(stored.DocumentKey, consignment, CommerceIndicators.InstantOf(consignment, now));
            }
        }
        foreach (var result in await store.Examinations.AllAsync(cancellationToken).ConfigureAwait(false))
        {
            indicators.RecordExamination(result.DocumentKey, result.Outcome == ExaminationOutcome.Irregular);
        }
        foreach (var decision in await store.Commerce.DecisionsAsync(cancellationToken).ConfigureAwait(false))
        {
            EntityDecisions.Replay(indicators, decision);
        }
        return indicators;
    }

    /// <summary>Reads the store a page at a time: the classifier learns every declaration; each consignment already assessed is kept as its instant and row, to replay.</summary>
    /// <remarks>On a fresh bulk load, where everything is pending, nothing is kept.</remarks>
    private async Task<(HsClassifierTrainer Trainer, List<(DateTimeOffset Instant, long VersionId)> Assessed)> ReadHistoryAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        const int take = 2048;
        var trainer = NomenclatureTrainer();
        var assessed = new List<(DateTimeOffset Instant, long VersionId)>();
        var page = await store.Messages.HistoryPageAsync(0, take, cancellationToken).ConfigureAwait(false);
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
                if (!item.Pending)
                {
                    assessed.Add((CommerceIndicators.InstantOf(item.Outline, now), item.VersionId));
                }
            }
            if (next is null)
            {
                return (trainer, assessed);
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
