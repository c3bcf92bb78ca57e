namespace OpenCts.Ledger.Merkle;

/// <summary>Which complete subtrees make up the hashes of an RFC 9162 tree: roots, inclusion and consistency proofs.</summary>
/// <remarks>
/// Every hash a proof needs is the hash of a leaf range that is either a complete subtree or the right edge of the tree;
/// the right edge is folded from the complete subtrees that tile it. Planning first lets a store fetch all nodes in one query.
/// </remarks>
public static class TreeShape
{
    /// <summary>The complete subtrees that tile leaves [start, end), left to right, each as large as its alignment allows.</summary>
    public static NodeId[] Range(long start, long end)
    {
        var nodes = new List<NodeId>(64);
        var pos = start;
        while (pos < end)
        {
            var level = pos == 0 ? 62 : (int)long.TrailingZeroCount(pos);
            while (level > 0 && pos + (1L << level) > end)
            {
                level--;
            }
            nodes.Add(new NodeId(level, pos >> level));
            pos += 1L << level;
        }
        return [.. nodes];
    }

    /// <summary>The subtrees whose fold is the root of the tree of <paramref name="size"/> leaves.</summary>
    public static NodeId[] Root(long size) => Range(0, size);

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in a tree of <paramref name="size"/> leaves, one fold per proof hash, from the leaf up (RFC 9162 section 2.1.3.1).</summary>
    public static NodeId[][] Inclusion(long index, long size)
    {
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"leaf {index} is not in a tree of size {size}");
        }
        var proof = new List<NodeId[]>(64);
        for (var level = 0; level < 63 && (1L << level) < size; level++)
        {
            var sibling = (index >> level) ^ 1;
            var start = sibling << level;
            if (start >= size)
            {
                continue;
            }
            var end = start + (1L << level);
            proof.Add(end <= size ? [new NodeId(level, sibling)] : Range(start, size));
        }
        return [.. proof];
    }

    /// <summary>The consistency proof from <paramref name="size1"/> to <paramref name="size2"/> leaves (RFC 9162 section 2.1.4.1); empty when the sizes are equal.</summary>
    public static NodeId[][] Consistency(long size1, long size2)
    {
        if (size1 <= 0 || size2 < size1)
        {
            throw new ArgumentOutOfRangeException(nameof(size1), $"no consistency proof from size {size1} to size {size2}");
        }
        var proof = new List<NodeId[]>(64);
        if (size1 < size2)
        {
            SubProof(size1, 0, size2, true, proof);
        }
        return [.. proof];
    }

    private static void SubProof(long m, long start, long n, bool complete, List<NodeId[]> proof)
    {
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(Range(start, start + n));
            }
            return;
        }
        var k = 1L << (int)(63 - long.LeadingZeroCount(n - 1));
        if (m <= k)
        {
            SubProof(m, start, k, complete, proof);
            proof.Add(Range(start + k, start + n));
        }
        else
        {
            SubProof(m - k, start + k, n - k, false, proof);
            proof.Add(Range(start, start + k));
        }
    }

    /// <summary>Fetches every node of <paramref name="plan"/> in one read and folds each entry into one hash.</summary>
    public static byte[][] Resolve(IReadOnlyList<NodeId[]> plan, INodeReader reader)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(reader);
        var all = new List<NodeId>(plan.Count + 8);
        foreach (var entry in plan)
        {
            all.AddRange(entry);
        }
        var hashes = new byte[all.Count][];
        reader.Read(all, hashes);
        var result = new byte[plan.Count][];
        var at = 0;
        for (var i = 0; i < plan.Count; i++)
        {
            result[i] = Fold(hashes.AsSpan(at, plan[i].Length));
            at += plan[i].Length;
        }
        return result;
    }

    /// <summary>The hash of adjacent subtrees: the right edge of a tree folds from the right (RFC 9162 section 2.1.1).</summary>
    public static byte[] Fold(ReadOnlySpan<byte[]> subtrees)
    {
        if (subtrees.Length == 0)
        {
            return (byte[])MerkleHash.EmptyRoot.Clone();
        }
        var acc = (byte[])subtrees[^1].Clone();
        for (var i = subtrees.Length - 2; i >= 0; i--)
        {
            MerkleHash.Node(subtrees[i], acc, acc);
        }
        return acc;
    }
}
