using System.Text;
using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Merkle;
using SQLitePCL;

namespace OpenCts.Ledger.Storage;

/// <summary>Writes a batch's leaf rows and the tile rows it changed, each through one statement prepared once per log and stepped per row.</summary>
/// <remarks>
/// The rows are bound and stepped through SQLite's own API on the connection's handle, and so inside its transaction:
/// cheaper per row than a command's parameters, and cheaper than building one array of the rows and unpacking it again
/// inside SQLite. Both statements are prepared at their first use and kept until the log is disposed: a batch of
/// 10,000 leaves used to prepare one statement per 2,048-leaf chunk and one per stratum of each chunk's tiles.
/// Each statement is reset after every row, so none holds the file between batches.
/// </remarks>
internal sealed class LeafWriter(SqliteConnection connection) : IDisposable
{
    private sqlite3_stmt? _leaf;
    private sqlite3_stmt? _tile;
    private byte[] _kind = new byte[64];
    private byte[] _id = new byte[256];

    public void WriteLeaves(long firstIndex, LeafBatch batch)
    {
        var db = connection.Handle!;
        var insert = _leaf ??= Prepare(db, "INSERT INTO ledger_leaves (leaf_index, record_kind, record_id, salt, commitment) VALUES (?1, ?2, ?3, ?4, ?5)");
        for (var i = 0; i < batch.Count; i++)
        {
            Check(db, raw.sqlite3_bind_int64(insert, 1, firstIndex + i));
            Check(db, raw.sqlite3_bind_text(insert, 2, Utf8(batch.Kinds[i], ref _kind)));
            Check(db, raw.sqlite3_bind_text(insert, 3, Utf8(batch.Ids[i], ref _id)));
            Check(db, raw.sqlite3_bind_blob(insert, 4, batch.Salts.AsSpan(i * MerkleHash.Size, MerkleHash.Size)));
            Check(db, raw.sqlite3_bind_blob(insert, 5, batch.Commitments.AsSpan(i * MerkleHash.Size, MerkleHash.Size)));
            Step(db, insert, $"writing leaf {firstIndex + i}");
        }
    }

    /// <summary>Writes the rows of one stratum's tiles that a batch changed: <paramref name="full"/> full rows, then one row of <paramref name="lastBytes"/> bytes, replacing shorter rows of the same tiles.</summary>
    public void WriteTiles(int stratum, long firstTile, byte[] rows, int full, int lastBytes)
    {
        if (rows.Length != full * NodeTiles.FullBytes + lastBytes)
        {
            throw new ArgumentException($"{rows.Length} bytes for {full} full tiles and one of {lastBytes} bytes", nameof(rows));
        }
        var db = connection.Handle!;
        var insert = _tile ??= Prepare(db, "INSERT OR REPLACE INTO ledger_tiles (id, hashes) VALUES (?1, ?2)");
        for (var t = 0; t <= full; t++)
        {
            var tile = new NodeId(stratum, firstTile + t);
            Check(db, raw.sqlite3_bind_int64(insert, 1, tile.Key));
            Check(db, raw.sqlite3_bind_blob(insert, 2, rows.AsSpan(t * NodeTiles.FullBytes, t < full ? NodeTiles.FullBytes : lastBytes)));
            Step(db, insert, $"writing tile {tile.Index} of stratum {stratum}");
        }
    }

    public void Dispose()
    {
        _leaf?.Dispose();
        _tile?.Dispose();
        _leaf = _tile = null;
    }

    // The text as UTF-8 in a buffer kept for the purpose: binding a string made SQLitePCL allocate its UTF-8 copy for
    // every leaf, twice; SQLite copies the bound bytes in any case.
    private static ReadOnlySpan<byte> Utf8(string text, ref byte[] buffer)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > buffer.Length)
        {
            buffer = new byte[most];
        }
        return buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer));
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        return statement;
    }

    private static void Step(sqlite3 db, sqlite3_stmt statement, string what)
    {
        var step = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (step != raw.SQLITE_DONE)
        {
            throw new SqliteException($"SQLite Error {step}: '{raw.sqlite3_errmsg(db).utf8_to_string()}' {what}", step);
        }
    }

    private static void Check(sqlite3 db, int code)
    {
        if (code != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {code}: '{raw.sqlite3_errmsg(db).utf8_to_string()}' writing the ledger", code);
        }
    }
}
