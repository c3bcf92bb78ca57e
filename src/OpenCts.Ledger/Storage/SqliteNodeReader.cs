using System.Text;
using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Merkle;

namespace OpenCts.Ledger.Storage;

/// <summary>Reads complete-subtree hashes from <c>ledger_nodes</c>, all the nodes of a proof in one query.</summary>
/// <remarks>
/// A complete subtree's hash never changes once written, so nodes at level 8 and above (one per 256 leaves or fewer)
/// are kept in memory: a proof then reads only its few low nodes from SQLite. With <see cref="UseProofTiles"/>, those
/// come from <c>ledger_proof_tiles</c> first, one row for every four levels (see <see cref="ProofTiles"/>), and only what
/// no tile holds is read from <c>ledger_nodes</c>.
/// </remarks>
internal sealed class SqliteNodeReader(SqliteConnection connection) : INodeReader, IDisposable
{
    private const int CachedFromLevel = 8;
    private const int MaxCached = 1 << 20;
    private readonly Dictionary<int, SqliteCommand> _commands = [];
    private readonly Dictionary<int, SqliteCommand> _tileCommands = [];
    private readonly List<long> _tileKeys = new(16);
    private readonly Dictionary<long, byte[]> _upper = [];
    private readonly List<NodeId> _missing = new(64);

    public SqliteTransaction? Transaction { get; set; }

    /// <summary>Whether to read nodes from proof tiles before <c>ledger_nodes</c>; the sequencer reads only the nodes.</summary>
    public bool UseProofTiles { get; init; }

    public void Read(IReadOnlyList<NodeId> nodes, byte[][] hashes)
    {
        _missing.Clear();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (_upper.TryGetValue(nodes[i].Key, out var cached))
            {
                hashes[i] = cached;
            }
            else
            {
                hashes[i] = null!;
                _missing.Add(nodes[i]);
            }
        }
        // In a tiled file, what the tiles lack is the right edge of the tree: a few low nodes that every proof folds,
        // so they are worth keeping whatever their level.
        var cacheAll = _missing.Count > 0 && UseProofTiles && ReadTiles(nodes, hashes);
        if (_missing.Count == 0)
        {
            return;
        }
        var command = CommandFor(_commands, "SELECT id, hash FROM ledger_nodes WHERE id IN (", _missing.Count);
        command.Transaction = Transaction;
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
                        hashes[i] = hash;
                    }
                }
                if ((cacheAll || NodeId.FromKey(key).Level >= CachedFromLevel) && _upper.Count < MaxCached)
                {
                    _upper[key] = hash;
                }
            }
        }
        for (var i = 0; i < nodes.Count; i++)
        {
            if (hashes[i] is null)
            {
                var missing = nodes.Where((_, j) => hashes[j] is null).Select(n => $"level {n.Level} index {n.Index}");
                throw new InvalidOperationException("ledger_nodes lacks " + string.Join(", ", missing));
            }
        }
    }

    // Fills what the tiles hold and leaves in _missing only the nodes that still need ledger_nodes; true if any tile was found.
    private bool ReadTiles(IReadOnlyList<NodeId> nodes, byte[][] hashes)
    {
        _tileKeys.Clear();
        foreach (var node in _missing)
        {
            var key = ProofTiles.TileKey(node);
            if (!_tileKeys.Contains(key))
            {
                _tileKeys.Add(key);
            }
        }
        var command = CommandFor(_tileCommands, "SELECT id, hashes FROM ledger_proof_tiles WHERE id IN (", _tileKeys.Count);
        command.Transaction = Transaction;
        for (var i = 0; i < _tileKeys.Count; i++)
        {
            command.Parameters[i].Value = _tileKeys[i];
        }
        var found = false;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var key = reader.GetInt64(0);
                var tile = (byte[])reader.GetValue(1);
                if (tile.Length != ProofTiles.Bytes)
                {
                    continue;
                }
                for (var i = 0; i < nodes.Count; i++)
                {
                    if (hashes[i] is null && ProofTiles.TileKey(nodes[i]) == key)
                    {
                        var hash = tile.AsSpan(ProofTiles.ByteOffset(nodes[i]), MerkleHash.Size).ToArray();
                        hashes[i] = hash;
                        found = true;
                        if (nodes[i].Level >= CachedFromLevel && _upper.Count < MaxCached)
                        {
                            _upper[nodes[i].Key] = hash;
                        }
                    }
                }
            }
        }
        if (found)
        {
            _missing.Clear();
            for (var i = 0; i < nodes.Count; i++)
            {
                if (hashes[i] is null)
                {
                    _missing.Add(nodes[i]);
                }
            }
        }
        return found;
    }

    private SqliteCommand CommandFor(Dictionary<int, SqliteCommand> commands, string select, int count)
    {
        if (commands.TryGetValue(count, out var command))
        {
            return command;
        }
        var sql = new StringBuilder(select);
        command = connection.CreateCommand();
        for (var i = 0; i < count; i++)
        {
            sql.Append(i == 0 ? "$p0" : $",$p{i}");
            command.Parameters.Add(new SqliteParameter($"$p{i}", SqliteType.Integer));
        }
        command.CommandText = sql.Append(')').ToString();
        command.Prepare();
        commands[count] = command;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values.Concat(_tileCommands.Values))
        {
            command.Dispose();
        }
        _commands.Clear();
        _tileCommands.Clear();
    }
}
