using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Merkle;

namespace OpenCts.Ledger.Storage;

/// <summary>Writes a batch's leaf rows with one statement, and the tiles it changed with one statement per stratum.</summary>
/// <remarks>
/// Binding parameters row by row costs more than SQLite's own inserts; instead the salts, commitments and tiles go in
/// as one blob each and the record ids as one JSON array, unpacked inside SQLite. The tiles a batch changes in one
/// stratum always have consecutive indexes, so each stratum is one contiguous run.
/// </remarks>
internal sealed class LeafWriter(SqliteConnection connection, SqliteTransaction transaction)
{
    private readonly ArrayBufferWriter<byte> _records = new(1 << 16);

    public void WriteLeaves(long firstIndex, LeafBatch batch)
    {
        if (batch.Count == 0)
        {
            return;
        }
        _records.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_records))
        {
            json.WriteStartArray();
            for (var i = 0; i < batch.Count; i++)
            {
                json.WriteStartArray();
                json.WriteStringValue(batch.Kinds[i]);
                json.WriteStringValue(batch.Ids[i]);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO ledger_leaves (leaf_index, record_kind, record_id, salt, commitment)
            SELECT $first + j.key, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'),
                   substr($salts, j.key * 32 + 1, 32), substr($commitments, j.key * 32 + 1, 32)
            FROM json_each($records) AS j
            """;
        insert.Parameters.AddWithValue("$first", firstIndex);
        insert.Parameters.Add("$records", SqliteType.Text).Value = Encoding.UTF8.GetString(_records.WrittenSpan);
        insert.Parameters.Add("$salts", SqliteType.Blob).Value = batch.Salts;
        insert.Parameters.Add("$commitments", SqliteType.Blob).Value = batch.Commitments;
        var rows = insert.ExecuteNonQuery();
        if (rows != batch.Count)
        {
            throw new InvalidOperationException($"wrote {rows} leaf rows instead of {batch.Count}");
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
