using System.Text;
using CsCheck;
using OpenCts.Domain.Serialization;
using OpenCts.Ingestion.Json;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Ingestion.Samples;

using OpenCts.Tests.Shared;

namespace OpenCts.Ingestion.Tests.Json;

public class JsonFormatTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static ParsedMessage Parse(string json) =>
        Assert.Single(new JsonMessageFormat().Parse("m.json", Encoding.UTF8.GetBytes(json), Received, CancellationToken.None));

    /// <summary>A message of the sample consignment, sent by MAEU as M-1, with one piece of its JSON replaced if one is named.</summary>
    private static ParsedMessage SampleMessage(string find = "", string replacement = "")
    {
        var body = Encoding.UTF8.GetString(ConsignmentJsonWriter.ToUtf8Bytes(SampleConsignments.Sample()));
        body = find.Length == 0 ? body : body.Replace(find, replacement, StringComparison.Ordinal);
        return Parse($$"""{"sender": "MAEU", "messageId": "M-1", "consignments": [{{body}}]}""");
    }

    [Fact]
    public void AConsignmentWrittenAsJsonReadsBackEqual()
    {
        var consignment = SampleConsignments.Sample();
        var json = ConsignmentJsonWriter.ToUtf8Bytes(consignment);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(consignment, ConsignmentJsonReader.Read(document.RootElement));
    }

    [Fact]
    public void EveryGeneratedConsignmentSurvivesTheRoundTrip()
    {
        foreach (var consignment in new SampleGenerator(11).Generate(300))
        {
            using var document = System.Text.Json.JsonDocument.Parse(ConsignmentJsonWriter.ToUtf8Bytes(consignment));
            Assert.Equal(consignment, ConsignmentJsonReader.Read(document.RootElement));
        }
    }

    [Fact]
    public void AMessageCarriesItsSenderAndIdIntoEachConsignment()
    {
        var message = SampleMessage();
        Assert.False(message.IsRejected);
        var consignment = Assert.Single(message.Consignments);
        Assert.Equal("MAEU", consignment.Provenance!.Sender);
        Assert.Equal("M-1", consignment.Provenance.MessageId);
    }

    [Fact]
    public void ABadFieldIsReportedWithItsJsonPath()
    {
        // An HS code of four digits is a fault of the content, kept as a finding (see the ingestion tests); a direction that is none cannot be read.
        var message = SampleMessage("\"direction\":\"import\"", "\"direction\":\"imprt\"");
        Assert.True(message.IsRejected);
        var issue = Assert.Single(message.Issues);
        Assert.Equal("m.json: consignments[0].direction", issue.Location);
        Assert.StartsWith("'imprt' is not one of import", issue.Message, StringComparison.Ordinal);
        Assert.Empty(message.Consignments);
    }

    [Fact]
    public void AnEscapeThatIsNoCharacterInAValueOrAFieldNameIsReportedAtItsPlace()
    {
        // \ud800 alone is valid JSON but no text: reading it threw InvalidOperationException, which named no place.
        var inValue = SampleMessage("\"grossMassKg\"", "\"packageType\":\"\\ud800\",\"grossMassKg\"");
        var inName = SampleMessage("\"grossMassKg\"", "\"\\ud800\":1,\"grossMassKg\"");

        Assert.True(inValue.IsRejected);
        var valueIssue = Assert.Single(inValue.Issues);
        Assert.Equal("m.json: consignments[0].goods[0].packageType", valueIssue.Location);
        Assert.Equal("holds an escape that is not a character (a lone UTF-16 surrogate)", valueIssue.Message);
        Assert.True(inName.IsRejected);
        var nameIssue = Assert.Single(inName.Issues);
        Assert.Equal("m.json: consignments[0].goods[0]", nameIssue.Location);
        Assert.Equal("a field's name holds an escape that is not a character (a lone UTF-16 surrogate)", nameIssue.Message);
    }

    [Fact]
    public void AnInstantOrATopLevelNameWhoseEscapeIsNoCharacterIsRefusedAtItsPlaceAndTheMessageStillNamesWhatItCan()
    {
        // Found by mutating the kept corpus: the instant's parser and the look-up of the sender threw InvalidOperationException.
        var inInstant = SampleMessage("\"departure\":\"2026-", "\"departure\":\"\\ud800-");
        var inTopName = Parse("{\"sender\": \"MAEU\",\n \"\\ud800messageId\": \"M-1\", \"consignments\": []}");

        var instantIssue = Assert.Single(inInstant.Issues);
        Assert.Equal("m.json: consignments[0].departure", instantIssue.Location);
        Assert.Equal("expected an ISO 8601 date and time with offset, such as 2026-03-01T08:00:00Z, found a text that is not all characters", instantIssue.Message);
        Assert.Equal("MAEU", inInstant.Sender);
        Assert.True(inTopName.IsRejected);
        var nameIssue = Assert.Single(inTopName.Issues);
        Assert.Equal("m.json: line 1, column 1", nameIssue.Location);
        Assert.Equal("a field's name holds an escape that is not a character (a lone UTF-16 surrogate)", nameIssue.Message);
        Assert.Equal("unknown", inTopName.Sender);
    }

    [Fact]
    public void AMisspeltFieldGetsASuggestion()
    {
        var issue = Assert.Single(SampleMessage("\"grossMassKg\"", "\"grosMassKg\"").Issues);
        Assert.Equal("m.json: consignments[0].goods[0].grosMassKg", issue.Location);
        Assert.Equal("is not a known field; did you mean 'grossMassKg'?", issue.Message);
    }

    [Fact]
    public void ATruncatedFileIsReportedWithLineAndColumn()
    {
        var issue = Assert.Single(Parse("{\n  \"sender\": \"MAEU\",\n  \"messageId\": \"M-1\",\n  \"consignments\": [{\"document\": ").Issues);
        Assert.Equal(IssueSeverity.Error, issue.Severity);
        Assert.StartsWith("m.json: line 4, column ", issue.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void BytesThatAreNotUtf8InsideAStringAreRejectedAtTheirPlaceRatherThanThrowing()
    {
        var bytes = Encoding.UTF8.GetBytes("{\n  \"sender\": \"MAEU\",\n  \"messageId\": \"M-?\",\n  \"consignments\": []}");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xE4;
        var issue = Assert.Single(Assert.Single(new JsonMessageFormat().Parse("m.json", bytes, Received, CancellationToken.None)).Issues);
        Assert.Equal("m.json: line 3, column 19", issue.Location);
        Assert.Equal("byte 0xE4 is not UTF-8; JSON messages are UTF-8", issue.Message);
    }

    [Fact]
    public void ALiteralThatRunsOnOverManyLinesIsQuotedShortlyInTheError()
    {
        var issue = Assert.Single(Parse("{\"sender\": tru\"MAEU\",\n  \"messageId\": \"M-1\",\n  \"consignments\": []}").Issues);
        Assert.Equal("m.json: line 1, column 15", issue.Location);
        Assert.Equal("'tru\"MAEU\",\\n  \"messageId\"…' is an invalid JSON literal. Expected the literal 'true'.", issue.Message);
    }

    [Fact]
    public void AnEscapedLineBreakInAFieldNameIsShownEscapedSoThatThePlaceStaysOnOneLine()
    {
        var issue = Assert.Single(SampleMessage("\"grossMassKg\"", "\"gross\\rMassKg\"").Issues);
        Assert.Equal(@"m.json: consignments[0].goods[0].gross\rMassKg", issue.Location);
    }

    [Fact]
    public void ACancellationNamesTheDocumentsItCancels()
    {
        var message = Parse("""{"sender": "MAEU", "messageId": "M-2", "function": "cancellation", "cancels": ["OceanBillOfLading:MAEU1"]}""");
        Assert.Equal(MessageFunction.Cancellation, message.Function);
        Assert.Equal(["OceanBillOfLading:MAEU1"], message.CancelledDocuments);
    }

    [Fact]
    public void RandomBytesNeverCrashTheReaderAndAlwaysGiveAPlace()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            var messages = new JsonMessageFormat().Parse("fuzz.json", bytes, Received, CancellationToken.None);
            foreach (var message in messages.Where(m => m.IsRejected))
            {
                Assert.All(message.Issues, i => Assert.StartsWith("fuzz.json", i.Location, StringComparison.Ordinal));
            }
        }, iter: 500);
    }
}
