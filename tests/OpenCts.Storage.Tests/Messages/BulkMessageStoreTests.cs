using OpenCts.Domain.Assessments;
using OpenCts.Storage.Messages;

namespace OpenCts.Storage.Tests.Messages;

/// <summary>Many messages to one transaction, and the pages that bulk assessment reads, on both backends.</summary>
public class BulkMessageStoreTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task Messages_stored_together_get_the_outcomes_they_would_get_one_by_one_and_a_repeat_inside_the_batch_is_a_duplicate(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var stored = await test.Store.Messages.StoreManyAsync(
        [
            test.Store.Messages.Prepare(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json"),
            test.Store.Messages.Prepare(SampleConsignment.Message("M-2", SampleConsignment.Of(vessel: "POLAR STAR")), "b.json"),
            test.Store.Messages.Prepare(SampleConsignment.Message("M-1", SampleConsignment.Of()), "c.json"),
        ], Token);

        Assert.Equal([MessageOutcome.Stored, MessageOutcome.Stored, MessageOutcome.Duplicate], stored.Select(s => s.Outcome));
        Assert.Equal(stored[0].RawMessageId, stored[2].RawMessageId);
        Assert.Equal([("OceanBillOfLading:MAEU123456789", 2)], stored[1].Versions);
        Assert.Equal(new MessageCounts(2, 0, 1, 2), await (await test.ReopenAsync()).Messages.CountsAsync(Token));
        Assert.Equal(["message", "message"], test.Journal.Records.Select(r => r.Kind));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_prepared_message_given_another_message_stores_that_message_not_what_was_prepared(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var prepared = test.Store.Messages.Prepare(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json");

        await test.Store.Messages.StoreManyAsync([prepared with { Message = SampleConsignment.Message("M-2", SampleConsignment.Of(vessel: "POLAR STAR")) }], Token);

        var stored = Assert.Single(await (await test.ReopenAsync()).Messages.CurrentAsync(Token));
        Assert.Equal(("POLAR STAR", "M-2"), (stored.Consignment.Conveyance!.VesselName, stored.Consignment.Provenance!.MessageId));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_batch_that_fails_before_its_commit_leaves_none_of_its_messages(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend, failWith: new JournalFailingOnTheSecondRecord());
        await Assert.ThrowsAsync<IOException>(() => test.Store.Messages.StoreManyAsync(
            [new PreparedMessage(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json"), test.Store.Messages.Prepare(SampleConsignment.Message("M-2", SampleConsignment.Of("MAEU2")), "b.json")], Token));
        Assert.Equal(new MessageCounts(0, 0, 0, 0), await (await test.ReopenAsync()).Messages.CountsAsync(Token));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task Pages_walk_every_current_consignment_once_in_storage_order_and_pending_pages_skip_the_assessed(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var numbers = Enumerable.Range(1, 7).Select(i => $"MAEU{i:D9}").ToList();
        await test.Store.Messages.StoreManyAsync([.. numbers.Select((n, i) => test.Store.Messages.Prepare(SampleConsignment.Message($"M-{i}", SampleConsignment.Of(n)), "a.json"))], Token);
        // A new version of the third moves it to the end of storage order; the fifth is assessed.
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-again", SampleConsignment.Of(numbers[2], vessel: "POLAR STAR")), "b.json", Token);
        var fifth = $"OceanBillOfLading:{numbers[4]}";
        await test.Store.Assessments.SaveAsync([new Assessment(fifth, 1, 10, Lane.Green, [], DateTimeOffset.UnixEpoch)], Token);

        Assert.Equal([.. numbers.Where((_, i) => i != 2), numbers[2]], (await AllPagesAsync(test.Store, pendingOnly: false, take: 3)).Select(c => c.Consignment.Document.Number));
        var pending = await AllPagesAsync(test.Store, pendingOnly: true, take: 2);
        Assert.Equal((await test.Store.Messages.PendingAssessmentAsync(Token)).Select(c => (c.DocumentKey, c.Version)), pending.Select(c => (c.DocumentKey, c.Version)));
        Assert.DoesNotContain(pending, c => c.DocumentKey == fifth);
        Assert.Equal(2, Assert.Single(pending, c => c.Consignment.Document.Number == numbers[2]).Version);
    }

    /// <summary>Journals the first record, then fails: the first message was written inside the transaction when the second fails.</summary>
    private sealed class JournalFailingOnTheSecondRecord : IRecordJournal
    {
        private int _records;

        public ValueTask RecordAsync(UnitOfWork work, string kind, string id, ReadOnlyMemory<byte> canonical, CancellationToken cancellationToken) =>
            ++_records < 2 ? ValueTask.CompletedTask : throw new IOException("disk full");
    }

    private static async Task<List<StoredConsignment>> AllPagesAsync(ICtsStore store, bool pendingOnly, int take)
    {
        var all = new List<StoredConsignment>();
        var after = 0L;
        while (true)
        {
            var page = await store.Messages.PageAsync(pendingOnly, after, take, Token);
            Assert.True(page.Items.Count <= take);
            all.AddRange(page.Items);
            if (page.Items.Count < take)
            {
                return all;
            }
            after = page.Next;
        }
    }
}
