using System.Text;
using System.Text.Json;
using CsCheck;
using OpenCts.Domain.Serialization;
using OpenCts.Ingestion.Json;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Ingestion.Samples;
using OpenCts.Ingestion.Tests.Edifact;

namespace OpenCts.Ingestion.Tests.Json;

/// <summary>Mutation fuzzing of the OpenCTS JSON reader: whatever the bytes, no exception, no hang, every rejection with a place on one line.</summary>
public sealed class JsonFuzzTests
{
    private static readonly byte[] Seed = Message();
    private static readonly byte[] Interesting = "{}[]:,\"\\n 0-.eEtrufalsn\u00e9"u8.ToArray();

    /// <summary>A message of three generated consignments, indented as the sample writer writes them.</summary>
    private static byte[] Message()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("sender", "MAEU");
            w.WriteString("messageId", "MAEU-FUZZ-0001");
            w.WriteStartArray("consignments");
            foreach (var c in new SampleGenerator(20261128).Generate(3))
            {
                ConsignmentJsonWriter.Write(w, c);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void ReadsWithEveryErrorPlaced(byte[] bytes)
    {
        var messages = new JsonMessageFormat().Parse("fuzz.json", bytes, Samples.ReceivedAt, TestContext.Current.CancellationToken);
        CuscarFuzzTests.AssertWellFormed(messages);
        CuscarFuzzTests.AssertOneLine(messages);
        foreach (var issue in messages.SelectMany(m => m.Issues).Where(i => i.Severity == IssueSeverity.Error))
        {
            Assert.Matches(PlaceOf(issue), issue.Location);
        }
    }

    /// <summary>A field of the format as the reader names it: known names with array indices, joined by dots.</summary>
    private const string KnownField = @"[a-z][A-Za-z0-9]*(\[\d+\])*";

    /// <summary>
    /// The shape an error's place must have: a line and column for syntax errors and for errors about the whole message;
    /// the path of known fields for a bad value; and for an unknown field, known fields then the unknown name as written, shown escaped.
    /// </summary>
    private static string PlaceOf(IngestionIssue issue) =>
        issue.Message.StartsWith("is not a known field", StringComparison.Ordinal)
            ? $@"^fuzz\.json: ({KnownField}\.)*[^\x00-\x1F\x7F]+$"
            : $@"^fuzz\.json: (line [1-9]\d*, column [1-9]\d*|{KnownField}(\.{KnownField})*)$";

    [Fact]
    public void TheSampleMessageIsRead()
    {
        var message = Assert.Single(new JsonMessageFormat().Parse("fuzz.json", Seed, Samples.ReceivedAt, TestContext.Current.CancellationToken));
        Assert.Empty(message.Issues);
        Assert.Equal(3, message.Consignments.Count);
    }

    [Fact]
    public void MutatedMessagesNeverCrashAndEveryErrorHasAPlace()
    {
        CuscarFuzzTests.MutatedWithLinesRepeated(Seed, Interesting).Sample(ReadsWithEveryErrorPlaced, iter: 1500, print: b => Encoding.Latin1.GetString(b));
    }

    /// <summary>The mutation <c>8i7bNFh_5F02</c>: a message cut down to a number, so that the error about the top level had no field to name.</summary>
    [Fact]
    public void AMessageWhoseTopLevelIsNotAnObjectIsRejectedAtTheLineAndColumnOfTheValue()
    {
        CuscarFuzzTests.MutatedWithLinesRepeated(Seed, Interesting).Sample(ReadsWithEveryErrorPlaced, seed: "8i7bNFh_5F02", iter: 1, print: b => Encoding.Latin1.GetString(b));
        var issue = Assert.Single(Assert.Single(new JsonMessageFormat().Parse("m.json", "\n  [1]"u8.ToArray(), Samples.ReceivedAt, TestContext.Current.CancellationToken)).Issues);
        Assert.Equal("m.json: line 2, column 3", issue.Location);
        Assert.Equal("expected an object, found an array", issue.Message);
    }

    [Fact]
    public void AnEscapedLineBreakInAQuotedValueIsShownEscapedInTheMessage()
    {
        var issue = Assert.Single(Assert.Single(new JsonMessageFormat().Parse("m.json", """{"sender": "MAEU", "messageId": "M-1", "function": "orig\ninal", "consignments": []}"""u8.ToArray(), Samples.ReceivedAt, TestContext.Current.CancellationToken)).Issues);
        Assert.Equal("m.json: function", issue.Location);
        Assert.Equal(@"'orig\ninal' is not one of original, cancellation", issue.Message);
    }
}
