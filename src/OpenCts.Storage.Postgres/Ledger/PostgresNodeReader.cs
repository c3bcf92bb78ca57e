using Npgsql;
using OpenCts.Ledger.Merkle;

namespace OpenCts.Storage.Postgres.Ledger;

/// <summary>Reads complete-subtree hashes from <c>ledger_nodes</c>, all the nodes of a proof in one query.</summary>
/// <remarks>
/// A complete subtree's hash never changes once written, so nodes at level 8 and above are kept in memory, as the
/// SQLite reader does. The ledger's proof planning is synchronous, so this reader is too.
/// </remarks>
internal sealed class PostgresNodeReader(NpgsqlConnection connection) : INodeReader
{
    private const int CachedFromLevel = 8;
    private const int MaxCached = 1 << 20;
    private readonly Dictionary<long, byte[]> _upper = [];

    public NpgsqlTransaction? Transaction { get; set; }

    public void Read(IReadOnlyList<NodeId> nodes, byte[][] hashes)
    {
        var missing = new List<long>(nodes.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Level >= CachedFromLevel && _upper.TryGetValue(nodes[i].Key, out var cached))
            {
                hashes[i] = cached;
            }
            else
            {
                hashes[i] = null!;
                missing.Add(nodes[i].Key);
            }
        }
        if (missing.Count == 0)
        {
            return;
        }
        using (var command = new NpgsqlCommand("SELECT id, hash FROM ledger_nodes WHERE id = ANY(@ids)", connection, Transaction))
        {
            command.Parameters.AddWithValue("ids", missing.ToArray());
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = reader.GetInt64(0);
                var hash = reader.GetFieldValue<byte[]>(1);
                for (var i = 0; i < nodes.Count; i++)
                {
                    if (nodes[i].Key == key)
                    {
                        hashes[i] = hash;
                    }
                }
                if (NodeId.FromKey(key).Level >= CachedFromLevel && _upper.Count < MaxCached)
                {
                    _upper[key] = hash;
                }
            }
        }
        if (hashes.Take(nodes.Count).Any(h => h is null))
        {
            var absent = nodes.Where((_, j) => hashes[j] is null).Select(n => $"level {n.Level} index {n.Index}");
            throw new InvalidOperationException("ledger_nodes lacks " + string.Join(", ", absent));
        }
    }
}
