using OpenCts.Application.Commerce;
using OpenCts.Application.Commerce.Bench;
using OpenCts.Domain.Commerce;
using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.Samples.Ecommerce;
using OpenCts.Targeting.Profiles.Compilation;

namespace OpenCts.Application.Tests.Commerce;

/// <summary>
/// Each e-commerce indicator measured against the truth planted in the synthetic stream, with the floors it must hold.
/// The stream runs through the indicators in order, as intake runs it; the profiles are compiled by the real compiler.
/// </summary>
public sealed class IndicatorQualityTests(IndicatorQualityTests.Stream stream, ITestOutputHelper output) : IClassFixture<IndicatorQualityTests.Stream>
{
    public const string SplitShipments = "consignee.entity.parcels30d >= 5 and consignee.entity.value30d > 150";

    /// <summary>The stream, enriched once for every test of the class.</summary>
    public sealed class Stream
    {
        public const int Parcels = 15_000;

        public Stream()
        {
            var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
            var options = new EcommerceOptions(start);
            var trainer = CommerceHost.NomenclatureTrainer();
            foreach (var history in new EcommerceGenerator(7, options).Generate(10_000))
            {
                foreach (var item in history.Consignment.Goods)
                {
                    trainer.Observe(item.Description, item.HsCode?.Value);
                }
            }
            Indicators = CommerceIndicators.Create(CommerceConfiguration.Defaults(), trainer.Build());
            foreach (var parcel in new EcommerceGenerator(3, options).Generate(Parcels))
            {
                var c = parcel.Consignment;
                Enriched.Add((Indicators.Enrich(c.Document.Key, c, CommerceIndicators.InstantOf(c, start), parcel.Order), parcel));
            }
        }

        public CommerceIndicators Indicators { get; }

        public List<(Consignment Consignment, EcommerceParcel Parcel)> Enriched { get; } = [];

        public IEnumerable<(GoodsFacts Facts, LineTruth Truth, EcommerceParcel Parcel)> Lines =>
            Enriched.SelectMany(e => e.Consignment.Goods.Zip(e.Parcel.Truth.Lines, (g, t) => (g.Commerce!, t, e.Parcel)));
    }

