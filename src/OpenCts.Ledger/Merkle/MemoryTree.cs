namespace OpenCts.Ledger.Merkle;

/// <summary>A Merkle tree held in memory with every complete subtree, for tests, tools and small logs.</summary>
public sealed class MemoryTree : INodeReader
{
    private readonly List<List<byte[]>> _levels = [];
    private readonly CompactRange _range = new();

    /// <summary>Number of leaves.</summary>
    public long Size => _range.Size;

    /// <summary>Appends a leaf by its leaf hash.</summary>
    public void AppendLeafHash(byte[] leafHash) => _range.Append(leafHash, Store);

    /// <summary>Appends a leaf by its data.</summary>
    public void Append(ReadOnlySpan<byte> leaf) => AppendLeafHash(MerkleHash.Leaf(leaf));

    /// <summary>The current root hash.</summary>
    public byte[] Root() => _range.Root();

    /// <summary>The root hash the tree had at <paramref name="size"/> leaves.</summary>
    public byte[] RootAt(long size) => TreeShape.Resolve([TreeShape.Root(size)], this)[0];

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    public byte[][] InclusionProof(long index, long size) => TreeShape.Resolve(TreeShape.Inclusion(index, size), this);

    /// <summary>The consistency proof from <paramref name="size1"/> to <paramref name="size2"/> leaves.</summary>
    public byte[][] ConsistencyProof(long size1, long size2) => TreeShape.Resolve(TreeShape.Consistency(size1, size2), this);

    /// <inheritdoc/>
    public void Read(IReadOnlyList<NodeId> nodes, byte[][] hashes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(hashes);
        for (var i = 0; i < nodes.Count; i++)
        {
            hashes[i] = _levels[nodes[i].Level][checked((int)nodes[i].Index)];
        }
    }

    private void Store(NodeId node, byte[] hash)
    {
        while (_levels.Count <= node.Level)
        {
            _levels.Add([]);
        }
        _levels[node.Level].Add(hash);
    }
}
