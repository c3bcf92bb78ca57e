using System.Text;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.Ingestion.Csv;
using OpenCts.Ingestion.Edifact;
using OpenCts.Ingestion.Iata;
using OpenCts.Ingestion.Json;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Ingestion.Wco;

namespace OpenCts.Ingestion.Tests.Quality;

/// <summary>Advance data is never dropped for its content: each format keeps the consignment and records the fault as a finding.</summary>
public sealed class DataQualityTests
{
    private static string Sample(string name) => Encoding.UTF8.GetString(Samples.Bytes(name));

    private static Consignment Taken(IReadOnlyList<ParsedMessage> messages)
    {
        var message = Assert.Single(messages);
        Assert.False(message.IsRejected, Samples.Describe(message.Issues));
        return message.Consignments[0];
    }

    /// <summary>Orders findings by path and rule, so a test lists them in an order that does not depend on when each was found.</summary>
    private static readonly Comparer<(string Path, string? Value, string Rule)> Reading =
        Comparer<(string Path, string? Value, string Rule)>.Create((a, b) => (string.CompareOrdinal(a.Path, b.Path), string.CompareOrdinal(a.Rule, b.Rule)) switch
        {
            (0, var rule) => rule,
            (var path, _) => path,
        });

    private static IEnumerable<(string Path, string? Value, string Rule)> Found(Consignment c) => c.DataQuality.Select(f => (f.Path, f.Value, f.Rule));

    [Fact]
    public void AnXfwbWithAPlaceholderHsCodeAndNoDescriptionIsTakenWithTwoFindings()
    {
        var text = Sample("cargo-xml-xfwb.xml")
            .Replace("<ram:TypeCode>847130</ram:TypeCode>", "<ram:TypeCode>000000</ram:TypeCode>", StringComparison.Ordinal)
            .Replace("<ram:NatureIdentificationTransportCargo><ram:Identification>TABLET COMPUTERS</ram:Identification></ram:NatureIdentificationTransportCargo>", "", StringComparison.Ordinal);

        var c = Taken(Samples.Parse(new CargoXmlFormat(), text, "x.xml"));

        Assert.Equal("000000", c.Goods[0].HsCode!.Value.Value);
        Assert.Equal("", c.Goods[0].Description);
        Assert.Equal(
            [
                new DataQualityFinding("goods[0].hsCode", "000000", "hs-unknown", "HS code '000000' is not a subheading of HS 2022"),
                new DataQualityFinding("goods[0].description", null, "description-missing", "the goods item has no description"),
            ],
            c.DataQuality);
    }

    [Fact]
    public void AnXfwbWithoutAWaybillNumberIsStillRejectedAtItsPlace()
    {
        var text = Sample("cargo-xml-xfwb.xml").Replace("<rsm:BusinessHeaderDocument>\n    <ram:ID>160-12345675</ram:ID>", "<rsm:BusinessHeaderDocument>\n    <ram:ID></ram:ID>", StringComparison.Ordinal);
        Assert.NotEqual(Sample("cargo-xml-xfwb.xml"), text);

        var message = Assert.Single(Samples.Parse(new CargoXmlFormat(), text, "x.xml"));

        Assert.True(message.IsRejected);
        Assert.Empty(message.Consignments);
        Assert.Matches(@"^x\.xml: line \d+, column \d+", message.Issues[0].Location);
    }

    [Fact]
    public void ACargoImpFwbWithAPlaceholderHsCodeAndNoDescriptionIsTakenWithTwoFindings()
    {
        var text = System.Text.RegularExpressions.Regex.Replace(Sample("cargo-imp-fwb.txt").Replace("/NH/847130", "/NH/000000", StringComparison.Ordinal), @"/NG/TABLET COMPUTERS\r?\n", "");
        Assert.DoesNotContain("TABLET", text, StringComparison.Ordinal);

        var c = Taken(Samples.Parse(new CargoImpFormat(), text, "fwb.txt"));

        Assert.Equal([("goods[0].hsCode", "000000", "hs-unknown"), ("goods[0].description", null, "description-missing")], Found(c));
    }

    [Fact]
    public void AnAirportNoTableKnowsIsAFindingAsWellAsAWarning()
    {
        var text = Sample("cargo-imp-fwb.txt").Replace("160-12345675HKGAMS", "160-12345675ZZZAMS", StringComparison.Ordinal);

        var c = Taken(Samples.Parse(new CargoImpFormat(), text, "fwb.txt"));

        Assert.Contains(("placeOfLoading", "ZZZ", "place-unknown"), Found(c));
    }

