using System.Buffers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Merkle;

namespace OpenCts.Ledger.Storage;

/// <summary>Buffers a batch of leaf and node rows and writes each table with one statement per batch (per level for nodes).</summary>
/// <remarks>
/// Binding parameters row by row costs more than SQLite's own inserts; instead the salts, commitments and hashes go in
/// as one blob each and the record ids as one JSON array, unpacked inside SQLite. The nodes a batch completes at one
/// level always have consecutive indexes, so each level is one contiguous run.
/// </remarks>
internal sealed class LeafWriter(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
{
    private readonly ArrayBufferWriter<byte> _records = new(1 << 16);
    private readonly MemoryStream _salts = new();
    private readonly MemoryStream _commitments = new();
    private readonly Dictionary<int, (long First, MemoryStream Hashes)> _levels = [];
    private Utf8JsonWriter? _json;
    private long _firstLeaf;
    private int _leafCount;

    public void AddLeaf(long index, string kind, string id, byte[] salt, byte[] commitment)
    {
        if (_leafCount > 0 && index != _firstLeaf + _leafCount)
        {
            FlushLeaves();
        }
        if (_leafCount == 0)
        {
            _firstLeaf = index;
            _json = new Utf8JsonWriter(_records);
            _json.WriteStartArray();
        }
        _json!.WriteStartArray();
        _json.WriteStringValue(kind);
        _json.WriteStringValue(id);
        _json.WriteEndArray();
        _salts.Write(salt);
        _commitments.Write(commitment);
        _leafCount++;
    }

    public void AddNode(NodeId node, byte[] hash)
    {
        if (_levels.TryGetValue(node.Level, out var run) && node.Index != run.First + run.Hashes.Length / MerkleHash.Size)
        {
            FlushLevel(node.Level, run);
            _levels.Remove(node.Level);
            run = default;
        }
        if (run.Hashes is null)
        {
            run = (node.Index, new MemoryStream());
            _levels[node.Level] = run;
        }
        run.Hashes.Write(hash);
    }

    public void Flush()
    {
        FlushLeaves();
        foreach (var (level, run) in _levels)
        {
            FlushLevel(level, run);
        }
        _levels.Clear();
    }

    private void FlushLeaves()
    {
        if (_leafCount == 0)
        {
            return;
        }
        _json!.WriteEndArray();
        _json.Flush();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO ledger_leaves (leaf_index, record_kind, record_id, salt, commitment)
            SELECT $first + j.key, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'),
                   substr($salts, j.key * 32 + 1, 32), substr($commitments, j.key * 32 + 1, 32)
            FROM json_each($records) AS j
            """;
        insert.Parameters.AddWithValue("$first", _firstLeaf);
        insert.Parameters.Add("$records", SqliteType.Text).Value = System.Text.Encoding.UTF8.GetString(_records.WrittenSpan);
        insert.Parameters.Add("$salts", SqliteType.Blob).Value = _salts.ToArray();
        insert.Parameters.Add("$commitments", SqliteType.Blob).Value = _commitments.ToArray();
        var rows = insert.ExecuteNonQuery();
        if (rows != _leafCount)
        {
            throw new InvalidOperationException($"wrote {rows} leaf rows instead of {_leafCount}");
        }
        _json.Dispose();
        _json = null;
        _records.Clear();
        _salts.SetLength(0);
        _commitments.SetLength(0);
        _leafCount = 0;
    }

    private void FlushLevel(int level, (long First, MemoryStream Hashes) run)
    {
        var count = run.Hashes.Length / MerkleHash.Size;
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO ledger_nodes (id, hash)
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $count)
            SELECT $first + i, substr($hashes, i * 32 + 1, 32) FROM n
            """;
        insert.Parameters.AddWithValue("$count", count);
        insert.Parameters.AddWithValue("$first", new NodeId(level, run.First).Key);
        insert.Parameters.Add("$hashes", SqliteType.Blob).Value = run.Hashes.ToArray();
        var rows = insert.ExecuteNonQuery();
        if (rows != count)
        {
            throw new InvalidOperationException($"wrote {rows} node rows instead of {count}");
        }
    }

    public void Dispose()
    {
        _json?.Dispose();
        _salts.Dispose();
        _commitments.Dispose();
        foreach (var run in _levels.Values)
        {
            run.Hashes.Dispose();
        }
    }
}
