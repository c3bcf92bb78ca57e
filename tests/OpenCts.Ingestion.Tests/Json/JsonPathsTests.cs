using System.Text;
using OpenCts.Domain.Messages;
using OpenCts.Ingestion.Json;

namespace OpenCts.Ingestion.Tests.Json;

/// <summary>An error or a finding in a JSON message names its place by the full JSON path, however deep, and only once.</summary>
/// <remarks>The reader spells a path out only when it needs one, from the steps it went through; these hold it to every step.</remarks>
public sealed class JsonPathsTests
{
    private static readonly DateTimeOffset Received = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private const string Consignment = """
        {"document": {"number": "DOC-NUMBER", "kind": "oceanBillOfLading"}, "direction": "import", "mode": "sea",
         "carrier": {"name": "CMA CGM", "code": "CMDU"}, "conveyance": {"vesselName": "ATLANTIC PIONEER", "imo": "9741009"},
         "placeOfLoading": "CNSHA", "placeOfDischarge": "NLRTM", "route": ["CN", "NL"],
         "parties": [
           {"role": "consignor", "name": "Lotus Manufacturing", "address": {"street": "214 Star Road", "city": "Ningbo", "country": "CN"}, "country": "CN"},
           {"role": "consignee", "name": "Global Fresh", "address": {"street": "Waalhaven 260", "city": "Rotterdam", "country": "NL"}, "country": "NL",
            "identifiers": [{"scheme": "EORI", "value": "NL658860780"}, {"scheme": "VAT", "value": "NL001"}]}],
         "equipment": [{"containerNumber": "MSCU1234565", "seals": ["S1", "S2"]}],
         "goods": [
           {"sequence": 1, "hsCode": "080390", "description": "Bananas", "grossMassKg": 1000, "origin": "CN", "containers": ["MSCU1234565"]},
           {"sequence": 2, "hsCode": "090111", "description": "Coffee", "grossMassKg": 500, "value": {"amount": 900, "currency": "USD"}, "origin": "CN", "containers": ["MSCU1234565"]}]}
        """;

    /// <summary>A message of three consignments; the third has <paramref name="find"/> replaced.</summary>
    private static ParsedMessage Message(string find, string replacement)
    {
        var third = Consignment.Replace("DOC-NUMBER", "DOC-3", StringComparison.Ordinal);
        Assert.Contains(find, third, StringComparison.Ordinal);
        third = third.Replace(find, replacement, StringComparison.Ordinal);
        var json = $$"""{"sender": "CMDU", "messageId": "M-1", "consignments": [{{Consignment.Replace("DOC-NUMBER", "DOC-1", StringComparison.Ordinal)}}, {{Consignment.Replace("DOC-NUMBER", "DOC-2", StringComparison.Ordinal)}}, {{third}}]}""";
        return Assert.Single(new JsonMessageFormat().Parse("m.json", Encoding.UTF8.GetBytes(json), Received, CancellationToken.None));
    }

