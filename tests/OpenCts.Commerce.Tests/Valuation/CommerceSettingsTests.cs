using OpenCts.Commerce.Valuation;
using OpenCts.Tests.Shared;

namespace OpenCts.Commerce.Tests.Valuation;

public sealed class CommerceSettingsTests
{
    [Fact]
    public void The_default_settings_file_reads_as_euros_with_a_duty_de_minimis_of_150_and_VAT_at_21_percent()
    {
        var settings = CommerceSettings.Load(RepositoryData.PathOf("commerce", "settings.json"));

        Assert.Equal("EUR", settings.NationalCurrency.Value);
        Assert.Equal(150, settings.DutyDeMinimis);
        Assert.Equal(0, settings.VatDeMinimis);
        Assert.Equal(0.21, settings.VatRate);
        Assert.Equal(20, settings.MinimumHistory);
        Assert.All(settings.DutyRates.Values, rate => Assert.InRange(rate, 0, 0.12));
    }

    [Fact]
    public void A_heading_rate_wins_over_its_chapter_and_a_code_no_rate_names_takes_the_default()
    {
        var settings = CommerceSettings.Parse("""{"nationalCurrency": "EUR", "vatRate": 0.2, "defaultDutyRate": 0.05, "dutyRates": {"64": 0.08, "6404": 0.12}}""");

        Assert.Equal(0.12, settings.DutyRate("640411"));
        Assert.Equal(0.08, settings.DutyRate("640320"));
        Assert.Equal(0.05, settings.DutyRate("851830"));
    }

    [Fact]
    public void A_VAT_rate_above_one_is_refused_with_its_file_line_and_field()
    {
        var error = Assert.Throws<CommerceFileException>(() => CommerceSettings.Parse("{\n  \"nationalCurrency\": \"EUR\",\n  \"vatRate\": 21,\n  \"defaultDutyRate\": 0\n}"));

        Assert.Equal("settings.json:3: $.vatRate: 21 is out of range; it must be from 0 to 1", error.Message);
        Assert.Equal(3, error.Line);
        Assert.Equal("$.vatRate", error.FieldPath);
    }

    [Fact]
    public void A_misspelt_field_is_refused_at_its_line_rather_than_ignored()
    {
        var error = Assert.Throws<CommerceFileException>(() => CommerceSettings.Parse("{\n  \"nationalCurrency\": \"EUR\",\n  \"vatRate\": 0.2,\n  \"defaultDutyRate\": 0,\n  \"deMinimis\": 150\n}"));

        Assert.StartsWith("settings.json:5: $.deMinimis: unknown field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_VAT_rate_is_refused_at_the_line_of_the_object_that_lacks_it()
    {
        var error = Assert.Throws<CommerceFileException>(() => CommerceSettings.Parse("{\"nationalCurrency\": \"EUR\", \"defaultDutyRate\": 0}"));

        Assert.Equal("settings.json:1: $.vatRate: missing; a number is required", error.Message);
    }

    [Fact]
    public void A_duty_rate_for_something_that_is_not_a_chapter_or_heading_is_refused()
    {
        var error = Assert.Throws<CommerceFileException>(() => CommerceSettings.Parse("{\"nationalCurrency\": \"EUR\", \"vatRate\": 0.2, \"defaultDutyRate\": 0,\n \"dutyRates\": {\n \"851\": 0.1}}"));

        Assert.Equal("settings.json:3: $.dutyRates.851: is not an HS chapter (2 digits) or heading (4 digits)", error.Message);
    }

    [Fact]
    public void An_unknown_currency_and_broken_JSON_are_refused_with_their_line()
    {
        var currency = Assert.Throws<CommerceFileException>(() => CommerceSettings.Parse("{\"nationalCurrency\": \"EUX\", \"vatRate\": 0.2, \"defaultDutyRate\": 0}"));
        var syntax = Assert.Throws<CommerceFileException>(() => CommerceSettings.Parse("{\n\"nationalCurrency\": \"EUR\",\n\"vatRate\": 0.2 0.3\n}"));

        Assert.Equal("settings.json:1: $.nationalCurrency: currency 'EUX' is not an ISO 4217 code", currency.Message);
        Assert.StartsWith("settings.json:3: not valid JSON", syntax.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_history_that_is_not_a_whole_number_or_exceeds_the_sample_is_refused()
    {
        const string Head = "{\"nationalCurrency\": \"EUR\", \"vatRate\": 0.2, \"defaultDutyRate\": 0,\n";

        Assert.Equal(
            "settings.json:2: $.referenceValues.minimumHistory: 20.5 is not a whole number",
            Assert.Throws<CommerceFileException>(() => CommerceSettings.Parse(Head + "\"referenceValues\": {\"minimumHistory\": 20.5}}")).Message);
        Assert.Equal(
            "settings.json:2: $.referenceValues.minimumHistory: 300 exceeds the sample size 256",
            Assert.Throws<CommerceFileException>(() => CommerceSettings.Parse(Head + "\"referenceValues\": {\"minimumHistory\": 300}}")).Message);
    }

    [Fact]
    public void A_missing_settings_file_is_named_in_the_error()
    {
        var error = Assert.Throws<CommerceFileException>(() => CommerceSettings.Load(Path.Combine(Path.GetTempPath(), "no-such-settings-" + Guid.NewGuid() + ".json")));

        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }
}
