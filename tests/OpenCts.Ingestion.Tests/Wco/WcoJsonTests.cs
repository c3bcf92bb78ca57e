using System.Text;
using CsCheck;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Ingestion.Samples;
using OpenCts.Ingestion.Tests.Edifact;
using OpenCts.Ingestion.Wco;

namespace OpenCts.Ingestion.Tests.Wco;

public sealed class WcoJsonTests
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static List<Consignment> Strip(IEnumerable<ParsedMessage> messages) =>
        messages.SelectMany(m =>
        {
            Assert.False(m.IsRejected, Samples.Describe(m.Issues));
            return m.Consignments;
        }).Select(c => c with { Provenance = null }).ToList();

    [Fact]
    public void TheSampleCargoReportGivesItsConsignmentsWithSenderAndReference()
    {
        var message = Assert.Single(Samples.ParseSample(new WcoJsonFormat(), "wco-cargo-report-import.json"));
        Assert.Empty(message.Issues);
        Assert.Equal(("CMDU", "CRI-2026-000871"), (message.Sender, message.MessageId));
        var (first, house) = (message.Consignments[0], message.Consignments[1]);
        Assert.Equal(new TransportDocument("CMDUSHA1204417", TransportDocumentKind.OceanBillOfLading), first.Document);
        Assert.Equal(new TransportDocument("RTMH-55102", TransportDocumentKind.HouseBillOfLading, "CMDUSHA1204418"), house.Document);
        Assert.Equal(new Conveyance("CMA CGM JACQUES SAADE", ImoNumber.Parse("9456123"), "0FLE5W"), first.Conveyance);
        Assert.Equal(["CN", "MY", "NL"], first.Route.Select(c => c.Value));
        Assert.Equal("DE123456789012345", first.Consignee!.IdentifierOf("EORI"));
        Assert.Equal(new GoodsItem(1, HsCode.Parse("845811"), "CNC lathes, horizontal, numerically controlled, for removing metal", 4, "CS", 14200m, 13650m,
            new Money(386000m, CurrencyCode.Parse("EUR")), CountryCode.Parse("CN"), ["CMAU4455661"]), first.Goods[0]);
        Assert.Equal(2310.5m, house.Goods[0].GrossMassKg);
        Assert.Equal(new Equipment(ContainerNumber.Parse("CMAU4455661"), "45G1", ["CMA7781204"]), Assert.Single(first.Equipment));
    }

    [Fact]
    public void PropertiesWithoutAFieldInTheModelAreKeptWithTheirPath()
    {
        var message = Assert.Single(Samples.ParseSample(new WcoJsonFormat(), "wco-cargo-report-import.json"));
        Assert.Equal(
            [
                "$.Declaration.Submitter.Name: \"CMA CGM S.A.\"",
                "$.Declaration.Consignment[0].TransportEquipment[0].FullnessCode: \"5\"",
                "$.Declaration.Consignment[0].ConsignmentItem[0].Packaging[0].MarksNumbers: \"REM/DUS 1-4\"",
            ],
            message.Unmapped);
    }

    [Fact]
    public void ReadingWritingAndReadingTheSampleGivesTheSameConsignments()
    {
        var first = Strip(Samples.ParseSample(new WcoJsonFormat(), "wco-cargo-report-import.json"));
        var text = WcoJsonWriter.Write(first, "CMDU", "CRI-2026-000871", Issued);
        Assert.Equal(first, Strip(Samples.Parse(new WcoJsonFormat(), text)));
    }

    [Fact]
    public void GeneratedConsignmentsSurviveWritingAndReading()
    {
        Gen.Int[0, 1_000_000].Sample(seed =>
        {
            var consignments = new SampleGenerator(seed).Generate(40);
            var messages = Samples.Parse(new WcoJsonFormat(), WcoJsonWriter.Write(consignments, "OPENCTS", "M1", Issued))
                .Select(m => m with { Consignments = new(m.Consignments.Select(c => c with { DataQuality = default })) }).ToList();
            Assert.Equal(
                consignments.OrderBy(c => c.Direction).ThenBy(c => c.Document.Key, StringComparer.Ordinal),
                Strip(messages).OrderBy(c => c.Direction).ThenBy(c => c.Document.Key, StringComparer.Ordinal));
        }, iter: 15);
    }

    [Fact]
    public void AWrittenCancellationReadsBackAsTheSameDocuments()
    {
        var documents = new SampleGenerator(5).Generate(4).Select(c => c.Document).ToList();
        var message = Assert.Single(Samples.Parse(new WcoJsonFormat(), WcoJsonWriter.WriteCancellation(documents, "OPENCTS", "C1", Issued)));
        Assert.Equal(MessageFunction.Cancellation, message.Function);
        Assert.Equal(documents.Select(d => d.Key), message.CancelledDocuments);
    }

    [Fact]
    public void AnInvalidValueIsRejectedWithItsJsonPath()
    {
        var text = Encoding.UTF8.GetString(Samples.Bytes("wco-cargo-report-import.json")).Replace("\"ModeCode\": 1,", "\"ModeCode\": 42,", StringComparison.Ordinal);
        var message = Assert.Single(Samples.Parse(new WcoJsonFormat(), text, "cri.json"));
        Assert.True(message.IsRejected);
        var error = Assert.Single(message.Issues);
        Assert.Equal("cri.json: $.Declaration.Consignment[0].BorderTransportMeans.ModeCode", error.Location);
        Assert.Equal("42 is not a mode of transport; expected 1 to 8 (UN/ECE Recommendation 19)", error.Message);
        Assert.Equal("CMDU", message.Sender);
    }

    [Fact]
    public void AnHsCodeOfTwoDigitsIsLeftOutWithAFindingAndTheConsignmentIsTaken()
    {
        var text = Encoding.UTF8.GetString(Samples.Bytes("wco-cargo-report-import.json")).Replace("\"845811\"", "\"84\"", StringComparison.Ordinal);
        var message = Assert.Single(Samples.Parse(new WcoJsonFormat(), text, "cri.json"));
        Assert.False(message.IsRejected);
        var consignment = message.Consignments[0];
        Assert.Null(consignment.Goods[0].HsCode);
        Assert.Contains(new DataQualityFinding("goods[0].hsCode", "84", "hs-unknown", "HS code '84' is not 6 to 10 digits; the code is left out"), consignment.DataQuality);
    }

    [Fact]
    public void ANameOrTextWhoseEscapeIsNoCharacterIsRefusedAtItsLineAndColumn()
    {
        // Valid JSON, but \ud800 alone is no text: found by mutating the kept corpus, it threw InvalidOperationException.
        var sample = Encoding.UTF8.GetString(Samples.Bytes("wco-cargo-report-import.json"));
        var inText = Assert.Single(Samples.Parse(new WcoJsonFormat(), sample.Replace("\"Name\": \"CMA CGM\" }", "\"Name\": \"CMA \\ud800\" }", StringComparison.Ordinal), "cri.json"));
        var inName = Assert.Single(Samples.Parse(new WcoJsonFormat(), sample.Replace("\"ModeCode\": 1,", "\"\\ud800ModeCode\": 1,", StringComparison.Ordinal), "cri.json"));

        Assert.True(inText.IsRejected);
        Assert.Equal("cri.json: line 12, column 44", Assert.Single(inText.Issues).Location);
        Assert.Equal("a name or text holds an escape that is not a character (a lone UTF-16 surrogate)", inText.Issues[0].Message);
        Assert.True(inName.IsRejected);
        Assert.Equal("cri.json: line 14, column 11", Assert.Single(inName.Issues).Location);
    }

    [Fact]
    public void BrokenJsonIsRejectedWithLineAndColumn()
    {
        var message = Assert.Single(Samples.Parse(new WcoJsonFormat(), "{\"Declaration\": {\n  \"FunctionCode\": 9,,\n}", "bad.json"));
        Assert.True(message.IsRejected);
        Assert.StartsWith("bad.json: line 2, column", message.Issues[0].Location, StringComparison.Ordinal);
    }

    [Fact]
    public void ALiteralThatRunsOnOverManyLinesIsQuotedShortlyInTheError()
    {
        var message = Assert.Single(Samples.Parse(new WcoJsonFormat(), "{\"Declaration\": {\n  \"FunctionCode\": tru\"9\",\n  \"TypeCode\": \"IM\"\n}}", "bad.json"));
        Assert.Equal("bad.json: line 2, column 22", message.Issues[0].Location);
        Assert.Equal("'tru\"9\",\\n  \"TypeCode\": \"I…' is an invalid JSON literal. Expected the literal 'true'.", message.Issues[0].Message);
    }

    [Fact]
    public void MutatedDeclarationsNeverCrashAndEveryErrorHasAPlace()
    {
        var format = new WcoJsonFormat();
        var seed = Samples.Bytes("wco-cargo-report-import.json");
        CuscarFuzzTests.Mutated(seed, "{}[]\",:0.-9 \\ntruenull"u8.ToArray()).Sample(bytes =>
        {
            var messages = format.Parse("fuzz.json", bytes, Samples.ReceivedAt, TestContext.Current.CancellationToken);
            CuscarFuzzTests.AssertWellFormed(messages);
            Assert.All(messages.SelectMany(m => m.Issues), i => Assert.Matches(@"^fuzz\.json: (line \d+, column \d+|\$)", i.Location));
        }, iter: 1000);
    }
}
