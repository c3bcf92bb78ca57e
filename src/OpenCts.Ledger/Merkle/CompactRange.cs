namespace OpenCts.Ledger.Merkle;

/// <summary>The right frontier of a growing tree: the complete subtrees that tile [0, size), enough to append and to compute the root.</summary>
/// <remarks>Appending touches only this frontier, so the sequencer never reads the stored tree on the hot path.</remarks>
public sealed class CompactRange
{
    private readonly List<byte[]> _hashes = new(64);
    private readonly List<NodeId> _nodes = new(64);

    /// <summary>Number of leaves covered.</summary>
    public long Size { get; private set; }

    /// <summary>An empty range.</summary>
    public CompactRange()
    {
    }

    /// <summary>The frontier of a tree of <paramref name="size"/> leaves, read from stored nodes.</summary>
    public static CompactRange Load(long size, INodeReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var range = new CompactRange();
        var nodes = TreeShape.Root(size);
        var hashes = new byte[nodes.Length][];
        reader.Read(nodes, hashes);
        for (var i = 0; i < nodes.Length; i++)
        {
            range._nodes.Add(nodes[i]);
            range._hashes.Add(hashes[i]);
        }
        range.Size = size;
        return range;
    }

    /// <summary>Adds a leaf hash; <paramref name="completed"/> sees the leaf node and every subtree it completes, in that order.</summary>
    public void Append(byte[] leafHash, Action<NodeId, byte[]> completed)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        ArgumentNullException.ThrowIfNull(completed);
        var node = new NodeId(0, Size);
        var hash = leafHash;
        completed(node, hash);
        while (_nodes.Count > 0 && _nodes[^1].Level == node.Level)
        {
            var left = _hashes[^1];
            _nodes.RemoveAt(_nodes.Count - 1);
            _hashes.RemoveAt(_hashes.Count - 1);
            hash = MerkleHash.Node(left, hash);
            node = new NodeId(node.Level + 1, node.Index >> 1);
            completed(node, hash);
        }
        _nodes.Add(node);
        _hashes.Add(hash);
        Size++;
    }

    /// <summary>The root hash of the tree of <see cref="Size"/> leaves.</summary>
    public byte[] Root() => TreeShape.Fold(_hashes.ToArray());
}