    [Theory]
    [InlineData("\"code\": \"CMDU\"", "\"code\": \"CMDU-TOO-LONG\"", "consignments[2].carrier.code", "at most 8")]
    [InlineData("\"number\": \"DOC-3\"", "\"number\": \" \"", "consignments[2].document.number", "")]
    [InlineData("\"vesselName\": \"ATLANTIC PIONEER\"", "\"vesselName\": {}", "consignments[2].conveyance.vesselName", "expected a string")]
    [InlineData("\"city\": \"Rotterdam\"", "\"city\": [1]", "consignments[2].parties[1].address.city", "expected a string")]
    [InlineData("\"value\": \"NL001\"", "\"value\": {}", "consignments[2].parties[1].identifiers[1].value", "expected a string")]
    [InlineData("\"scheme\": \"VAT\"", "\"scheme\": \"A-SCHEME-FAR-TOO-LONG\"", "consignments[2].parties[1].identifiers[1].scheme", "at most 16")]
    [InlineData("\"seals\": [\"S1\", \"S2\"]", "\"seals\": [\"S1\", true]", "consignments[2].equipment[0].seals[1]", "expected a string")]
    [InlineData("\"containers\": [\"MSCU1234565\"]}]", "\"containers\": [\"MSCU1234565\", {}]}]", "consignments[2].goods[1].containers[1]", "expected a string")]
    [InlineData("\"amount\": 900", "\"amount\": \"nine hundred\"", "consignments[2].goods[1].value.amount", "expected a number")]
    [InlineData("\"grossMassKg\": 500", "\"grossMassKg\": 500, \"netMassKg\": 600", "consignments[2].goods[1].netMassKg", "exceeds gross mass")]
    [InlineData("\"route\": [\"CN\", \"NL\"]", "\"route\": [\"CN\", \"NL\", []]", "consignments[2].route[2]", "expected a string")]
    [InlineData("\"direction\": \"import\"", "\"direction\": \"import\", \"mdoe\": \"sea\"", "consignments[2].mdoe", "did you mean 'mode'")]
    [InlineData("{\"sequence\": 2", "{\"sequance\": 2", "consignments[2].goods[1].sequance", "did you mean 'sequence'")]
    public void An_error_names_the_full_path_of_its_value_once(string find, string replacement, string path, string reason)
    {
        var message = Message(find, replacement);

        Assert.True(message.IsRejected);
        var issue = Assert.Single(message.Issues);
        Assert.Equal($"m.json: {path}", issue.Location);
        Assert.Contains(reason, issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"route\": [\"CN\", \"NL\"]", "\"route\": [\"CN\", \"XX\", \"NL\"]", "route[1]", "country-unknown")]
    [InlineData("\"country\": \"NL\",\n", "\"country\": \"QQ\",\n", "parties[1].country", "country-unknown")]
    [InlineData("\"city\": \"Rotterdam\", \"country\": \"NL\"", "\"city\": \"Rotterdam\", \"country\": \"ZZ\"", "parties[1].address.country", "country-unknown")]
    [InlineData("\"currency\": \"USD\"", "\"currency\": \"US1\"", "goods[1].value.currency", "currency-unknown")]
    [InlineData("\"hsCode\": \"090111\"", "\"hsCode\": \"09AB\"", "goods[1].hsCode", "hs-unknown")]
    [InlineData("\"imo\": \"9741009\"", "\"imo\": \"9741008\"", "conveyance.imo", "imo-check-digit")]
    [InlineData("\"placeOfDischarge\": \"NLRTM\"", "\"placeOfDischarge\": \"N1\"", "placeOfDischarge", "place-unknown")]
    public void A_value_left_out_is_found_at_its_path_within_its_consignment(string find, string replacement, string path, string rule)
    {
        var message = Message(find, replacement);

        Assert.False(message.IsRejected);
        Assert.Equal(3, message.Consignments.Count);
        Assert.DoesNotContain(message.Consignments[0].DataQuality, f => f.Rule == rule);
        var finding = Assert.Single(message.Consignments[2].DataQuality, f => f.Rule == rule);
        Assert.Equal(path, finding.Path);
    }

    [Fact]
    public void A_message_read_after_one_that_failed_deep_in_a_list_names_its_own_paths()
    {
        Assert.True(Message("\"value\": \"NL001\"", "\"value\": {}").IsRejected);

        var next = Message("\"currency\": \"USD\"", "\"currency\": \"US1\"");

        var finding = Assert.Single(next.Consignments[2].DataQuality, f => f.Rule == "currency-unknown");
        Assert.Equal("goods[1].value.currency", finding.Path);
        var again = Message("\"city\": \"Rotterdam\"", "\"city\": [1]");
        Assert.Equal("m.json: consignments[2].parties[1].address.city", Assert.Single(again.Issues).Location);
    }

    [Theory]
    [InlineData("\"cn\"")]
    [InlineData("\" CN \"")]
    [InlineData("\"\\u0043N\"")]
    [InlineData("\"CN\"")]
    public void A_country_reads_the_same_however_it_is_written(string written)
    {
        var message = Message("\"origin\": \"CN\", \"containers\": [\"MSCU1234565\"]}]", $"\"origin\": {written}, \"containers\": [\"MSCU1234565\"]}}]");

        Assert.False(message.IsRejected, string.Join("; ", message.Issues));
        Assert.Equal("CN", message.Consignments[2].Goods[1].Origin?.Value);
        Assert.DoesNotContain(message.Consignments[2].DataQuality, f => f.Rule == "country-unknown");
    }

    [Theory]
    [InlineData("\"import\"")]
    [InlineData("\"IMPORT\"")]
    [InlineData("\"\\u0069mport\"")]
    public void A_direction_reads_the_same_however_its_case_or_escapes(string written)
    {
        var message = Message("\"direction\": \"import\"", $"\"direction\": {written}");

        Assert.False(message.IsRejected, string.Join("; ", message.Issues));
        Assert.Equal(OpenCts.Domain.Consignments.Direction.Import, message.Consignments[2].Direction);
    }

    [Fact]
    public void A_direction_given_as_a_number_is_refused_as_before()
    {
        var message = Message("\"direction\": \"import\"", "\"direction\": \"1\"");

        Assert.True(message.IsRejected);
        Assert.Equal("m.json: consignments[2].direction", Assert.Single(message.Issues).Location);
    }
}
