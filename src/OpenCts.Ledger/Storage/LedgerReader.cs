using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Proofs;

namespace OpenCts.Ledger.Storage;

/// <summary>Reads the ledger on its own connection: tree size, proofs, leaves, tiles and proof bundles.</summary>
public sealed class LedgerReader : ILedgerView
{
    private readonly SqliteConnection _connection;
    private readonly SqliteNodeReader _nodes;

    // Proofs keep the upper tiles in memory; the root and the audit read the tiles as they are stored.
    private readonly SqliteNodeReader _proofNodes;
    private readonly bool _ownsConnection;
    private readonly Dictionary<(long Start, long End), byte[]> _folds = [];
    private const int MaxFolds = 4096;

    private LedgerReader(SqliteConnection connection, bool ownsConnection)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
        _nodes = new SqliteNodeReader(connection);
        _proofNodes = new SqliteNodeReader(connection) { PreloadUpperTiles = true };
    }

    /// <summary>Opens a reader on the SQLite file; the ledger tables must exist.</summary>
    public static LedgerReader Open(string databasePath) => new(LedgerSchema.Open(databasePath), ownsConnection: true);

    /// <summary>A reader on a connection the caller owns and keeps open, e.g. the store's; the ledger tables must exist.</summary>
    public static LedgerReader On(SqliteConnection connection) => new(connection, ownsConnection: false);

    /// <summary>The node hashes, for proof planning by callers.</summary>
    public INodeReader Nodes => _nodes;

    /// <summary>The current tree size and root hash (leaves sequenced, whether checkpointed or not).</summary>
    public (long Size, byte[] Root) Tree() => LedgerQueries.Tree(_connection, null);

    /// <summary>The most recent stored checkpoint, with whatever cosignatures it has gathered.</summary>
    public SignedCheckpoint? LatestCheckpoint() => LedgerQueries.LatestCheckpoint(_connection, null);

    /// <summary>The root hash of the tree at <paramref name="size"/> leaves.</summary>
    public byte[] RootAt(long size) => TreeShape.Resolve([TreeShape.Root(size)], _nodes)[0];

    /// <summary>The RFC 9162 inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    public byte[][] InclusionProof(long index, long size) => ResolveProof(TreeShape.Inclusion(index, size));

    /// <summary>The RFC 9162 consistency proof from <paramref name="size1"/> to <paramref name="size2"/> leaves.</summary>
    public byte[][] ConsistencyProof(long size1, long size2) => ResolveProof(TreeShape.Consistency(size1, size2));

    /// <summary>The latest leaf logged for a record, or null.</summary>
    public LeafRow? FindLeaf(string recordKind, string recordId)
    {
        using var read = _connection.CreateCommand();
        read.CommandText = """
            SELECT leaf_index, record_kind, record_id, salt, commitment, erased_at FROM ledger_leaves
            WHERE record_kind = $kind AND record_id = $id ORDER BY leaf_index DESC LIMIT 1
            """;
        read.Parameters.AddWithValue("$kind", recordKind);
        read.Parameters.AddWithValue("$id", recordId);
        using var reader = read.ExecuteReader();
        return reader.Read() ? ReadLeaf(reader) : null;
    }

    /// <summary>Streams the leaves [<paramref name="start"/>, <paramref name="end"/>) in index order.</summary>
    public IEnumerable<LeafRow> Leaves(long start, long end)
    {
        using var read = _connection.CreateCommand();
        read.CommandText = """
            SELECT leaf_index, record_kind, record_id, salt, commitment, erased_at FROM ledger_leaves
            WHERE leaf_index >= $start AND leaf_index < $end ORDER BY leaf_index
            """;
        read.Parameters.AddWithValue("$start", start);
        read.Parameters.AddWithValue("$end", end);
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            yield return ReadLeaf(reader);
        }
    }

    /// <summary>The stored leaf hash of every leaf in [<paramref name="start"/>, <paramref name="end"/>), in order.</summary>
    public IEnumerable<(long Index, byte[] Hash)> LeafHashes(long start, long end) =>
        NodeRange(0, start, end);

    /// <inheritdoc/>
    public IReadOnlyDictionary<(string Kind, string Id), long> LatestOfRepeatedRecords()
    {
        var latest = new Dictionary<(string, string), long>();
        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT record_kind, record_id, max(leaf_index) FROM ledger_leaves GROUP BY record_kind, record_id HAVING count(*) > 1";
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            latest[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        }
        return latest;
    }

    /// <summary>A C2SP tlog-tiles tile: <paramref name="width"/> hashes at tree level 8·<paramref name="level"/>; null if the tree is too small.</summary>
    public byte[]? Tile(int level, long index, int width)
    {
        if (level is < 0 or > 6 || width is < 1 or > 256)
        {
            return null;
        }
        var tile = new byte[width * MerkleHash.Size];
        var count = 0;
        foreach (var (_, hash) in NodeRange(level * 8, index * 256, index * 256 + width))
        {
            hash.CopyTo(tile, count++ * MerkleHash.Size);
        }
        return count == width ? tile : null;
    }

    /// <summary>A C2SP tlog-tiles entry bundle of <paramref name="width"/> entries, each uint16-length-prefixed; null if the tree is too small.</summary>
    public byte[]? EntryBundle(long index, int width)
    {
        if (width is < 1 or > 256)
        {
            return null;
        }
        using var bundle = new MemoryStream();
        var count = 0;
        Span<byte> length = stackalloc byte[2];
        foreach (var leaf in Leaves(index * 256, index * 256 + width))
        {
            var bytes = leaf.Entry.ToBytes();
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)bytes.Length);
            bundle.Write(length);
            bundle.Write(bytes);
            count++;
        }
        return count == width ? bundle.ToArray() : null;
    }

    /// <summary>The offline proof bundle of a record against the latest checkpoint that covers its leaf.</summary>
    /// <exception cref="InvalidOperationException">The record was never logged, was erased, or no checkpoint covers it yet.</exception>
    public ProofBundle Prove(string recordKind, string recordId)
    {
        var leaf = FindLeaf(recordKind, recordId)
            ?? throw new InvalidOperationException($"{recordKind}:{recordId} is not in the ledger (or is still pending)");
        if (leaf.Salt is null)
        {
            throw new InvalidOperationException($"{recordKind}:{recordId} was erased under a retention rule");
        }
        var checkpoint = LatestCheckpoint();
        if (checkpoint is null || checkpoint.Checkpoint.Size <= leaf.Index)
        {
            throw new InvalidOperationException($"{recordKind}:{recordId} is leaf {leaf.Index}, not yet covered by a checkpoint");
        }
        var proof = InclusionProof(leaf.Index, checkpoint.Checkpoint.Size);
        return new ProofBundle(recordKind, recordId, leaf.Salt, leaf.Commitment, leaf.Index, proof, checkpoint.ToString());
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _nodes.Dispose();
        _proofNodes.Dispose();
        if (_ownsConnection)
        {
            _connection.Dispose();
        }
    }

    // As TreeShape.Resolve, but a proof hash folded from several subtrees (the right edge of the tree, which the proofs of
    // about half the leaves at one size share) is folded once and kept: folding it cost more than reading the proof's tiles.
    private byte[][] ResolveProof(NodeId[][] plan)
    {
        var wanted = new List<NodeId>(plan.Length + 8);
        foreach (var entry in plan)
        {
            if (entry.Length == 1 || !_folds.ContainsKey(Span(entry)))
            {
                wanted.AddRange(entry);
            }
        }
        var hashes = new byte[wanted.Count][];
        _proofNodes.Read(wanted, hashes);
        var result = new byte[plan.Length][];
        var at = 0;
        for (var i = 0; i < plan.Length; i++)
        {
            var entry = plan[i];
            if (entry.Length == 1)
            {
                // The node reader hands out new arrays, never the ones it keeps.
                result[i] = hashes[at++];
                continue;
            }
            if (_folds.TryGetValue(Span(entry), out var folded))
            {
                result[i] = (byte[])folded.Clone();
                continue;
            }
            result[i] = TreeShape.Fold(hashes.AsSpan(at, entry.Length));
            at += entry.Length;
            if (_folds.Count < MaxFolds)
            {
                _folds[Span(entry)] = (byte[])result[i].Clone();
            }
        }
        return result;
    }

    // The leaves [start, end) that the subtrees of a proof entry cover.
    private static (long Start, long End) Span(NodeId[] entry) => (entry[0].Start, entry[^1].Start + (1L << entry[^1].Level));

    private IEnumerable<(long Index, byte[] Hash)> NodeRange(int level, long start, long end)
    {
        if (start >= end)
        {
            yield break;
        }
        using var read = _connection.CreateCommand();
        if (_nodes.Legacy)
        {
            read.CommandText = "SELECT id, hash FROM ledger_nodes WHERE id >= $a AND id < $b ORDER BY id";
            read.Parameters.AddWithValue("$a", new NodeId(level, start).Key);
            read.Parameters.AddWithValue("$b", new NodeId(level, end).Key);
            using var rows = read.ExecuteReader();
            while (rows.Read())
            {
                yield return (NodeId.FromKey(rows.GetInt64(0)).Index, (byte[])rows.GetValue(1));
            }
            yield break;
        }
        // A tile holds 16 >> (level % 4) nodes of the level; scan the tiles that cover [start, end) in order.
        var perTile = NodeTiles.Width >> (level % NodeTiles.Height);
        read.CommandText = "SELECT id, hashes FROM ledger_tiles WHERE id >= $a AND id <= $b ORDER BY id";
        read.Parameters.AddWithValue("$a", NodeTiles.TileKey(new NodeId(level, start)));
        read.Parameters.AddWithValue("$b", NodeTiles.TileKey(new NodeId(level, end - 1)));
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            var tile = NodeId.FromKey(reader.GetInt64(0)).Index;
            var hashes = (byte[])reader.GetValue(1);
            for (var index = Math.Max(start, tile * perTile); index < Math.Min(end, (tile + 1) * perTile); index++)
            {
                var offset = NodeTiles.ByteOffset(new NodeId(level, index));
                if (offset + MerkleHash.Size > hashes.Length)
                {
                    yield break;
                }
                yield return (index, hashes.AsSpan(offset, MerkleHash.Size).ToArray());
            }
        }
    }

    private static LeafRow ReadLeaf(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3),
        (byte[])reader.GetValue(4),
        !reader.IsDBNull(5));
}
