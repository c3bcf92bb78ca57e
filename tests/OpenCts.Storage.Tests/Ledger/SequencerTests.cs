using OpenCts.Ledger.Notes;
using OpenCts.Storage.Postgres;
using OpenCts.Storage.Postgres.Ledger;
using OpenCts.Storage.Tests.Records;

namespace OpenCts.Storage.Tests.Ledger;

/// <summary>The ledger's sequencer on PostgreSQL is a single writer: an advisory lock keeps a second one from forking the log.</summary>
public class SequencerTests
{
    private static readonly NoteSigner Signer = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OfTwoSequencersStartedAtOnceOnlyOneAppendsAndTheOtherFailsNamingTheDatabase()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Postgres);
        var store = (PostgresStore)test.Store;
        await SampleRecords.WriteEveryKindAsync(store, Token);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try
            {
                return (Sequencer: (PostgresSequencer?)await store.SequencerAsync(SequencerWait.Fail, Token), Refused: (Exception?)null);
            }
            catch (LedgerSequencerBusyException e)
            {
                return (Sequencer: (PostgresSequencer?)null, Refused: (Exception?)e);
            }
        }, Token)));

        var holder = Assert.Single(attempts, a => a.Sequencer is not null).Sequencer!;
        var refused = Assert.Single(attempts, a => a.Refused is not null).Refused!;
        Assert.Contains(store.Location, refused.Message, StringComparison.Ordinal);
        await using (holder)
        {
            Assert.Equal(test.Journal.Records.Count, await holder.IntegrateAsync(Token));
            await holder.SignCheckpointAsync(Signer, Token);
            // While it holds the ledger, no other sequencer may take it, from this process or another.
            await Assert.ThrowsAsync<LedgerSequencerBusyException>(() => store.SequencerAsync(SequencerWait.Fail, Token));
        }
        // Let go, the ledger can be taken again.
        await using var next = await store.SequencerAsync(SequencerWait.Fail, Token);
        Assert.Equal(test.Journal.Records.Count, await next.IntegrateAsync(Token));
        Assert.True(test.Audit(Signer, Token).IsClean);
    }

    [Fact]
    public async Task TwoWaitingSequencersStartedAtOnceTakeTurnsAndTheLogStaysOneLog()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Postgres);
        var store = (PostgresStore)test.Store;
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await store.Messages.StoreAsync(SampleConsignment.Message($"M-{i}", SampleConsignment.Of($"MAEU{i:D9}")), $"{i}.json", Token);
            }
        }, Token);
        // Two store processes each open the database and sequence it over and over while records arrive.
        await using var other = await PostgresStore.OpenAsync(test.ConnectionString!, PostgresLedgerJournal.Instance, test.Directory, null, Token);
        var holding = 0;
        var overlapped = false;
        async Task Sequence(PostgresStore on)
        {
            for (var round = 0; round < 5; round++)
            {
                await using var sequencer = await on.SequencerAsync(SequencerWait.Wait, Token);
                overlapped |= Interlocked.Increment(ref holding) > 1;
                await sequencer.IntegrateAsync(Token);
                await sequencer.SignCheckpointAsync(Signer, Token);
                Interlocked.Decrement(ref holding);
            }
        }

        await Task.WhenAll(writer, Sequence(store), Sequence(other));
        await using (var last = await store.SequencerAsync(SequencerWait.Fail, Token))
        {
            await last.IntegrateAsync(Token);
            await last.SignCheckpointAsync(Signer, Token);
        }

        Assert.False(overlapped, "two sequencers held the ledger at once");
        var report = test.Audit(Signer, Token);
        Assert.True(report.IsClean, string.Join("; ", report.Findings));
        Assert.Equal(40, report.TreeSize);
        using var reader = store.OpenLedgerReader();
        Assert.Equal(40, reader.Leaves(0, 40).Select(l => (l.RecordKind, l.RecordId)).Distinct().Count());
    }

    [Fact]
    public async Task AWaitingSequencerStopsWaitingWhenItsTokenIsCancelled()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Postgres);
        var store = (PostgresStore)test.Store;
        await using var holder = await store.SequencerAsync(SequencerWait.Fail, Token);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SequencerAsync(SequencerWait.Wait, cancel.Token));
    }
}
