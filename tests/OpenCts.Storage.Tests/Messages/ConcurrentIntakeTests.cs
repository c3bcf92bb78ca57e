using System.Text;
using OpenCts.Storage.Messages;
using OpenCts.Storage.Sqlite;

namespace OpenCts.Storage.Tests.Messages;

/// <summary>
/// Many messages stored at the same moment, as a server receives them: both stores commit those that arrive together in
/// one transaction (group commit); each caller must still get its own answer.
/// </summary>
public class ConcurrentIntakeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Starts every store at once, before awaiting any, so that they queue together.</summary>
    private static Task<StoredMessage>[] StoreAtOnce(ICtsStore store, IEnumerable<ParsedMessage> messages) =>
        [.. messages.Select(m => store.Messages.StoreAsync(m, m.MessageId + ".json", Token))];

    private static ParsedMessage Numbered(int i) =>
        SampleConsignment.Message($"M-{i}", SampleConsignment.Of(number: $"MAEU{100000000 + i}"));

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task Two_hundred_messages_stored_at_once_are_each_stored_once_with_their_own_id_and_ledger_leaf(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var stored = await Task.WhenAll(StoreAtOnce(test.Store, Enumerable.Range(1, 200).Select(Numbered)));

        Assert.All(stored, s => Assert.Equal(MessageOutcome.Stored, s.Outcome));
        Assert.Equal(200, stored.Select(s => s.RawMessageId).Distinct().Count());
        Assert.All(stored.Select((s, i) => (s, i)), x => Assert.Equal([($"OceanBillOfLading:MAEU{100000001 + x.i}", 1)], x.s.Versions));
        Assert.Equal(new MessageCounts(200, 0, 200, 200), await (await test.ReopenAsync()).Messages.CountsAsync(Token));
        Assert.Equal(
            stored.Select(s => s.RawMessageId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal),
            test.Journal.Records.Where(r => r.Kind == RecordKinds.Message).Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task One_message_that_fails_among_many_stored_at_once_fails_alone_and_leaves_nothing(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend, failWith: new FailsOn("M-BAD"));
        var messages = Enumerable.Range(1, 100).Select(i => i == 50 ? SampleConsignment.Message("M-BAD", SampleConsignment.Of(number: "MAEUBAD000001")) : Numbered(i));
        var stores = StoreAtOnce(test.Store, messages);

        var failure = await Assert.ThrowsAsync<IOException>(() => stores[49]);
        Assert.Equal("disk full for M-BAD", failure.Message);
        var good = await Task.WhenAll(stores.Where((_, i) => i != 49));
        Assert.All(good, s => Assert.Equal(MessageOutcome.Stored, s.Outcome));
        var reopened = await test.ReopenAsync();
        Assert.Equal(new MessageCounts(99, 0, 99, 99), await reopened.Messages.CountsAsync(Token));
        Assert.Empty(await reopened.Messages.VersionsAsync("OceanBillOfLading:MAEUBAD000001", Token));
        Assert.Equal(99, test.Journal.Records.Count(r => r.Kind == RecordKinds.Message));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task The_same_message_sent_fifty_times_at_once_is_stored_once_and_the_others_are_told_duplicate(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var stored = await Task.WhenAll(StoreAtOnce(test.Store, Enumerable.Range(0, 50).Select(_ => Numbered(7))));

        var first = Assert.Single(stored, s => s.Outcome == MessageOutcome.Stored);
        Assert.Equal(49, stored.Count(s => s.Outcome == MessageOutcome.Duplicate && s.Status == MessageStatus.Duplicate && s.RawMessageId == first.RawMessageId));
        Assert.Equal(new MessageCounts(1, 0, 1, 1), await test.Store.Messages.CountsAsync(Token));
        Assert.Single(test.Journal.Records, r => r.Kind == RecordKinds.Message);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task Versions_of_one_document_sent_at_once_are_numbered_one_to_twenty_without_a_gap(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var stored = await Task.WhenAll(StoreAtOnce(test.Store, Enumerable.Range(1, 20).Select(i => SampleConsignment.Message($"V-{i}", SampleConsignment.Of(vessel: $"VESSEL {i}")))));

        Assert.Equal(Enumerable.Range(1, 20), stored.Select(s => s.Versions.Single().Version).Order());
        Assert.Equal(Enumerable.Range(1, 20), (await test.Store.Messages.VersionsAsync("OceanBillOfLading:MAEU123456789", Token)).Select(v => v.Version));
    }

    [Fact]
    public async Task A_write_cancelled_while_it_waits_for_its_group_leaves_nothing_and_its_neighbours_are_stored()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        using var cancel = new CancellationTokenSource();
        // A journal that cancels the middle message's own token as its body runs: it fails between its body and the commit.
        var store = SqliteStore.Open(Path.Combine(test.Directory, "other"), new CancelsOn("M-2", cancel));
        await using (store)
        {
            var before = store.Messages.StoreAsync(Numbered(1), "1.json", Token);
            var cancelled = store.Messages.StoreAsync(Numbered(2), "2.json", cancel.Token);
            var after = store.Messages.StoreAsync(Numbered(3), "3.json", Token);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
            Assert.Equal(MessageOutcome.Stored, (await before).Outcome);
            Assert.Equal(MessageOutcome.Stored, (await after).Outcome);
            Assert.Equal(new MessageCounts(2, 0, 2, 2), await store.Messages.CountsAsync(Token));
            Assert.Empty(await store.Messages.VersionsAsync("OceanBillOfLading:MAEU100000002", Token));
        }
    }

    [Fact]
    public async Task A_store_closed_with_writes_queued_commits_them_before_it_closes()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        var folder = Path.Combine(test.Directory, "closing");
        Task<StoredMessage>[] stores;
        using (var store = SqliteStore.Open(folder, SqliteLedgerJournal.Instance))
        {
            stores = StoreAtOnce(store, Enumerable.Range(1, 50).Select(Numbered));
        }
        Assert.All(await Task.WhenAll(stores), s => Assert.Equal(MessageOutcome.Stored, s.Outcome));
        await using var reopened = SqliteStore.Open(folder, SqliteLedgerJournal.Instance);
        Assert.Equal(new MessageCounts(50, 0, 50, 50), await reopened.Messages.CountsAsync(Token));
    }

    [Fact]
    public async Task On_postgres_a_statement_held_back_by_one_write_that_fails_when_sent_with_the_next_fails_that_write_alone_and_no_caller_is_told_stored_for_rows_that_are_gone()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Postgres, failWith: new HoldsAFailingStatementOn("M-BAD"));
        var messages = Enumerable.Range(1, 40).Select(i => i == 20 ? SampleConsignment.Message("M-BAD", SampleConsignment.Of(number: "MAEUBAD000001")) : Numbered(i)).ToList();
        var stores = StoreAtOnce(test.Store, messages);
        await Task.WhenAll(stores.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));

        // The bad statement goes out with whatever the store sends next, the next write's or the commit, and PostgreSQL does
        // not say whose it was: the writes of that transaction run again one at a time, so only M-BAD is refused.
        Assert.True(stores[19].IsFaulted, string.Join(", ", stores.Select((s, i) => $"{i}:{s.Status}")));
        Assert.IsType<Npgsql.PostgresException>(stores[19].Exception?.InnerException);
        var stored = stores.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result).ToList();
        Assert.Equal(39, stored.Count);
        Assert.All(stored, s => Assert.Equal(MessageOutcome.Stored, s.Outcome));
        var reopened = await test.ReopenAsync();
        Assert.Equal(new MessageCounts(39, 0, 39, 39), await reopened.Messages.CountsAsync(Token));
        Assert.Empty(await reopened.Messages.VersionsAsync("OceanBillOfLading:MAEUBAD000001", Token));
        foreach (var message in messages.Where(m => m.MessageId != "M-BAD"))
        {
            Assert.Single(await reopened.Messages.VersionsAsync($"OceanBillOfLading:{message.Consignments[0].Document.Number}", Token));
        }
    }

    /// <summary>On PostgreSQL, holds back (for the next batch) a statement that fails there, when the named message is journaled.</summary>
    private sealed class HoldsAFailingStatementOn(string messageId) : IRecordJournal
    {
        public ValueTask RecordAsync(UnitOfWork work, string kind, string id, ReadOnlyMemory<byte> canonical, CancellationToken cancellationToken)
        {
            if (Encoding.UTF8.GetString(canonical.Span).Contains($"\n{messageId}\n", StringComparison.Ordinal))
            {
                ((Postgres.PostgresUnitOfWork)work).Hold("INSERT INTO ledger_pending (record_kind, record_id, salt, commitment) VALUES (NULL, NULL, NULL, NULL)", returnsRows: false);
            }
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Fails the journaling of the one message whose canonical bytes name the message id, as a full disk would.</summary>
    private sealed class FailsOn(string messageId) : IRecordJournal
    {
        public ValueTask RecordAsync(UnitOfWork work, string kind, string id, ReadOnlyMemory<byte> canonical, CancellationToken cancellationToken) =>
            Encoding.UTF8.GetString(canonical.Span).Contains($"\n{messageId}\n", StringComparison.Ordinal)
                ? throw new IOException($"disk full for {messageId}")
                : ValueTask.CompletedTask;
    }

    /// <summary>Journals into the real ledger, and cancels a token while the named message is being written.</summary>
    private sealed class CancelsOn(string messageId, CancellationTokenSource cancel) : IRecordJournal
    {
        public async ValueTask RecordAsync(UnitOfWork work, string kind, string id, ReadOnlyMemory<byte> canonical, CancellationToken cancellationToken)
        {
            if (Encoding.UTF8.GetString(canonical.Span).Contains($"\n{messageId}\n", StringComparison.Ordinal))
            {
                await cancel.CancelAsync();
            }
            await SqliteLedgerJournal.Instance.RecordAsync(work, kind, id, canonical, cancellationToken);
        }
    }
}
