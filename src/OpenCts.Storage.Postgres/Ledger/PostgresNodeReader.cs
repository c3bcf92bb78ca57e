using Npgsql;
using NpgsqlTypes;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Storage;

namespace OpenCts.Storage.Postgres.Ledger;

/// <summary>Reads complete-subtree hashes from <c>ledger_tiles</c> (laid out as <see cref="NodeTiles"/> says, as the SQLite ledger does), the tiles a proof needs in one query.</summary>
/// <remarks>
/// A complete subtree's hash never changes once written, so what is read once can be kept: full tiles of stratum 1 and
/// up (levels 4 and up, one 960-byte row per 256 leaves, 3.7 MB at 1 M leaves; at most 64 Ki tiles) and the nodes of
/// the right edge's shorter rows. Once a reader has seen the top of the tree, a proof asks the server for one row, the
/// leaf's own tile. Each call is still one round trip, which is most of a proof's time on PostgreSQL, through one
/// statement prepared per connection. The ledger's proof planning is synchronous, so this reader is too; it reads on
/// whatever connection and transaction it is given.
/// </remarks>
internal sealed class PostgresNodeReader : INodeReader, IDisposable
{
    private const int CachedFromStratum = 1;
    private const int MaxCachedTiles = 1 << 16;
    private const int MaxEdgeNodes = 1 << 12;
    private readonly Dictionary<long, byte[]> _tiles = [];
    private readonly Dictionary<long, byte[]> _edge = [];
    private readonly List<long> _keys = new(16);
    private NpgsqlCommand? _lookup;

    public NpgsqlConnection? Connection { get; set; }

    public NpgsqlTransaction? Transaction { get; set; }

    /// <summary>Fills <paramref name="hashes"/> with new arrays, never with one this reader keeps.</summary>
    public void Read(IReadOnlyList<NodeId> nodes, byte[][] hashes)
    {
        _keys.Clear();
        for (var i = 0; i < nodes.Count; i++)
        {
            var key = NodeTiles.TileKey(nodes[i]);
            if (_tiles.TryGetValue(key, out var tile))
            {
                hashes[i] = tile.AsSpan(NodeTiles.ByteOffset(nodes[i]), MerkleHash.Size).ToArray();
            }
            else if (_edge.TryGetValue(nodes[i].Key, out var cached))
            {
                hashes[i] = (byte[])cached.Clone();
            }
            else
            {
                hashes[i] = null!;
                if (!_keys.Contains(key))
                {
                    _keys.Add(key);
                }
            }
        }
        if (_keys.Count == 0)
        {
            return;
        }
        var lookup = Lookup();
        lookup.Parameters[0].Value = _keys.ToArray();
        using (var reader = lookup.ExecuteReader())
        {
            while (reader.Read())
            {
                var key = reader.GetInt64(0);
                var row = reader.GetFieldValue<byte[]>(1);
                var full = row.Length == NodeTiles.FullBytes;
                if (full && NodeId.FromKey(key).Level >= CachedFromStratum && _tiles.Count < MaxCachedTiles)
                {
                    _tiles[key] = row;
                }
                for (var i = 0; i < nodes.Count; i++)
                {
                    var offset = NodeTiles.ByteOffset(nodes[i]);
                    if (hashes[i] is not null || NodeTiles.TileKey(nodes[i]) != key || offset + MerkleHash.Size > row.Length)
                    {
                        continue;
                    }
                    hashes[i] = row.AsSpan(offset, MerkleHash.Size).ToArray();
                    if (!full && _edge.Count < MaxEdgeNodes)
                    {
                        _edge[nodes[i].Key] = (byte[])hashes[i].Clone();
                    }
                }
            }
        }
        for (var i = 0; i < nodes.Count; i++)
        {
            if (hashes[i] is null)
            {
                var absent = nodes.Where((_, j) => hashes[j] is null).Select(n => $"level {n.Level} index {n.Index}");
                throw new InvalidOperationException("ledger_tiles lacks " + string.Join(", ", absent));
            }
        }
    }

    // One statement per connection, prepared on the server, so that a proof costs one round trip and no planning.
    private NpgsqlCommand Lookup()
    {
        var connection = Connection ?? throw new InvalidOperationException("the node reader has no connection");
        if (_lookup is null || _lookup.Connection != connection)
        {
            _lookup?.Dispose();
            _lookup = new NpgsqlCommand("SELECT id, hashes FROM ledger_tiles WHERE id = ANY(@ids)", connection);
            _lookup.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint));
            _lookup.Prepare();
        }
        _lookup.Transaction = Transaction;
        return _lookup;
    }

    public void Dispose()
    {
        _lookup?.Dispose();
        _lookup = null;
    }

    /// <summary>Forgets every kept hash, e.g. after a batch was rolled back.</summary>
    public void Clear()
    {
        _tiles.Clear();
        _edge.Clear();
    }
}
