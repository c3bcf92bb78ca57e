using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Audit;
using OpenCts.Ledger.Storage;

namespace OpenCts.Ledger.Tests.Support;

/// <summary>An honest stand-in for the store: a real records table in the same SQLite file, each record saved with its pending leaf in one transaction.</summary>
internal sealed class StandInStore : IDisposable
{
    private readonly SqliteConnection _connection;

    public StandInStore(string databasePath)
    {
        _connection = LedgerSchema.Open(databasePath);
        LedgerSchema.Migrate(_connection);
        Execute("CREATE TABLE IF NOT EXISTS records (kind TEXT NOT NULL, id TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (kind, id))");
    }

    public void Save(string kind, string id, byte[] body, bool commit = true)
    {
        using var transaction = _connection.BeginTransaction();
        using (var insert = _connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR REPLACE INTO records (kind, id, body) VALUES ($k, $i, $b)";
            insert.Parameters.AddWithValue("$k", kind);
            insert.Parameters.AddWithValue("$i", id);
            insert.Parameters.AddWithValue("$b", body);
            insert.ExecuteNonQuery();
        }
        LedgerLog.Enqueue(_connection, transaction, kind, id, body);
        if (commit)
        {
            transaction.Commit();
        }
    }

    public void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public long Count(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public SqliteRecordSource RecordSource(params string[] kinds) =>
        new(_connection, kinds.ToDictionary(k => k, k => $"SELECT body FROM records WHERE kind = '{k}' AND id = $id"));

    public void Dispose() => _connection.Dispose();
}
