using OpenCts.Targeting.Profiles.Compilation;
using OpenCts.Targeting.Profiles.Json;
using OpenCts.Targeting.Profiles.Syntax;

namespace OpenCts.Fuzz.Tests;

/// <summary>Each fault the fuzzer found, pinned by a minimal input: what it did before the fix, and the documented result it gives now.</summary>
public sealed class FaultsFoundByFuzzingTests
{
    [Theory]
    [InlineData("888888888888888d")]
    [InlineData("departure > now() - 99999999999999999d")]
    [InlineData("estimatedArrival - departure > 79228162514264337593543950335s")]
    public void A_duration_longer_than_a_TimeSpan_is_checked_and_compiled_as_seconds_not_thrown_as_an_overflow(string criteria)
    {
        // Was: OverflowException from TimeSpan.FromDays in the binder (a 500 from POST /api/v1/profiles/compile).
        var errors = ProfileCompiler.Check(criteria);
        if (errors.Count == 0)
        {
            var compiled = new ProfileCompiler().Compile(criteria);
            compiled.Matches(OpenCts.Tests.Shared.SampleConsignments.Sample(), new EvaluationContext(TimeProvider.System));
            compiled.Explain(OpenCts.Tests.Shared.SampleConsignments.Sample(), new EvaluationContext(TimeProvider.System));
        }
        else
        {
            Assert.All(errors, e => Assert.True(e.Line >= 1));
        }
    }

    [Fact]
    public void A_long_duration_keeps_its_meaning()
    {
        var compiled = new ProfileCompiler().Compile("departure > now() - 999999999999d");
        Assert.True(compiled.Matches(OpenCts.Tests.Shared.SampleConsignments.Sample(), new EvaluationContext(TimeProvider.System)));
    }

    [Theory]
    [InlineData("""{"field":"finaq(estination.country","op":"in","value":{"list":"restricted-destinations"}}""")]
    [InlineData("""{"field":"any g","op":"==","value":"x"}""")]
    [InlineData("""{"field":"mode","op":"==","value":{"field":"a b"}}""")]
    public void A_json_form_naming_a_field_that_is_not_a_name_gets_errors_from_check_not_an_exception(string json)
    {
        // Was: ProfileException thrown out of ProfileCompiler.Check(syntax), which returns errors for every other fault.
        var errors = ProfileCompiler.Check(ProfileJson.FromJson(json));
        Assert.NotEmpty(errors);
        Assert.Throws<ProfileException>(() => new ProfileCompiler().Compile(ProfileJson.FromJson(json)));
    }

    [Fact]
    public void A_json_form_with_a_key_twice_is_a_format_error()
    {
        // Was: ArgumentException ("An item with the same key has already been added. Key: op") on first use of the object.
        var error = Assert.Throws<FormatException>(() => ProfileJson.FromJson("""{"field":"mode","op":"==","op":"!=","value":"Sea"}"""));
        Assert.Contains("'op'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_party_postcode_longer_than_32_characters_rejects_the_message_naming_its_line_and_column()
    {
        // Was: DomainException ("postcode: is 34 characters long; at most 32 are allowed") out of CsvMessageFormat.Parse.
        var csv = """
            sender,messageId,documentNumber,documentKind,direction,mode,consigneeName,consigneeStreet,consigneeCity,consigneePostcode,consigneeCountry,itemSequence,hsCode,description,packages,grossMassKg
            PNL,M-1,LP6182CN,postalItem,import,postal,Ana de Vries,Stationsplein 187,Amsterdam,1234567890123456789012345678901234,NL,1,610910,T-shirts,1,0.3
            """;
        var messages = new OpenCts.Ingestion.Csv.CsvMessageFormat().Parse("parcels.csv", System.Text.Encoding.UTF8.GetBytes(csv), DateTimeOffset.UnixEpoch, CancellationToken.None);

        var issue = Assert.Single(Assert.Single(messages).Issues);
        Assert.True(messages[0].IsRejected);
        Assert.Contains("line 2", issue.ToString(), StringComparison.Ordinal);
        Assert.Contains("consigneePostcode", issue.ToString(), StringComparison.Ordinal);
        Assert.Contains("at most 32", issue.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_waybill_weight_followed_by_a_digit_of_another_script_is_read_from_its_ascii_digits_not_thrown()
    {
        // Was: FormatException out of CargoImpFormat.Parse. The pattern's \d took the N'Ko digit zero (U+07C0) as part of
        // the weight, which decimal.Parse then refused; numbers in Cargo-IMP are ASCII digits.
        var imp = "FWB/16\r\n160-12345675HKGAMZ/T12K1480.5\u07C0FLT/CX02\r\n";
        var messages = new OpenCts.Ingestion.Iata.CargoImpFormat().Parse("waybill.txt", System.Text.Encoding.UTF8.GetBytes(imp), DateTimeOffset.UnixEpoch, CancellationToken.None);

        var waybill = Assert.Single(Assert.Single(messages).Consignments);
        Assert.Equal("160-12345675", waybill.Document.Number);
        Assert.Equal(1480.5m, waybill.TotalGrossMassKg);
    }

    /// <summary>Before the fix each negation printed inside parentheses, which count against the nesting limit a second time.</summary>
    [Theory]
    [InlineData("-2-2>------------------------------------2")]
    [InlineData("not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not true")]
    public void Criteria_that_negate_a_negation_many_times_print_as_text_that_parses_back_to_the_same(string criteria)
    {
        Assert.Empty(ProfileCompiler.Check(criteria));
        var printed = ProfilePrinter.Print(ProfileParser.Parse(criteria));

        Assert.Equal(printed, ProfilePrinter.Print(ProfileParser.Parse(printed)));
    }
}
