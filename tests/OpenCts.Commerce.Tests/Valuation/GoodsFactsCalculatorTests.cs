using OpenCts.Commerce.Classification;
using OpenCts.Commerce.Ipr;
using OpenCts.Commerce.Tests.Classification;
using OpenCts.Commerce.Valuation;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.Tests.Shared;

namespace OpenCts.Commerce.Tests.Valuation;

public sealed class GoodsFactsCalculatorTests
{
    private static readonly CommerceSettings Settings = CommerceSettings.Load(RepositoryData.PathOf("commerce", "settings.json"));
    private static readonly ExchangeRates Rates = ExchangeRates.Load(RepositoryData.PathOf("commerce", "exchange-rates.csv"), Settings.NationalCurrency);
    private static readonly IprRegister Register = IprRegister.Load(RepositoryData.PathOf("commerce", "ipr-register.json"));
    private static readonly HsClassifier Classifier = new HsClassifierTrainer().Train(Nomenclature.Training, 0.5).Train(ParcelCatalogue.Lines(5, 40)).Build();

    private static GoodsItem Line(string description, string hs, decimal value, string currency, decimal grossKg, string origin, decimal? netKg = null, int packages = 1) =>
        new(1, HsCode.Parse(hs), description, packages, "PK", grossKg, netKg, new Money(value, CurrencyCode.Parse(currency)), CountryCode.Parse(origin));

    private static GoodsFactsCalculator Calculator(ReferenceValues references) => new(Settings, Rates, references, Classifier, Register);

    [Fact]
    public void Earbuds_declared_at_a_tenth_of_their_reference_value_and_price_paid_are_flagged_on_every_count()
    {
        var references = new ReferenceValues(Settings);
        var calculator = Calculator(references);
        for (var i = 0; i < 40; i++)
        {
            // 0.5 kg of earbuds at 100 to 139 EUR: 200 to 278 EUR a kilogram.
            calculator.Observe(Line("wireless earbuds", "851830", 100 + i, "EUR", 0.5m, "CN"));
        }
        // 12 USD is 11.11 EUR for 0.5 kg: 22.2 EUR a kilogram.
        var line = Line("Vant3k wireless earbuds", "851830", 12m, "USD", 0.5m, "CN");

        var facts = calculator.Compute(line, platformPriceNational: 111.1, manufacturer: "Shenzhen Sound Co.");

        Assert.Equal(0, facts.ValuePercentile);
        var median = references.Lookup("851830", "CN")!.Median;
        var declared = 12 / 1.08;
        Assert.Equal(RevenueAtRisk.Of(Settings, "851830", declared, median * 0.5), facts.RevenueAtRisk, 9);
        Assert.True(facts.RevenueAtRisk > 20);
        Assert.Equal(111.1, facts.PlatformPrice);
        Assert.Equal(declared / 111.1, facts.DeclaredToPaidRatio, 9);
        Assert.Equal("8518", facts.PredictedHs4);
        Assert.True(facts.HsAgreement > 0.9);
        Assert.Equal("Vantek", facts.IprBrand);
        Assert.True(facts.IprSuspect);
    }

    [Fact]
    public void A_line_is_compared_with_history_only_once_it_has_enough_and_learns_after()
    {
        var references = new ReferenceValues(Settings);
        var calculator = Calculator(references);
        var line = Line("cotton t-shirt", "610910", 10m, "EUR", 0.2m, "BD");

        var first = calculator.Compute(line, double.NaN);

        Assert.True(double.IsNaN(first.ValuePercentile));
        Assert.True(double.IsNaN(first.RevenueAtRisk));
        Assert.True(double.IsNaN(first.PlatformPrice));
        Assert.True(double.IsNaN(first.DeclaredToPaidRatio));
        Assert.Equal("6109", first.PredictedHs4);
        Assert.Null(first.IprBrand);
        Assert.False(first.IprSuspect);
        for (var i = 0; i < 20; i++)
        {
            calculator.Observe(line);
        }
        var later = calculator.Compute(line, double.NaN);
        Assert.Equal(50, later.ValuePercentile);
        Assert.Equal(0, later.RevenueAtRisk);
    }

    [Fact]
    public void The_unit_value_is_per_kilogram_of_net_mass_when_given_and_gross_otherwise()
    {
        var calculator = Calculator(new ReferenceValues(Settings));

        Assert.Equal(50, calculator.UnitValue(Line("perfume", "330300", 100m, "EUR", 4m, "FR", netKg: 2m)));
        Assert.Equal(25, calculator.UnitValue(Line("perfume", "330300", 100m, "EUR", 4m, "FR")));
        Assert.True(double.IsNaN(calculator.UnitValue(Line("perfume", "330300", 100m, "XOF", 4m, "FR"))));
    }

    [Fact]
    public void A_brand_line_is_judged_against_its_floor_per_package()
    {
        var calculator = Calculator(new ReferenceValues(Settings));

        // 600 EUR for 3 Lumora watches from Switzerland: 200 a unit, above the floor of 150.
        var genuine = calculator.Compute(Line("Lumora watch", "910211", 600m, "EUR", 0.6m, "CH", packages: 3), double.NaN);
        var cheap = calculator.Compute(Line("Lumora watch", "910211", 300m, "EUR", 0.6m, "CH", packages: 3), double.NaN);

        Assert.Equal("Lumora", genuine.IprBrand);
        Assert.False(genuine.IprSuspect);
        Assert.True(cheap.IprSuspect);
    }

    [Fact]
    public void Rates_or_a_register_in_another_currency_than_the_settings_are_refused()
    {
        var dollars = new ExchangeRates(CurrencyCode.Parse("USD"), new Dictionary<string, double>());
        var register = new IprRegister([]) { Currency = CurrencyCode.Parse("GBP") };

        Assert.Throws<ArgumentException>(() => new GoodsFactsCalculator(Settings, dollars, new ReferenceValues()));
        Assert.Throws<ArgumentException>(() => new GoodsFactsCalculator(Settings, Rates, new ReferenceValues(), register: register));
    }
}