    [Fact]
    public void ACuscarWithABadCheckDigitAPlaceholderHsCodeAndAVagueDescriptionKeepsEveryConsignment()
    {
        var clean = Samples.ParseSample(new CuscarFormat(), "cuscar-d95b-1-import-rotterdam.edi")[0];
        var text = Sample("cuscar-d95b-1-import-rotterdam.edi")
            .Replace("MSKU1234565", "MSKU1234566", StringComparison.Ordinal)
            .Replace("PIA+5+851713:HS", "PIA+5+000000:HS", StringComparison.Ordinal)
            .Replace("FTX+AAA+++LITHIUM-ION BATTERIES", "FTX+AAA+++GENERAL CARGO", StringComparison.Ordinal);

        var message = Samples.Parse(new CuscarFormat(), text, "m.edi")[0];

        Assert.False(message.IsRejected, Samples.Describe(message.Issues));
        Assert.Equal(clean.Consignments.Count, message.Consignments.Count);
        var c = message.Consignments[0];
        Assert.Equal("MSKU1234566", c.Equipment[0].ContainerNumber.Value);
        Assert.Contains(("equipment[0].containerNumber", "MSKU1234566", "container-check-digit"), Found(c));
        Assert.Contains(("goods[0].hsCode", "000000", "hs-unknown"), Found(c));
        Assert.Contains(("goods[1].description", "GENERAL CARGO", "description-vague"), Found(c));
    }

    [Fact]
    public void ACuscarPartyCountryThatIsNoCodeIsLeftOutWithAFindingAtThePartysPlace()
    {
        var text = Sample("cuscar-d95b-1-import-rotterdam.edi").Replace("+ROTTERDAM++3087 BM+NL'", "+ROTTERDAM++3087 BM+NX'", StringComparison.Ordinal);

        var message = Samples.Parse(new CuscarFormat(), text, "m.edi")[0];

        Assert.False(message.IsRejected, Samples.Describe(message.Issues));
        var c = message.Consignments[0];
        var consignee = c.Parties.Select((p, i) => (p, i)).Single(x => x.p.Role == PartyRole.Consignee);
        Assert.Null(consignee.p.Country);
        Assert.Contains(($"parties[{consignee.i}].country", "NX", "country-unknown"), Found(c));
    }

    [Fact]
    public void ACuscarCurrencyThatIsNoCodeLeavesTheValueOutWithAFinding()
    {
        var text = Sample("cuscar-d95b-1-import-rotterdam.edi").Replace("MOA+40:1850000:USD", "MOA+40:1850000:U5D", StringComparison.Ordinal);

        var message = Samples.Parse(new CuscarFormat(), text, "m.edi")[0];

        Assert.False(message.IsRejected, Samples.Describe(message.Issues));
        var c = message.Consignments[0];
        Assert.Null(c.Goods[0].Value);
        Assert.Contains(("goods[0].value.currency", "U5D", "currency-unknown"), Found(c));
    }

    [Fact]
    public void AWcoItemWithAnUnknownCurrencyAndAVagueDescriptionIsTakenWithFindings()
    {
        var text = Sample("wco-cargo-report-import.json")
            .Replace("\"currencyID\": \"EUR\"", "\"currencyID\": \"XYZ\"", StringComparison.Ordinal)
            .Replace("\"Description\": \"CNC lathes, horizontal, numerically controlled, for removing metal\"", "\"Description\": \"SPARE PARTS\"", StringComparison.Ordinal);

        var c = Taken(Samples.Parse(new WcoJsonFormat(), text, "cri.json"));

        Assert.Equal("XYZ", c.Goods[0].Value!.Value.Currency.Value);
        Assert.Contains(("goods[0].value.currency", "XYZ", "currency-unknown"), Found(c));
        Assert.Contains(("goods[0].description", "SPARE PARTS", "description-vague"), Found(c));
    }

    [Fact]
    public void AWcoItemWithoutADescriptionIsTakenWithAFinding()
    {
        var text = Sample("wco-cargo-report-import.json").Replace("\"Description\": \"Plastic toy construction sets\", ", "", StringComparison.Ordinal);

        var message = Assert.Single(Samples.Parse(new WcoJsonFormat(), text, "cri.json"));

        Assert.False(message.IsRejected, Samples.Describe(message.Issues));
        Assert.Contains(message.Consignments, c => c.DataQuality.Any(f => f.Rule == "description-missing" && f.Path.EndsWith(".description", StringComparison.Ordinal)));
    }

    private const string JsonMessage = """
        {"sender": "S1", "messageId": "M1", "consignments": [{
          "document": {"number": "BL1", "kind": "oceanBillOfLading"}, "direction": "import", "mode": "sea",
          "conveyance": {"vesselName": "EVER GIVEN", "imo": "9811001"},
          "placeOfLoading": "DEXQZ", "placeOfDischarge": "NLRT1",
          "parties": [], "equipment": [{"containerNumber": "MSKU1234566"}, {"containerNumber": "BOX-1"}],
          "goods": [
            {"sequence": 1, "hsCode": "000000", "description": "", "grossMassKg": 10, "value": {"amount": 5, "currency": "XYZ"}},
            {"sequence": 2, "hsCode": "85A7", "description": "FAK", "grossMassKg": 1}
          ]}]}
        """;

