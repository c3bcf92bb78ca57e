using System.Text;
using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Merkle;

namespace OpenCts.Ledger.Storage;

/// <summary>Reads complete-subtree hashes from <c>ledger_tiles</c> (see <see cref="NodeTiles"/>), a proof's few uncached tiles by one prepared lookup each.</summary>
/// <remarks>
/// A complete subtree's hash never changes once written, so what is read once can be kept: full tiles of stratum 2 and
/// above (levels 8 and up, one tile per 4,096 leaves, about 1 MB per 4 M leaves) and the nodes of the right edge,
/// which every proof at a given size folds. With <see cref="PreloadUpperTiles"/> the upper tiles are read in one scan at
/// the first proof, and those of stratum 1 (levels 4 to 7, 37.5 MB at 10 M leaves) once the reader has served
/// <see cref="StratumOneAfterReads"/> proofs, so that a reader kept for many proofs reads only a proof's lowest tile
/// from SQLite, while one opened for a single proof does not read 37 MB first (see <see cref="UpperTiles"/>). A file
/// whose ledger tables are older than version 3 (opened without migrating, e.g. read-only) is read from its
/// <c>ledger_nodes</c> rows instead.
/// </remarks>
internal sealed class SqliteNodeReader(SqliteConnection connection) : INodeReader, IDisposable
{
    private const int CachedFromStratum = 2;
    private const int MaxCachedTiles = 1 << 16;
    private const int MaxEdgeNodes = 1 << 12;
    private const long UpperTileBudget = 64L << 20;
    private readonly Dictionary<(string, int), SqliteCommand> _commands = [];
    private readonly Dictionary<long, byte[]> _tiles = [];
    private readonly Dictionary<long, byte[]> _edge = [];
    private readonly List<long> _tileKeys = new(16);
    private readonly List<NodeId> _missing = new(64);
    private readonly TileLookup _lookup = new(connection);
    private readonly UpperTiles _upper = new(UpperTileBudget);
    private long _reads;
    private byte[] _buffer = new byte[NodeTiles.FullBytes];
    private bool? _legacy;
    private bool _preloaded;

    public SqliteTransaction? Transaction { get; set; }

    /// <summary>Whether to keep full tiles above level 4 in memory (up to 64 MB), those above level 8 read before the first read; for readers that serve many proofs.</summary>
    public bool PreloadUpperTiles { get; init; }

    /// <summary>How many reads a reader with <see cref="PreloadUpperTiles"/> serves before it loads stratum 1.</summary>
    public const int StratumOneAfterReads = 64;

    /// <summary>True when the file keeps its nodes in <c>ledger_nodes</c> rows (ledger tables before version 3).</summary>
    public bool Legacy => _legacy ??= !TableExists("ledger_tiles");

