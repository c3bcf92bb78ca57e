using OpenCts.Ledger.Storage;

namespace OpenCts.Storage.Postgres.Ledger;

/// <summary>Journals every record as a pending leaf of the ledger kept in the same PostgreSQL database, in the writing transaction.</summary>
/// <remarks>The salt and commitment are made as the SQLite ledger makes them (<see cref="LedgerEntry"/>), over the same canonical bytes.</remarks>
public sealed class PostgresLedgerJournal : IRecordJournal
{
    public static PostgresLedgerJournal Instance { get; } = new();

    private PostgresLedgerJournal()
    {
    }

    public ValueTask RecordAsync(UnitOfWork work, string kind, string id, ReadOnlyMemory<byte> canonical, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        LedgerEntry.Validate(kind, id);
        var salt = LedgerEntry.NewSalt();
        // Held back to go with the writer's next statement or its commit: nothing reads what it returns.
        PostgresStore.Hold(work, "INSERT INTO ledger_pending (record_kind, record_id, salt, commitment) VALUES (@kind, @id, @salt, @commitment)",
            ("kind", kind), ("id", id), ("salt", salt), ("commitment", LedgerEntry.Commit(salt, canonical.Span)));
        return ValueTask.CompletedTask;
    }
}