    [Fact]
    public void OpenCtsJsonKeepsWhatItCanAndFindsEveryFault()
    {
        var c = Taken(Samples.Parse(new JsonMessageFormat(), JsonMessage, "m.json"));

        Assert.Equal(
            [
                ("conveyance.imo", "9811001", "imo-check-digit"),
                ("equipment[0].containerNumber", "MSKU1234566", "container-check-digit"),
                ("equipment[1].containerNumber", "BOX-1", "container-check-digit"),
                ("goods[0].description", null, "description-missing"),
                ("goods[0].hsCode", "000000", "hs-unknown"),
                ("goods[0].value.currency", "XYZ", "currency-unknown"),
                ("goods[1].description", "FAK", "description-vague"),
                ("goods[1].hsCode", "85A7", "hs-unknown"),
                ("placeOfDischarge", "NLRT1", "place-unknown"),
                ("placeOfLoading", "DEXQZ", "place-unknown"),
            ],
            Found(c).OrderBy(f => f, Reading));
        Assert.Equal(UnLocode.Parse("DEXQZ"), c.PlaceOfLoading);
        Assert.Null(c.PlaceOfDischarge);
        Assert.Single(c.Equipment);
        Assert.Null(c.Goods[1].HsCode);
    }

    [Fact]
    public void OpenCtsJsonWithoutADocumentNumberIsStillRejectedWithItsPath()
    {
        var message = Assert.Single(Samples.Parse(new JsonMessageFormat(), JsonMessage.Replace("\"number\": \"BL1\", ", "", StringComparison.Ordinal), "m.json"));

        Assert.True(message.IsRejected);
        Assert.Equal("m.json: consignments[0].document.number", message.Issues[0].Location);
        Assert.Equal("is required", message.Issues[0].Message);
    }

    [Fact]
    public void FindingsSurviveTheConsignmentJson()
    {
        var c = Taken(Samples.Parse(new JsonMessageFormat(), JsonMessage, "m.json"));
        using var json = System.Text.Json.JsonDocument.Parse(Domain.Serialization.ConsignmentJsonWriter.ToUtf8Bytes(c));

        var again = Domain.Serialization.ConsignmentJsonReader.Read(json.RootElement);

        Assert.Equal(c, again);
        Assert.Equal(10, again.DataQuality.Count);
    }

    private const string CsvHeader = "sender,messageId,documentNumber,documentKind,direction,mode,placeOfLoading,placeOfDischarge,consignorName,consignorCountry,containers,itemSequence,hsCode,description,grossMassKg,value,currency,origin";

    [Fact]
    public void ACsvRowWithoutDescriptionAndWithUnknownPlaceAndCurrencyIsTaken()
    {
        var text = $"""
            {CsvHeader}
            S1,M1,BL1,oceanBillOfLading,import,sea,DEXQZ,NLRTM,Star Trading Ltd,QQ,MSKU1234565,1,0000,,100,500,XYZ,CN
            S1,M1,BL1,oceanBillOfLading,import,sea,DEXQZ,NLRTM,Star Trading Ltd,QQ,MSKU1234565,2,999999,Personal effects,100,500,USD,CN
            """;

        var c = Taken(Samples.Parse(new CsvMessageFormat(), text, "bulk.csv"));

        Assert.Equal(2, c.Goods.Count);
        Assert.Equal<(string, string?, string)>(
            [
                ("goods[0].description", null, "description-missing"),
                ("goods[0].hsCode", "0000", "hs-unknown"),
                ("goods[0].value.currency", "XYZ", "currency-unknown"),
                ("goods[1].description", "Personal effects", "description-vague"),
                ("goods[1].hsCode", "999999", "hs-unknown"),
                ("parties[0].country", "QQ", "country-unknown"),
                ("placeOfLoading", "DEXQZ", "place-unknown"),
            ],
            Found(c).OrderBy(f => f, Reading));
    }

    [Fact]
    public void ACsvRowWithoutDocumentNumberIsStillRejectedAtItsLineAndColumn()
    {
        var text = $"""
            {CsvHeader}
            S1,M1,,oceanBillOfLading,import,sea,DEXQZ,NLRTM,Star Trading Ltd,CN,MSKU1234565,1,851713,Phones,100,500,USD,CN
            """;

        var message = Assert.Single(Samples.Parse(new CsvMessageFormat(), text, "bulk.csv"));

        Assert.True(message.IsRejected);
        Assert.Equal("bulk.csv: line 2, column 3 (documentNumber)", message.Issues[0].Location);
    }
}
