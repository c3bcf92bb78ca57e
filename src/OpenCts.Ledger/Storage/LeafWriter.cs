using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Merkle;
using SQLitePCL;

namespace OpenCts.Ledger.Storage;

/// <summary>Writes a batch's leaf rows with one prepared statement, and the tiles it changed with one statement per stratum.</summary>
/// <remarks>
/// The leaf rows are bound and stepped through SQLite's own API, which costs less per row than a command's parameters.
/// The tiles a batch changes in one stratum always have consecutive indexes, so each stratum goes in as one blob
/// unpacked inside SQLite.
/// </remarks>
internal sealed class LeafWriter(SqliteConnection connection, SqliteTransaction transaction)
{
    public void WriteLeaves(long firstIndex, LeafBatch batch)
    {
        if (batch.Count == 0)
        {
            return;
        }
        // One prepared statement stepped per row through SQLite's own API, on the connection's handle and so inside its
        // transaction: cheaper than building a JSON array of the records and unpacking it again inside SQLite.
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, "INSERT INTO ledger_leaves (leaf_index, record_kind, record_id, salt, commitment) VALUES (?1, ?2, ?3, ?4, ?5)", out var prepared));
        using var insert = prepared;
        for (var i = 0; i < batch.Count; i++)
        {
            Check(db, raw.sqlite3_bind_int64(insert, 1, firstIndex + i));
            Check(db, raw.sqlite3_bind_text(insert, 2, batch.Kinds[i]));
            Check(db, raw.sqlite3_bind_text(insert, 3, batch.Ids[i]));
            Check(db, raw.sqlite3_bind_blob(insert, 4, batch.Salts.AsSpan(i * MerkleHash.Size, MerkleHash.Size)));
            Check(db, raw.sqlite3_bind_blob(insert, 5, batch.Commitments.AsSpan(i * MerkleHash.Size, MerkleHash.Size)));
            var step = raw.sqlite3_step(insert);
            raw.sqlite3_reset(insert);
            if (step != raw.SQLITE_DONE)
            {
                throw new SqliteException($"SQLite Error {step}: '{raw.sqlite3_errmsg(db).utf8_to_string()}' writing leaf {firstIndex + i}", step);
            }
        }
    }

    private static void Check(sqlite3 db, int code)
    {
        if (code != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {code}: '{raw.sqlite3_errmsg(db).utf8_to_string()}' writing ledger leaves", code);
        }
    }

    /// <summary>Writes the rows of one stratum's tiles that a batch changed: <paramref name="full"/> full rows, then one row of <paramref name="lastBytes"/> bytes, replacing shorter rows of the same tiles.</summary>
    public void WriteTiles(int stratum, long firstTile, byte[] rows, int full, int lastBytes)
    {
        if (rows.Length != full * NodeTiles.FullBytes + lastBytes)
        {
            throw new ArgumentException($"{rows.Length} bytes for {full} full tiles and one of {lastBytes} bytes", nameof(rows));
        }
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"""
            INSERT OR REPLACE INTO ledger_tiles (id, hashes)
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $full)
            SELECT $first + i, substr($rows, i * {NodeTiles.FullBytes} + 1, CASE WHEN i < $full THEN {NodeTiles.FullBytes} ELSE $last END) FROM n
            """;
        insert.Parameters.AddWithValue("$full", full);
        insert.Parameters.AddWithValue("$last", lastBytes);
        insert.Parameters.AddWithValue("$first", new NodeId(stratum, firstTile).Key);
        insert.Parameters.Add("$rows", SqliteType.Blob).Value = rows;
        var written = insert.ExecuteNonQuery();
        if (written != full + 1)
        {
            throw new InvalidOperationException($"wrote {written} tiles instead of {full + 1}");
        }
    }
}
