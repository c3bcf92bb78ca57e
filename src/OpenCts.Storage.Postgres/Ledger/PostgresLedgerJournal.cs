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

    public async ValueTask RecordAsync(UnitOfWork work, string kind, string id, ReadOnlyMemory<byte> canonical, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        LedgerEntry.Validate(kind, id);
        var salt = LedgerEntry.NewSalt();
        await using var insert = work.Command("INSERT INTO ledger_pending (record_kind, record_id, salt, commitment) VALUES (@kind, @id, @salt, @commitment)");
        Add(insert, "kind", kind);
        Add(insert, "id", id);
        Add(insert, "salt", salt);
        Add(insert, "commitment", LedgerEntry.Commit(salt, canonical.Span));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
