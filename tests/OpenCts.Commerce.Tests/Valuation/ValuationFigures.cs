using OpenCts.Commerce.Classification;
using OpenCts.Commerce.Ipr;
using OpenCts.Commerce.Tests.Classification;
using OpenCts.Commerce.Valuation;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.Tests.Shared;

namespace OpenCts.Commerce.Tests.Valuation;

/// <summary>Throughput of the reference values, the IPR register and the whole per-line computation, run by hand (docs/ecommerce.md); nothing is asserted about speed.</summary>
public sealed class ValuationFigures(ITestOutputHelper output)
{
    [Fact(Explicit = true)]
    public void Reference_value_IPR_and_goods_facts_throughput_figures()
    {
        var settings = CommerceSettings.Load(RepositoryData.PathOf("commerce", "settings.json"));
        var references = new ReferenceValues(settings);
        var random = new Random(1);
        string[] codes = [.. Enumerable.Range(0, 2_000).Select(i => (100_000 + (i * 397)).ToString("D6", System.Globalization.CultureInfo.InvariantCulture))];
        string[] origins = ["CN", "HK", "VN", "US", "TR", "IN", "KR", "JP"];
        var observe = Throughput.Measure(1_000_000, i => references.Observe(codes[random.Next(codes.Length)], origins[random.Next(origins.Length)], random.NextDouble() * 100));
        output.WriteLine($"Observe: {observe}; {references.Keys:N0} keys, at most {references.SampleSize} values each");
        var sum = 0.0;
        output.WriteLine($"Percentile: {Throughput.Measure(2_000_000, i => sum += references.Percentile(codes[i % codes.Length], origins[i & 7], i % 100))}");

        var register = IprRegister.Load(RepositoryData.PathOf("commerce", "ipr-register.json"));
        string[] descriptions = [.. ParcelCatalogue.Lines(3, 20).Select(l => l.Description), "Lum0ra watch", "Vant3k earbuds", "Nord Haven perfume", "Kiaro sneakers"];
        var hits = 0;
        var scans = Throughput.Measure(1_000_000, i => hits += register.Match(descriptions[i % descriptions.Length], "CN", null, 10) is null ? 0 : 1);
        output.WriteLine($"IPR Match: {scans}; {descriptions.Count(d => register.Match(d, "CN", null, 10) is not null)} of {descriptions.Length} descriptions name a brand (the last 4)");

        var classifier = new HsClassifierTrainer().Train(Nomenclature.Training, 0.5).Train(ParcelCatalogue.Lines(5, 40)).Build();
        var rates = ExchangeRates.Load(RepositoryData.PathOf("commerce", "exchange-rates.csv"), settings.NationalCurrency);
        var calculator = new GoodsFactsCalculator(settings, rates, references, classifier, register);
        var items = ParcelCatalogue.Lines(9, 10).Select((l, i) => new GoodsItem(
            1, HsCode.Parse(codes[i % codes.Length]), l.Description, 1, "PK", 0.5m, null, new Money(20m + i, CurrencyCode.Parse("USD")), CountryCode.Parse(origins[i & 7]))).ToArray();
        output.WriteLine($"GoodsFactsCalculator.Compute: {Throughput.Measure(300_000, i => calculator.Compute(items[i % items.Length], 100))} lines");
    }
}