    /// <summary>Fills <paramref name="hashes"/> with new arrays, never with one this reader keeps.</summary>
    public void Read(IReadOnlyList<NodeId> nodes, byte[][] hashes)
    {
        if (Legacy)
        {
            ReadLegacy(nodes, hashes);
            return;
        }
        if (PreloadUpperTiles)
        {
            Preload();
        }
        _tileKeys.Clear();
        var missing = 0;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var key = NodeTiles.TileKey(node);
            var upper = _upper.Row(NodeTiles.Stratum(node), NodeId.FromKey(key).Index);
            if (!upper.IsEmpty)
            {
                hashes[i] = upper.Slice(NodeTiles.ByteOffset(node), MerkleHash.Size).ToArray();
            }
            else if (_tiles.TryGetValue(key, out var tile))
            {
                hashes[i] = tile.AsSpan(NodeTiles.ByteOffset(node), MerkleHash.Size).ToArray();
            }
            else if (_edge.TryGetValue(node.Key, out var cached))
            {
                // A copy, as every hash this returns, so that no caller can change what is kept.
                hashes[i] = (byte[])cached.Clone();
            }
            else
            {
                hashes[i] = null!;
                missing++;
                if (!_tileKeys.Contains(key))
                {
                    _tileKeys.Add(key);
                }
            }
        }
        if (missing == 0)
        {
            return;
        }
        foreach (var key in _tileKeys)
        {
            var length = _lookup.Read(key, ref _buffer);
            if (length < 0)
            {
                continue;
            }
            var full = length == NodeTiles.FullBytes;
            var (stratum, index) = NodeId.FromKey(key);
            if (full && PreloadUpperTiles && _upper.Add(stratum, index, _buffer.AsSpan(0, length)))
            {
                // Kept with the run it continues.
            }
            else if (full && stratum >= CachedFromStratum && _tiles.Count < MaxCachedTiles)
            {
                _tiles[key] = _buffer.AsSpan(0, length).ToArray();
            }
            for (var i = 0; i < nodes.Count; i++)
            {
                if (hashes[i] is not null || NodeTiles.TileKey(nodes[i]) != key)
                {
                    continue;
                }
                var offset = NodeTiles.ByteOffset(nodes[i]);
                if (offset + MerkleHash.Size > length)
                {
                    continue;
                }
                var hash = _buffer.AsSpan(offset, MerkleHash.Size).ToArray();
                hashes[i] = hash;
                if (!full && _edge.Count < MaxEdgeNodes)
                {
                    _edge[nodes[i].Key] = (byte[])hash.Clone();
                }
            }
        }
        ThrowIfAnyMissing(nodes, hashes, "ledger_tiles");
    }

    /// <summary>The stored row of one tile, or null; never cached, for the sequencer to continue a tile inside its transaction.</summary>
    public byte[]? ReadTile(long key)
    {
        var command = CommandFor("SELECT id, hashes FROM ledger_tiles WHERE id IN (", 1);
        command.Parameters[0].Value = key;
        using var reader = command.ExecuteReader();
        return reader.Read() ? (byte[])reader.GetValue(1) : null;
    }

    /// <summary>Forgets every cached hash, e.g. after a batch that may have read its own uncommitted rows was rolled back.</summary>
    public void Clear()
    {
        _tiles.Clear();
        _edge.Clear();
        _upper.Clear();
        _preloaded = false;
        _reads = 0;
    }

    public void Dispose()
    {
        _lookup.Dispose();
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
    }

    // Highest strata first, so that a tree too large to keep whole keeps its top.
    private void Preload()
    {
        _reads++;
        if (_preloaded && _reads != StratumOneAfterReads)
        {
            return;
        }
        _preloaded = true;
        var (size, _) = LedgerQueries.Tree(connection, Transaction);
        _upper.Load(connection, _reads >= StratumOneAfterReads ? 1 : CachedFromStratum, size);
    }

    private void ReadLegacy(IReadOnlyList<NodeId> nodes, byte[][] hashes)
    {
        _missing.Clear();
        for (var i = 0; i < nodes.Count; i++)
        {
            hashes[i] = null!;
            _missing.Add(nodes[i]);
        }
        var command = CommandFor("SELECT id, hash FROM ledger_nodes WHERE id IN (", _missing.Count);
        for (var i = 0; i < _missing.Count; i++)
        {
            command.Parameters[i].Value = _missing[i].Key;
        }
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var key = reader.GetInt64(0);
                var hash = (byte[])reader.GetValue(1);
                for (var i = 0; i < nodes.Count; i++)
                {
                    if (nodes[i].Key == key)
                    {
                        hashes[i] = (byte[])hash.Clone();
                    }
                }
            }
        }
        ThrowIfAnyMissing(nodes, hashes, "ledger_nodes");
    }

    private static void ThrowIfAnyMissing(IReadOnlyList<NodeId> nodes, byte[][] hashes, string table)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (hashes[i] is null)
            {
                var missing = nodes.Where((_, j) => hashes[j] is null).Select(n => $"level {n.Level} index {n.Index}");
                throw new InvalidOperationException($"{table} lacks " + string.Join(", ", missing));
            }
        }
    }

    private bool TableExists(string name)
    {
        using var read = connection.CreateCommand();
        read.Transaction = Transaction;
        read.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        read.Parameters.AddWithValue("$name", name);
        return (long)read.ExecuteScalar()! > 0;
    }

    private SqliteCommand CommandFor(string select, int count)
    {
        if (!_commands.TryGetValue((select, count), out var command))
        {
            var sql = new StringBuilder(select);
            command = connection.CreateCommand();
            for (var i = 0; i < count; i++)
            {
                sql.Append(i == 0 ? "$p0" : $",$p{i}");
                command.Parameters.Add(new SqliteParameter($"$p{i}", SqliteType.Integer));
            }
            command.CommandText = sql.Append(')').ToString();
            command.Prepare();
            _commands[(select, count)] = command;
        }
        command.Transaction = Transaction;
        return command;
    }
}
