using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace OpenCts.Ledger.Storage;

/// <summary>One prepared primary-key lookup of a <c>ledger_tiles</c> row, stepped through SQLite's own API.</summary>
/// <remarks>
/// A proof reads two or three rows; through a command and a data reader each read cost about as much as the proof's
/// whole arithmetic (statement enumeration, parameter binding, and for a blob an incremental-blob handle). Here a read
/// is a reset, a bind, a step and a copy out of the row. The statement runs on the connection's own handle, so it sees
/// the same transaction as every other command on that connection, and it is reset after each read so that it never
/// holds a read snapshot open.
/// </remarks>
internal sealed class TileLookup : IDisposable
{
    private readonly SqliteConnection _connection;
    private sqlite3_stmt? _statement;

    public TileLookup(SqliteConnection connection) => _connection = connection;

    /// <summary>Copies the row of tile <paramref name="key"/> into <paramref name="row"/> (grown if need be); returns its length, or -1 if there is no such row.</summary>
    public int Read(long key, ref byte[] row)
    {
        var statement = _statement ??= Prepare();
        try
        {
            Check(raw.sqlite3_bind_int64(statement, 1, key));
            var step = raw.sqlite3_step(statement);
            if (step == raw.SQLITE_DONE)
            {
                return -1;
            }
            if (step != raw.SQLITE_ROW)
            {
                Check(step);
            }
            var blob = raw.sqlite3_column_blob(statement, 0);
            if (blob.Length > row.Length)
            {
                row = new byte[blob.Length];
            }
            blob.CopyTo(row);
            return blob.Length;
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    public void Dispose()
    {
        _statement?.Dispose();
        _statement = null;
    }

    private sqlite3_stmt Prepare()
    {
        Check(raw.sqlite3_prepare_v2(_connection.Handle, "SELECT hashes FROM ledger_tiles WHERE id = ?1", out var statement));
        return statement;
    }

    private void Check(int code)
    {
        if (code != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite error {code} reading ledger_tiles: {raw.sqlite3_errmsg(_connection.Handle).utf8_to_string()}", code);
        }
    }
}
