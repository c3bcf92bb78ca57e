using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Audit;
using OpenCts.Ledger.Storage;
using OpenCts.Storage;

namespace OpenCts.Cli.Ledger;

/// <summary>Connects the store to the ledger: every record the store writes is enqueued as a pending leaf in the same transaction.</summary>
/// <remarks>The composition root calls <see cref="Attach"/> right after opening the store.</remarks>
internal static class LedgerWiring
{
    /// <summary>Creates the ledger tables in the store's file and journals every kind of record the store writes.</summary>
    public static CtsStore Attach(CtsStore store)
    {
        LedgerSchema.Migrate(store.Connection);
        var journal = new LedgerJournal();
        store.Messages.Journal = journal;
        store.Assessments.Journal = journal;
        store.Profiles.Journal = journal;
        store.Watchlists.Journal = journal;
        store.Examinations.Journal = journal;
        return store;
    }

    private sealed class LedgerJournal : IRecordJournal
    {
        public void Record(SqliteTransaction transaction, string kind, string id, ReadOnlySpan<byte> canonical) =>
            LedgerLog.Enqueue(transaction.Connection!, transaction, kind, id, canonical);
    }
}

/// <summary>Reads every kind of record back from the store for the audit, as the store journaled it.</summary>
internal sealed class StoreRecordSource(CtsStore store) : IRecordSource
{
    public byte[]? Read(string recordKind, string recordId)
    {
        try
        {
            return store.ReadCanonical(recordKind, recordId);
        }
        catch (ArgumentException)
        {
            throw new UnreadableRecordKindException(recordKind);
        }
    }
}
