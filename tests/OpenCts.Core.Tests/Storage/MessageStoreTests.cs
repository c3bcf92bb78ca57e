using System.Text;
using Microsoft.Data.Sqlite;
using OpenCts.Core.Tests.Values;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;
using OpenCts.Ingestion.Json;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Storage;
using OpenCts.Storage.Messages;

namespace OpenCts.Core.Tests.Storage;

public class MessageStoreTests
{
    private static ParsedMessage Message(string messageId, params Consignment[] consignments)
    {
        var bodies = string.Join(",", consignments.Select(c => Encoding.UTF8.GetString(ConsignmentJsonWriter.ToUtf8Bytes(c))));
        var json = Encoding.UTF8.GetBytes($$"""{"sender": "MAEU", "messageId": "{{messageId}}", "consignments": [{{bodies}}]}""");
        return Assert.Single(new JsonMessageFormat().Parse($"{messageId}.json", json, DateTimeOffset.UnixEpoch, CancellationToken.None));
    }

    [Fact]
    public void TheSameSenderAndMessageIdIsStoredOnce()
    {
        using var temp = new TempStore();
        var first = temp.Store.Messages.Store(Message("M-1", ConsignmentTests.Sample()), "a.json");
        var second = temp.Store.Messages.Store(Message("M-1", ConsignmentTests.Sample()), "a.json");
        Assert.Equal(MessageOutcome.Stored, first.Outcome);
        Assert.Equal(MessageOutcome.Duplicate, second.Outcome);
        Assert.Equal(first.RawMessageId, second.RawMessageId);
        Assert.Equal((1L, 0L, 1L, 1L), temp.Store.Messages.Counts());
    }

    [Fact]
    public void ALaterMessageForTheSameDocumentBecomesANewVersionAndKeepsTheOld()
    {
        using var temp = new TempStore();
        temp.Store.Messages.Store(Message("M-1", ConsignmentTests.Sample()), "a.json");
        var amended = ConsignmentTests.Sample() with { Conveyance = new Conveyance("POLAR STAR", voyage: "246W") };
        var stored = temp.Store.Messages.Store(Message("M-2", amended), "b.json");
        Assert.Equal([("OceanBillOfLading:MAEU123456789", 2)], stored.Versions);
        var versions = temp.Reopen().Messages.Versions("OceanBillOfLading:MAEU123456789");
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal("NORDIC AURORA", versions[0].Consignment.Conveyance!.VesselName);
        Assert.Equal("POLAR STAR", versions[1].Consignment.Conveyance!.VesselName);
        Assert.Equal(2, versions[1].Consignment.Provenance!.Version);
        Assert.Equal("M-2", versions[1].Consignment.Provenance!.MessageId);
    }

    [Fact]
    public void ARejectedMessageKeepsItsBytesAndErrorsButNoConsignment()
    {
        using var temp = new TempStore();
        var bytes = "{\"sender\": \"MAEU\", \"consignments\": ["u8.ToArray();
        var broken = Assert.Single(new JsonMessageFormat().Parse("x.json", bytes, DateTimeOffset.UnixEpoch, CancellationToken.None));
        Assert.NotEmpty(broken.Issues);
        var stored = temp.Store.Messages.Store(broken, "x.json");
        Assert.Equal(MessageOutcome.Rejected, stored.Outcome);
        Assert.Equal(broken.Issues, stored.Issues);
        Assert.Equal((1L, 1L, 0L, 0L), temp.Store.Messages.Counts());

        // The canonical record is a header of lines (id, sender, message id, format, file, received, status, issues), a blank line, then the bytes as received.
        var canonical = temp.Reopen().Messages.ReadCanonical(stored.RawMessageId)!;
        var blank = canonical.AsSpan().IndexOf("\n\n"u8);
        Assert.Equal(bytes, canonical[(blank + 2)..]);
        var header = Encoding.UTF8.GetString(canonical, 0, blank).Split('\n');
        Assert.Equal("x.json", header[4]);
        Assert.Equal("rejected", header[6]);
        using var issues = System.Text.Json.JsonDocument.Parse(header[7]);
        Assert.Equal(
            broken.Issues.Select(i => (i.Severity == IssueSeverity.Error ? "error" : "warning", i.Location, i.Message)),
            issues.RootElement.EnumerateArray().Select(i => (i.GetProperty("severity").GetString()!, i.GetProperty("location").GetString()!, i.GetProperty("message").GetString()!)));
    }

    [Fact]
    public void AFailureBeforeCommitLeavesNothingOfTheMessage()
    {
        using var temp = new TempStore();
        temp.Store.Messages.Journal = new FailingJournal();
        Assert.Throws<IOException>(() => temp.Store.Messages.Store(Message("M-1", ConsignmentTests.Sample(), ConsignmentTests.Sample("MAEU2")), "a.json"));
        Assert.Equal((0L, 0L, 0L, 0L), temp.Reopen().Messages.Counts());
    }

    [Fact]
    public void ACancellationMarksTheDocumentCancelledAndKeepsItsVersions()
    {
        using var temp = new TempStore();
        temp.Store.Messages.Store(Message("M-1", ConsignmentTests.Sample()), "a.json");
        var cancel = Assert.Single(new JsonMessageFormat().Parse("c.json",
            """{"sender": "MAEU", "messageId": "M-9", "function": "cancellation", "cancels": ["OceanBillOfLading:MAEU123456789", "OceanBillOfLading:NOPE"]}"""u8.ToArray(),
            DateTimeOffset.UnixEpoch, CancellationToken.None));
        var stored = temp.Store.Messages.Store(cancel, "c.json");
        Assert.Contains(stored.Issues, i => i.Message.Contains("OceanBillOfLading:NOPE", StringComparison.Ordinal));
        Assert.Empty(temp.Store.Messages.Current());
        var versions = temp.Store.Messages.Versions("OceanBillOfLading:MAEU123456789");
        Assert.Equal("cancelled", Assert.Single(versions).Status);
    }

    [Fact]
    public void TheSchemaIsVersionedAndOpeningTwiceAppliesNothingAgain()
    {
        using var temp = new TempStore();
        var version = temp.Store.SchemaVersion;
        Assert.True(version >= 1);
        Assert.Equal(version, temp.Reopen().SchemaVersion);
        using var command = temp.Store.Connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    private sealed class FailingJournal : IRecordJournal
    {
        public void Record(SqliteTransaction transaction, string kind, string id, ReadOnlySpan<byte> canonical) => throw new IOException("disk full");
    }
}
