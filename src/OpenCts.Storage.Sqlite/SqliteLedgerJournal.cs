using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Storage;

namespace OpenCts.Storage.Sqlite;

/// <summary>Journals every record as a pending leaf of the ledger kept in the same SQLite file, in the writing transaction.</summary>
public sealed class SqliteLedgerJournal : IRecordJournal
{
    public static SqliteLedgerJournal Instance { get; } = new();

    private SqliteLedgerJournal()
    {
    }

    public ValueTask RecordAsync(UnitOfWork work, string kind, string id, ReadOnlyMemory<byte> canonical, CancellationToken cancellationToken)
    {
        LedgerLog.Enqueue((SqliteConnection)work.Connection, (SqliteTransaction)work.Transaction, kind, id, canonical.Span);
        return ValueTask.CompletedTask;
    }
}
