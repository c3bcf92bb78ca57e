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

    /// <summary>Appends <paramref name="count"/> leaf hashes packed 32 bytes each, level by level rather than leaf by leaf.</summary>
    /// <remarks>
    /// The nodes a batch completes at one level have consecutive indexes and depend only on the level below, so each
    /// level is hashed as one run, split across cores when it is long. <paramref name="completedRun"/> sees each level's
    /// run once, lowest level first: (level, index of its first node, hashes packed 32 bytes each, number of nodes);
    /// level 0 is <paramref name="leafHashes"/> itself. The result equals <paramref name="count"/> calls of <see cref="Append"/>.
    /// </remarks>
    internal void AppendBatch(byte[] leafHashes, int count, Action<int, long, byte[], int> completedRun) =>
        AppendBatch(leafHashes, count, null, completedRun);

    /// <summary>The nodes whose leaves all lie in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>), level by level from level 1: they need no frontier, so they can be hashed before the batch's turn comes.</summary>
    /// <returns>Per level from 1 up: the index of the first such node and their hashes packed 32 bytes each; the list stops at the first level with none.</returns>
    internal static List<(long First, byte[] Hashes)> InnerNodes(long start, byte[] leafHashes, int count)
    {
        const int size = MerkleHash.Size;
        var levels = new List<(long First, byte[] Hashes)>(32);
        long belowFirst = start;
        var below = leafHashes;
        for (var level = 1; level < 63; level++)
        {
            var first = (start + (1L << level) - 1) >> level;
            var end = (start + count) >> level;
            if (end <= first)
            {
                break;
            }
            var nodes = checked((int)(end - first));
            var hashes = new byte[nodes * size];
            for (var k = 0; k < nodes; k++)
            {
                var left = checked((int)(((first + k) << 1) - belowFirst)) * size;
                MerkleHash.Node(below.AsSpan(left, size), below.AsSpan(left + size, size), hashes.AsSpan(k * size, size));
            }
            levels.Add((first, hashes));
            belowFirst = first;
            below = hashes;
        }
        return levels;
    }

    /// <summary>As <see cref="AppendBatch(byte[], int, Action{int, long, byte[], int})"/>, taking the nodes inside the batch from <paramref name="inner"/> (see <see cref="InnerNodes"/>, computed for a batch starting at <see cref="Size"/>) and hashing only those that straddle the frontier.</summary>
    internal void AppendBatch(byte[] leafHashes, int count, IReadOnlyList<(long First, byte[] Hashes)>? inner, Action<int, long, byte[], int> completedRun)
    {
        if (count == 0)
        {
            return;
        }
        const int size = MerkleHash.Size;
        var frontier = new byte[64][];
        for (var i = 0; i < _nodes.Count; i++)
        {
            frontier[_nodes[i].Level] = _hashes[i];
        }
        var runs = new List<(long First, byte[] Hashes)>(64);
        long first = Size, end = Size + count;
        var run = leafHashes;
        runs.Add((first, run));
        completedRun(0, first, run, count);
        for (var level = 0; (first >> 1) < (end >> 1); level++)
        {
            var below = run;
            var belowFirst = first;
            var left = frontier[level];
            var nextFirst = first >> 1;
            var nodes = checked((int)((end >> 1) - nextFirst));
            var next = new byte[nodes * size];
            var computed = nodes;
            if (inner is not null && level < inner.Count)
            {
                // Only nodes left of the batch's own first node at this level straddle the frontier: at most one.
                var (innerFirst, innerHashes) = inner[level];
                if (innerFirst < nextFirst || innerFirst - nextFirst + innerHashes.Length / size != nodes)
                {
                    throw new ArgumentException($"the inner nodes of level {level + 1} do not fit a batch at leaf {Size}", nameof(inner));
                }
                computed = (int)(innerFirst - nextFirst);
                innerHashes.CopyTo(next, computed * size);
            }
            else if (inner is not null && nodes > 1)
            {
                throw new ArgumentException($"the inner nodes lack level {level + 1}", nameof(inner));
            }
            void Hash(int from, int to)
            {
                for (var k = from; k < to; k++)
                {
                    var child = (nextFirst + k) << 1;
                    var leftHash = child < belowFirst
                        ? left.AsSpan()
                        : below.AsSpan(checked((int)(child - belowFirst)) * size, size);
                    var rightHash = below.AsSpan(checked((int)(child + 1 - belowFirst)) * size, size);
                    MerkleHash.Node(leftHash, rightHash, next.AsSpan(k * size, size));
                }
            }
            const int chunk = 1024;
            if (computed >= 2 * chunk && Environment.ProcessorCount > 1)
            {
                Parallel.For(0, (computed + chunk - 1) / chunk, c => Hash(c * chunk, Math.Min(computed, (c + 1) * chunk)));
            }
            else
            {
                Hash(0, computed);
            }
            first = nextFirst;
            end >>= 1;
            run = next;
            runs.Add((first, run));
            completedRun(level + 1, first, run, nodes);
        }

        // The new frontier: for every set bit of the new size, the last node of that level, new or kept.
        var newSize = Size + count;
        _nodes.Clear();
        _hashes.Clear();
        for (var level = 63 - (int)long.LeadingZeroCount(newSize); level >= 0; level--)
        {
            if ((newSize & (1L << level)) == 0)
            {
                continue;
            }
            var index = (newSize >> level) - 1;
            byte[] hash;
            if (level < runs.Count && index >= runs[level].First)
            {
                hash = runs[level].Hashes.AsSpan(checked((int)(index - runs[level].First)) * size, size).ToArray();
            }
            else
            {
                hash = frontier[level];
            }
            _nodes.Add(new NodeId(level, index));
            _hashes.Add(hash);
        }
        Size = newSize;
    }

    /// <summary>The root hash of the tree of <see cref="Size"/> leaves.</summary>
    public byte[] Root() => TreeShape.Fold(_hashes.ToArray());
}
