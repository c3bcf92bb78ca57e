using OpenCts.Commerce.Valuation;
using OpenCts.Domain.Values;
using OpenCts.Tests.Shared;

namespace OpenCts.Commerce.Tests.Valuation;

public sealed class ExchangeRatesTests
{
    private static readonly CurrencyCode Euro = CurrencyCode.Parse("EUR");

    private static ExchangeRates Read(string csv) => ExchangeRates.Read(new StringReader(csv), "rates.csv", Euro);

    [Fact]
    public void The_default_rates_convert_dollars_into_euros_by_dividing_by_the_units_per_euro()
    {
        var rates = ExchangeRates.Load(RepositoryData.PathOf("commerce", "exchange-rates.csv"), Euro);

        Assert.Equal(100.0, rates.ToNational(new Money(108m, CurrencyCode.Parse("USD"))), 6);
        Assert.Equal(42.0, rates.ToNational(new Money(42m, Euro)), 6);
        Assert.Equal(new DateOnly(2026, 12, 1), rates.Date);
    }

    [Fact]
    public void A_currency_without_a_rate_converts_to_NaN()
    {
        var rates = Read("currency,unitsPerNational\nUSD,1.1\n");

        Assert.True(double.IsNaN(rates.ToNational(new Money(10m, CurrencyCode.Parse("ISK")))));
    }

    [Fact]
    public void A_rate_that_is_not_a_positive_number_is_refused_with_its_line_and_field()
    {
        var error = Assert.Throws<CommerceFileException>(() => Read("currency,unitsPerNational,date\nUSD,1.08,2026-12-01\nGBP,-0.85,2026-12-01\n"));

        Assert.Equal("rates.csv:3: unitsPerNational: '-0.85' is not a positive number", error.Message);
    }

    [Fact]
    public void A_currency_given_twice_is_refused_naming_both_lines()
    {
        var error = Assert.Throws<CommerceFileException>(() => Read("currency,unitsPerNational\nUSD,1.08\nJPY,160\nUSD,1.09\n"));

        Assert.Equal("rates.csv:4: currency: USD already has a rate on line 2", error.Message);
    }

    [Fact]
    public void An_unknown_currency_a_bad_date_and_a_missing_column_are_refused_at_their_place()
    {
        Assert.Equal("rates.csv:2: currency: currency 'XYZ' is not an ISO 4217 code", Assert.Throws<CommerceFileException>(() => Read("currency,unitsPerNational\nXYZ,1\n")).Message);
        Assert.Equal("rates.csv:2: date: '01/12/2026' is not a date (yyyy-MM-dd)", Assert.Throws<CommerceFileException>(() => Read("currency,unitsPerNational,date\nUSD,1.08,01/12/2026\n")).Message);
        Assert.Equal("rates.csv:1: unitsPerNational: column missing; the header is currency,unitsPerNational,date", Assert.Throws<CommerceFileException>(() => Read("currency,rate\nUSD,1.08\n")).Message);
    }

    [Fact]
    public void The_national_currency_at_another_rate_than_one_is_refused()
    {
        var error = Assert.Throws<CommerceFileException>(() => Read("currency,unitsPerNational\nEUR,1.2\n"));

        Assert.Equal("rates.csv:2: unitsPerNational: the national currency EUR must convert at 1, not 1.2", error.Message);
    }
}
