namespace OpenCts.Ledger.Merkle;

/// <summary>A complete subtree: the node at <paramref name="Level"/> (0 = leaf) covering leaves [Index·2^Level, (Index+1)·2^Level).</summary>
public readonly record struct NodeId(int Level, long Index)
{
    /// <summary>One integer per node, ordered by level then index, so that a tile is a range of keys.</summary>
    public long Key => ((long)Level << 56) | Index;

    /// <summary>The node with this <see cref="Key"/>.</summary>
    public static NodeId FromKey(long key) => new((int)(key >> 56), key & ((1L << 56) - 1));

    /// <summary>First leaf covered.</summary>
    public long Start => Index << Level;
}
