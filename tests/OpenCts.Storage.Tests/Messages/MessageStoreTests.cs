using System.Text;
using OpenCts.Domain.Serialization;
using OpenCts.Storage.Audit;
using OpenCts.Storage.Messages;

namespace OpenCts.Storage.Tests.Messages;

public class MessageStoreTests
{
    private const string Key = "OceanBillOfLading:MAEU123456789";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task TheSameSenderAndMessageIdIsStoredOnce(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var first = await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Token);
        var second = await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Token);
        Assert.Equal((MessageOutcome.Stored, MessageStatus.Accepted), (first.Outcome, first.Status));
        Assert.Equal((MessageOutcome.Duplicate, MessageStatus.Duplicate), (second.Outcome, second.Status));
        Assert.Equal(first.RawMessageId, second.RawMessageId);
        Assert.Equal(new MessageCounts(1, 0, 1, 1), await test.Store.Messages.CountsAsync(Token));
        Assert.Equal([("message", "1")], test.Journal.Records.Select(r => (r.Kind, r.Id)));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task ALaterMessageForTheSameDocumentBecomesANewVersionAndKeepsTheOld(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Token);
        var stored = await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-2", SampleConsignment.Of(vessel: "POLAR STAR")), "b.json", Token);
        Assert.Equal([(Key, 2)], stored.Versions);
        var versions = await (await test.ReopenAsync()).Messages.VersionsAsync(Key, Token);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal("NORDIC AURORA", versions[0].Consignment.Conveyance!.VesselName);
        Assert.Equal("POLAR STAR", versions[1].Consignment.Conveyance!.VesselName);
        Assert.Equal(2, versions[1].Consignment.Provenance!.Version);
        Assert.Equal("M-2", versions[1].Consignment.Provenance!.MessageId);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task ARejectedMessageKeepsItsBytesAndErrorsButNoConsignment(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var raw = "{\"sender\": \"MAEU\", \"consignments\": ["u8.ToArray();
        var broken = Assert.Single(new Ingestion.Json.JsonMessageFormat().Parse("x.json", raw, DateTimeOffset.UnixEpoch, Token));
        var stored = await test.Store.Messages.StoreAsync(broken, "x.json", Token);

        Assert.Equal((MessageOutcome.Rejected, MessageStatus.Rejected), (stored.Outcome, stored.Status));
        Assert.Equal(new MessageCounts(1, 1, 0, 0), await test.Store.Messages.CountsAsync(Token));
        var error = Assert.Single(stored.Issues);
        Assert.Equal(IssueSeverity.Error, error.Severity);
        // The canonical record ends with the bytes exactly as received, after a header that names the status and the errors.
        var canonical = (await test.Store.ReadCanonicalAsync("message", stored.RawMessageId.ToString(System.Globalization.CultureInfo.InvariantCulture), Token))!;
        Assert.Equal(raw, canonical[^raw.Length..]);
        var header = Encoding.UTF8.GetString(canonical[..^raw.Length]);
        Assert.Contains("\nrejected\n", header, StringComparison.Ordinal);
        Assert.Contains(error.Message, header, StringComparison.Ordinal);
        Assert.Equal(canonical, Assert.Single(test.Journal.Records).Canonical);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task AFailureBeforeCommitLeavesNothingOfTheMessage(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend, failWith: new FailingJournal());
        await Assert.ThrowsAsync<IOException>(() => test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of(), SampleConsignment.Of("MAEU2")), "a.json", Token));
        Assert.Equal(new MessageCounts(0, 0, 0, 0), await (await test.ReopenAsync()).Messages.CountsAsync(Token));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task ACancelledTokenBeforeTheCommitLeavesNothingOfTheMessage(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", cancel.Token));
        Assert.Equal(new MessageCounts(0, 0, 0, 0), await test.Store.Messages.CountsAsync(Token));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task AMessageStoredWithItsAuditEntryCommitsBothAndTheEntryNamesWhatBecameOfTheMessage(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        static AuditEntry Audit(StoredMessage stored) => new("maeu", "POST /api/v1/messages", "", stored.Outcome.ToString(), DateTimeOffset.UnixEpoch);

        var first = await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Audit, Token);
        var again = await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Audit, Token);

        Assert.Equal((MessageOutcome.Stored, MessageOutcome.Duplicate), (first.Outcome, again.Outcome));
        var reopened = await test.ReopenAsync();
        Assert.Equal(["Duplicate", "Stored"], (await reopened.AuditLog.LatestAsync(10, Token)).Select(e => e.Outcome));
        Assert.Equal(new MessageCounts(1, 0, 1, 1), await reopened.Messages.CountsAsync(Token));
        Assert.Equal([(RecordKinds.Message, "1"), (RecordKinds.Audit, "1"), (RecordKinds.Audit, "2")], test.Journal.Records.Select(r => (r.Kind, r.Id)));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task AMessageWhoseAuditEntryCannotBeJournaledIsNotKeptEither(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend, failWith: new FailingJournal(RecordKinds.Audit));
        await Assert.ThrowsAsync<IOException>(() => test.Store.Messages.StoreAsync(
            SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", stored => new AuditEntry("maeu", "POST /api/v1/messages", "", "201", DateTimeOffset.UnixEpoch), Token));
        var reopened = await test.ReopenAsync();
        Assert.Equal(new MessageCounts(0, 0, 0, 0), await reopened.Messages.CountsAsync(Token));
        Assert.Empty(await reopened.AuditLog.LatestAsync(10, Token));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task ACancellationMarksTheDocumentCancelledAndKeepsItsVersions(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Token);
        var cancel = SampleConsignment.Parse("c.json", """{"sender": "MAEU", "messageId": "M-9", "function": "cancellation", "cancels": ["OceanBillOfLading:MAEU123456789", "OceanBillOfLading:NOPE"]}""");
        var stored = await test.Store.Messages.StoreAsync(cancel, "c.json", Token);
        Assert.Equal(MessageStatus.AcceptedWithWarnings, stored.Status);
        Assert.Contains(stored.Issues, i => i.Message.Contains("OceanBillOfLading:NOPE", StringComparison.Ordinal));
        Assert.Empty(await test.Store.Messages.CurrentAsync(Token));
        Assert.Empty(await test.Store.Messages.PendingAssessmentAsync(Token));
        Assert.Equal("cancelled", Assert.Single(await test.Store.Messages.VersionsAsync(Key, Token)).Status);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task AStoredVersionReadsBackAsTheConsignmentThatWasSent(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Token);
        var pending = Assert.Single(await test.Store.Messages.PendingAssessmentAsync(Token));
        Assert.Equal(ConsignmentJsonWriter.ToUtf8Bytes(SampleConsignment.Of() with { Provenance = pending.Consignment.Provenance }), ConsignmentJsonWriter.ToUtf8Bytes(pending.Consignment));
        Assert.Equal(Key, await test.Store.Messages.KeyOfAsync("MAEU123456789", Token));
        Assert.Null(await test.Store.Messages.KeyOfAsync("UNKNOWN", Token));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task ManyReadersAtOnceBesideAWriterEachSeeAWholeCommittedState(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                await test.Store.Messages.StoreAsync(SampleConsignment.Message($"M-{i}", SampleConsignment.Of($"MAEU{i:D9}")), $"{i}.json", Token);
            }
        }, Token);
        var readers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            while (!writer.IsCompleted)
            {
                var counts = await test.Store.Messages.CountsAsync(Token);
                var pending = await test.Store.Messages.PendingAssessmentAsync(Token);
                // One message holds one consignment: a reader never sees a message without its version, nor the reverse.
                Assert.Equal(counts.Messages, counts.Versions);
                Assert.True(pending.Count >= counts.Consignments, $"{pending.Count} pending read after {counts.Consignments} were counted");
            }
        }, Token)).ToArray();

        await Task.WhenAll([writer, .. readers]);

        Assert.Equal(new MessageCounts(60, 0, 60, 60), await test.Store.Messages.CountsAsync(Token));
    }

    /// <summary>Fails to journal records of one kind, or of every kind.</summary>
    private sealed class FailingJournal(string? only = null) : IRecordJournal
    {
        public ValueTask RecordAsync(UnitOfWork work, string kind, string id, ReadOnlyMemory<byte> canonical, CancellationToken cancellationToken) =>
            only is null || only == kind ? throw new IOException("disk full") : ValueTask.CompletedTask;
    }
}