    private (double Precision, double Recall) Measure<T>(string what, IEnumerable<T> items, Func<T, bool> flagged, Func<T, bool> planted)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var item in items)
        {
            var (f, p) = (flagged(item), planted(item));
            tp += f && p ? 1 : 0;
            fp += f && !p ? 1 : 0;
            fn += !f && p ? 1 : 0;
        }
        var precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 1 : (double)tp / (tp + fn);
        output.WriteLine($"{what}: precision {precision:P1} ({tp} of {tp + fp}), recall {recall:P1} ({tp} of {tp + fn})");
        return (precision, recall);
    }

    [Fact]
    public void The_split_shipment_profile_flags_a_ring_from_its_fifth_parcel_and_almost_no_one_else()
    {
        var profile = new ProfileCompiler().Compile(SplitShipments);
        var context = new EvaluationContext(TimeProvider.System);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var parcels = stream.Enriched.Select(e =>
        {
            var ring = e.Parcel.Truth.RingId;
            var nth = ring is null ? 0 : seen[ring] = seen.GetValueOrDefault(ring) + 1;
            return (e.Consignment, Ring: ring, Nth: nth);
        }).ToList();

        // The rule can only see a ring once five of its parcels have come within 30 days; earlier ones count as not planted.
        var (precision, recall) = Measure("ring parcels from the 5th", parcels, p => profile.Matches(p.Consignment, context), p => p.Ring is not null && p.Nth >= 5);
        var anyRing = Measure("ring parcels, any", parcels, p => profile.Matches(p.Consignment, context), p => p.Ring is not null);

        Assert.True(precision >= 0.90, $"precision {precision:P1}");
        Assert.True(recall >= 0.95, $"recall {recall:P1}");
        Assert.True(anyRing.Precision >= 0.95, $"precision over every ring parcel {anyRing.Precision:P1}");
    }

    [Fact]
    public void Undervalued_lines_are_found_by_their_value_percentile_or_the_price_paid()
    {
        var (precision, recall) = Measure("undervalued lines", stream.Lines,
            l => l.Facts.ValuePercentile < 5 || l.Facts.DeclaredToPaidRatio < 0.5, l => l.Truth.Undervalued);
        var byPercentile = Measure("undervalued lines by percentile alone", stream.Lines, l => l.Facts.ValuePercentile < 5, l => l.Truth.Undervalued);
        var byOrder = Measure("undervalued lines with an order, by the ratio alone", stream.Lines.Where(l => l.Parcel.Order is not null),
            l => l.Facts.DeclaredToPaidRatio < 0.5, l => l.Truth.Undervalued);

        Assert.True(precision >= 0.55, $"precision {precision:P1}");
        Assert.True(recall >= 0.88, $"recall {recall:P1}");
        Assert.True(byOrder.Precision >= 0.95 && byOrder.Recall >= 0.95, $"with an order: {byOrder}");
        Assert.True(byPercentile.Recall >= 0.5, $"by percentile: {byPercentile}");
    }

    [Fact]
    public void Misdescribed_lines_get_low_agreement_between_their_description_and_their_code()
    {
        var (precision, recall) = Measure("misdescribed lines", stream.Lines, l => l.Facts.HsAgreement < 0.01, l => l.Truth.Misdescribed);

        Assert.True(precision >= 0.95, $"precision {precision:P1}");
        Assert.True(recall >= 0.92, $"recall {recall:P1}");
    }

    [Fact]
    public void Fake_brands_are_suspect_and_genuine_ones_are_not()
    {
        var (precision, recall) = Measure("fake brand lines", stream.Lines, l => l.Facts.IprSuspect, l => l.Truth.FakeBrand);
        var genuine = stream.Lines.Where(l => l.Truth.GenuineBrand).ToList();
        var genuineFlagged = genuine.Count(l => l.Facts.IprSuspect);
        output.WriteLine($"genuine brand lines flagged: {genuineFlagged} of {genuine.Count}; brand named on {genuine.Count(l => l.Facts.IprBrand is not null)}");

        Assert.True(precision >= 0.95, $"precision {precision:P1}");
        Assert.True(recall >= 0.95, $"recall {recall:P1}");
        Assert.NotEmpty(genuine);
        Assert.True(genuineFlagged <= genuine.Count / 20, $"{genuineFlagged} of {genuine.Count} genuine lines flagged");
    }

    [Fact]
    public void Entity_resolution_links_the_parties_of_the_stream_pairwise_as_the_truth_says()
    {
        var buyers = new PairwiseQuality();
        var sellers = new PairwiseQuality();
        foreach (var (consignment, parcel) in stream.Enriched)
        {
            buyers.Add(stream.Indicators.EntityOf(consignment.Document.Key, PartyRole.Consignee)!, parcel.Truth.ConsigneeId);
            sellers.Add(stream.Indicators.EntityOf(consignment.Document.Key, PartyRole.Consignor)!, parcel.Truth.ConsignorId);
        }
        output.WriteLine($"consignees: precision {buyers.Precision:P2}, recall {buyers.Recall:P2} over {buyers.TruePairs} true pairs");
        output.WriteLine($"consignors: precision {sellers.Precision:P2}, recall {sellers.Recall:P2} over {sellers.TruePairs} true pairs");

        Assert.True(buyers.Precision >= 0.98 && buyers.Recall >= 0.95, $"consignees {buyers.Precision:P2} / {buyers.Recall:P2}");
        Assert.True(sellers.Precision >= 0.98 && sellers.Recall >= 0.95, $"consignors {sellers.Precision:P2} / {sellers.Recall:P2}");
    }
}
