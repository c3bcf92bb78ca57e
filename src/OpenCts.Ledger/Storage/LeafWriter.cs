using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Merkle;

namespace OpenCts.Ledger.Storage;

/// <summary>Writes a batch's leaf rows with one statement, and each level's new node rows with one statement.</summary>
/// <remarks>
/// Binding parameters row by row costs more than SQLite's own inserts; instead the salts, commitments and hashes go in
/// as one blob each and the record ids as one JSON array, unpacked inside SQLite. The nodes a batch completes at one
/// level always have consecutive indexes, so each level is one contiguous run.
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

    public void WriteNodes(int level, long firstIndex, byte[] hashes, int count)
    {
        if (hashes.Length != count * MerkleHash.Size)
        {
            throw new ArgumentException($"{hashes.Length} bytes of hashes for {count} nodes", nameof(hashes));
        }
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO ledger_nodes (id, hash)
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $count)
            SELECT $first + i, substr($hashes, i * 32 + 1, 32) FROM n
            """;
        insert.Parameters.AddWithValue("$count", count);
        insert.Parameters.AddWithValue("$first", new NodeId(level, firstIndex).Key);
        insert.Parameters.Add("$hashes", SqliteType.Blob).Value = hashes;
        var rows = insert.ExecuteNonQuery();
        if (rows != count)
        {
            throw new InvalidOperationException($"wrote {rows} node rows instead of {count}");
        }
    }

    public void WriteProofTiles(int stratum, long firstTile, byte[] tiles, int count)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"""
            INSERT INTO ledger_proof_tiles (id, hashes)
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $count)
            SELECT $first + i, substr($tiles, i * {ProofTiles.Bytes} + 1, {ProofTiles.Bytes}) FROM n
            """;
        insert.Parameters.AddWithValue("$count", count);
        insert.Parameters.AddWithValue("$first", new NodeId(stratum, firstTile).Key);
        insert.Parameters.Add("$tiles", SqliteType.Blob).Value = tiles;
        var rows = insert.ExecuteNonQuery();
        if (rows != count)
        {
            throw new InvalidOperationException($"wrote {rows} proof tiles instead of {count}");
        }
    }
}
