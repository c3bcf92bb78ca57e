using System.Diagnostics;
using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.Samples.Ecommerce;

namespace OpenCts.Application.Commerce.Bench;

/// <summary>What <c>cts bench ecommerce</c> measured.</summary>
/// <param name="Parcels">Parcels run through the indicators.</param>
/// <param name="IndicatorSeconds">Time spent in the indicator updates alone (entity resolution, rolling counts, reference values, classifier, IPR register), generation excluded.</param>
/// <param name="ParcelsPerSecond">Parcels over that time.</param>
/// <param name="PeakWorkingSetMegabytes">The process's peak resident memory.</param>
/// <param name="ManagedHeapMegabytes">The managed heap after a full collection at the end: what the indicators keep.</param>
/// <param name="Entities">Party records linked, and the pairwise quality of consignee and consignor entities against the generator's truth.</param>
/// <param name="EntityPrecision">Pairwise precision of entity resolution.</param>
/// <param name="EntityRecall">Pairwise recall of entity resolution.</param>
/// <param name="TrainingSeconds">Time to train the description classifier (nomenclature and a history of parcels), not counted above.</param>
public sealed record EcommerceBenchResult(
    int Parcels,
    double IndicatorSeconds,
    double ParcelsPerSecond,
    double PeakWorkingSetMegabytes,
    double ManagedHeapMegabytes,
    long Entities,
    double EntityPrecision,
    double EntityRecall,
    double TrainingSeconds)
{
    /// <summary>Processor time of the whole process over the measured spans (the indicators' thread and the collector's).</summary>
    public double ProcessorSeconds { get; init; }

    /// <summary>Parcels per second of processor time: what one free core would do, whatever else the machine runs.</summary>
    public double ParcelsPerProcessorSecond => Parcels / Math.Max(ProcessorSeconds, 1e-9);

    /// <summary>Pairwise precision and recall over the consignees (buyers) alone.</summary>
    public (double Precision, double Recall) Consignees { get; init; }

    /// <summary>Pairwise precision and recall over the consignors (sellers) alone.</summary>
    public (double Precision, double Recall) Consignors { get; init; }
}

/// <summary>Runs the synthetic e-commerce stream through the indicators in one thread, as intake does, and measures them.</summary>
/// <remarks>
/// The stream is generated as it is consumed, so memory holds only what the indicators keep. Entity quality is taken on
/// the final entities (after every merge), by generating the same stream a second time, which keeps the truth out of
/// memory during the run.
/// </remarks>
public static class EcommerceBench
{
    /// <summary>Parcels of a second stream the classifier learns from, as it would from stored declarations.</summary>
    public const int HistoryParcels = 20_000;

    /// <summary>Parcels generated ahead of each measured span.</summary>
    private const int Chunk = 10_000;

    public static EcommerceBenchResult Run(int parcels, int seed, IProgress<int>? progress = null)
    {
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var options = new EcommerceOptions(start);
        var configuration = CommerceConfiguration.Defaults();
        var training = Stopwatch.StartNew();
        var trainer = CommerceHost.NomenclatureTrainer();
        foreach (var parcel in new EcommerceGenerator(seed + 1, options).Generate(HistoryParcels))
        {
            foreach (var item in parcel.Consignment.Goods)
            {
                trainer.Observe(item.Description, item.HsCode?.Value);
            }
        }
        var indicators = CommerceIndicators.Create(configuration, trainer.Build());
        training.Stop();

        // Parcels are generated a chunk at a time outside the measured span, so the clocks see the indicators alone.
        var timer = new Stopwatch();
        var processor = TimeSpan.Zero;
        var done = 0;
        var self = Process.GetCurrentProcess();
        foreach (var chunk in new EcommerceGenerator(seed, options).Generate(parcels).Chunk(Chunk))
        {
            var work = chunk.Select(p => (Key: p.Consignment.Document.Key, p.Consignment, At: CommerceIndicators.InstantOf(p.Consignment, start), p.Order)).ToArray();
            self.Refresh();
            var before = self.TotalProcessorTime;
            timer.Start();
            foreach (var (key, consignment, at, order) in work)
            {
                indicators.Enrich(key, consignment, at, order);
            }
            timer.Stop();
            self.Refresh();
            processor += self.TotalProcessorTime - before;
            done += chunk.Length;
            progress?.Report(done);
        }
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        GC.Collect();
        var heap = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;

        var quality = new PairwiseQuality();
        var buyers = new PairwiseQuality();
        var sellers = new PairwiseQuality();
        foreach (var parcel in new EcommerceGenerator(seed, options).Generate(parcels))
        {
            var key = parcel.Consignment.Document.Key;
            if (indicators.EntityOf(key, PartyRole.Consignee) is { } consignee)
            {
                quality.Add(consignee, parcel.Truth.ConsigneeId);
                buyers.Add(consignee, parcel.Truth.ConsigneeId);
            }
            if (indicators.EntityOf(key, PartyRole.Consignor) is { } consignor)
            {
                quality.Add(consignor, parcel.Truth.ConsignorId);
                sellers.Add(consignor, parcel.Truth.ConsignorId);
            }
        }
        GC.KeepAlive(indicators);
        return new EcommerceBenchResult(parcels, timer.Elapsed.TotalSeconds, parcels / Math.Max(timer.Elapsed.TotalSeconds, 1e-9), peak, heap,
            quality.Records, quality.Precision, quality.Recall, training.Elapsed.TotalSeconds)
        {
            ProcessorSeconds = processor.TotalSeconds,
            Consignees = (buyers.Precision, buyers.Recall),
            Consignors = (sellers.Precision, sellers.Recall),
        };
    }
}
