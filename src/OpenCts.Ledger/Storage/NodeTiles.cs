using System.Numerics;
using OpenCts.Ledger.Merkle;

namespace OpenCts.Ledger.Storage;

/// <summary>The layout of <c>ledger_tiles</c>, which holds every node of the tree: for each subtree of height 4, the up to 30 hashes below its root in one row.</summary>
/// <remarks>
/// Tile (s, t) holds levels 4s..4s+3 of the subtree under node (4s+4, t): 16 nodes of level 4s, 8 of 4s+1, 4 and 2, so
/// every node belongs to exactly one tile and an inclusion proof reads one row per four levels. The hashes are in
/// post-order (each node after the two it joins), which is the order in which an append completes them: a tile whose
/// bottom has only w of its 16 nodes holds exactly the 2w - popcount(w) complete nodes there are, as a prefix. So the
/// right edge of the tree is a shorter row that the next batch rewrites longer, a node exists if its position is inside
/// the row, and no row is ever written with holes. Writing a row per 16 leaves instead of a row per node is what lets
/// the sequencer keep up (issue #15): about 60 bytes of tree per leaf in large sequential rows.
/// </remarks>
public static class NodeTiles
{
    /// <summary>Levels per tile.</summary>
    public const int Height = 4;

    /// <summary>Nodes of its lowest level in a full tile.</summary>
    public const int Width = 1 << Height;

    /// <summary>Hashes in a full tile.</summary>
    public const int FullCount = 2 * Width - 2;

    /// <summary>Bytes of a full tile.</summary>
    public const int FullBytes = FullCount * MerkleHash.Size;

    // The node (level within the tile, index within the tile) at each post-order position.
    private static readonly (int Level, int Index)[] Order = BuildOrder();

    /// <summary>The stratum of <paramref name="node"/>: tiles of stratum s hold levels 4s..4s+3.</summary>
    public static int Stratum(NodeId node) => node.Level / Height;

    /// <summary>The row id of the tile that holds <paramref name="node"/>.</summary>
    public static long TileKey(NodeId node)
    {
        var within = node.Level % Height;
        return new NodeId(node.Level / Height, node.Index >> (Height - within)).Key;
    }

    /// <summary>Where in its tile's row the hash of <paramref name="node"/> starts, in bytes.</summary>
    public static int ByteOffset(NodeId node)
    {
        var within = node.Level % Height;
        var index = (int)(node.Index & ((Width >> within) - 1));
        return Position(within, index) * MerkleHash.Size;
    }

    /// <summary>How many hashes a tile holds when <paramref name="bottom"/> of its 16 lowest nodes exist.</summary>
    public static int CountFor(int bottom) => bottom >= Width ? FullCount : 2 * bottom - BitOperations.PopCount((uint)bottom);

    /// <summary>The node at post-order position <paramref name="position"/> of tile <paramref name="tile"/> in <paramref name="stratum"/>.</summary>
    public static NodeId NodeAt(int stratum, long tile, int position)
    {
        var (level, index) = Order[position];
        return new NodeId(stratum * Height + level, (tile << (Height - level)) + index);
    }

    /// <summary>Packs the tiles that a batch changed, each as the whole row it now has.</summary>
    /// <param name="runs">The batch's new nodes per level, as <see cref="CompactRange"/> reported them: first index, hashes packed 32 bytes each.</param>
    /// <param name="earlier">The stored row of a tile the batch continues, or null if there is none (the row must hold every node of that tile that the batch did not make).</param>
    /// <param name="write">Receives each stratum's rows: stratum, first tile index, the rows' bytes back to back, the number of full rows before the last row, and the last row's length in bytes.</param>
    internal static void Build(IReadOnlyList<(long First, byte[] Hashes)> runs, Func<long, byte[]?> earlier, Action<int, long, byte[], int, int> write)
    {
        for (var stratum = 0; stratum * Height < runs.Count; stratum++)
        {
            var (bottomFirst, bottomHashes) = runs[stratum * Height];
            var bottomEnd = bottomFirst + bottomHashes.Length / MerkleHash.Size;
            var firstTile = bottomFirst / Width;
            var lastTile = (bottomEnd - 1) / Width;
            var tiles = checked((int)(lastTile - firstTile + 1));
            var lastCount = CountFor((int)(bottomEnd - lastTile * Width));
            var blob = new byte[((tiles - 1) * FullCount + lastCount) * MerkleHash.Size];
            byte[]? previous = null;
            var kept = 0;
            if (bottomFirst % Width != 0)
            {
                previous = earlier(new NodeId(stratum, firstTile).Key);
                kept = CountFor((int)(bottomFirst % Width));
                if (previous is null || previous.Length < kept * MerkleHash.Size)
                {
                    throw new InvalidOperationException($"ledger_tiles lacks the nodes of tile {firstTile} of stratum {stratum} that precede the batch");
                }
            }
            var at = 0;
            for (var t = 0; t < tiles; t++)
            {
                var tile = firstTile + t;
                var count = t == tiles - 1 ? lastCount : FullCount;
                for (var position = 0; position < count; position++, at += MerkleHash.Size)
                {
                    if (t == 0 && position < kept)
                    {
                        previous.AsSpan(position * MerkleHash.Size, MerkleHash.Size).CopyTo(blob.AsSpan(at));
                        continue;
                    }
                    var node = NodeAt(stratum, tile, position);
                    var (first, hashes) = node.Level < runs.Count ? runs[node.Level] : (long.MaxValue, []);
                    var offset = (node.Index - first) * MerkleHash.Size;
                    if (node.Index < first || offset >= hashes.Length)
                    {
                        throw new InvalidOperationException($"the batch did not make node {node.Level}/{node.Index} that tile {tile} of stratum {stratum} needs");
                    }
                    hashes.AsSpan((int)offset, MerkleHash.Size).CopyTo(blob.AsSpan(at));
                }
            }
            write(stratum, firstTile, blob, tiles - 1, lastCount * MerkleHash.Size);
        }
    }

    private static int Position(int level, int index)
    {
        // Bottom nodes before the node's last one: their forest, then the node's own subtree up to its level.
        var end = (index + 1) << level;
        return CountFor(end - 1) + level;
    }

    private static (int, int)[] BuildOrder()
    {
        var order = new (int, int)[FullCount];
        for (var level = 0; level < Height; level++)
        {
            for (var index = 0; index < Width >> level; index++)
            {
                order[Position(level, index)] = (level, index);
            }
        }
        return order;
    }
}
