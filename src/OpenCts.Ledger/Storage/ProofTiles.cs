using OpenCts.Ledger.Merkle;

namespace OpenCts.Ledger.Storage;

/// <summary>The layout of <c>ledger_proof_tiles</c>: for every complete subtree of height 4, the 30 hashes below its root, in one row.</summary>
/// <remarks>
/// An inclusion proof needs one sibling per level, and the four siblings of levels 4s..4s+3 all lie under the same node at
/// level 4s+4, so one row read replaces four B-tree seeks into <c>ledger_nodes</c>. A tile of stratum s and index t holds
/// levels 4s (16 hashes), 4s+1 (8), 4s+2 (4) and 4s+3 (2) of the subtree under node (4s+4, t), level by level, left to right.
/// The tiles duplicate <c>ledger_nodes</c>, which stays the record of the tree; a missing tile (a file written before
/// version 2, or the right edge of the tree) only means the proof reads the nodes themselves.
/// </remarks>
internal static class ProofTiles
{
    public const int Height = 4;
    public const int HashesPerTile = 30;
    public const int Bytes = HashesPerTile * MerkleHash.Size;

    private static readonly int[] LevelOffsets = [0, 16, 24, 28];

    /// <summary>The row id of the tile that holds <paramref name="node"/>.</summary>
    public static long TileKey(NodeId node)
    {
        var offset = node.Level % Height;
        return new NodeId(node.Level / Height, node.Index >> (Height - offset)).Key;
    }

    /// <summary>Where in its tile's blob the hash of <paramref name="node"/> starts.</summary>
    public static int ByteOffset(NodeId node)
    {
        var offset = node.Level % Height;
        var perLevel = 16 >> offset;
        return (LevelOffsets[offset] + (int)(node.Index & (perLevel - 1))) * MerkleHash.Size;
    }

    /// <summary>The nodes of tile <paramref name="index"/> of <paramref name="stratum"/>, in blob order.</summary>
    public static IEnumerable<NodeId> Nodes(int stratum, long index)
    {
        for (var offset = 0; offset < Height; offset++)
        {
            var perLevel = 16 >> offset;
            for (var k = 0; k < perLevel; k++)
            {
                yield return new NodeId(stratum * Height + offset, index * perLevel + k);
            }
        }
    }

    /// <summary>Packs the tiles that a batch completed: one per new node at levels 4, 8, 12...; nodes written by earlier batches are read from <paramref name="earlier"/>.</summary>
    /// <param name="runs">The batch's new nodes per level, as <see cref="CompactRange"/> reported them: level, first index, hashes.</param>
    /// <param name="earlier">The stored nodes, read inside the batch's transaction.</param>
    /// <param name="write">Receives each stratum's run of tiles: stratum, first tile index, packed tiles, tile count.</param>
    public static void Build(IReadOnlyList<(long First, byte[] Hashes)> runs, INodeReader earlier, Action<int, long, byte[], int> write)
    {
        for (var stratum = 0; (stratum + 1) * Height < runs.Count; stratum++)
        {
            var (firstTile, roots) = runs[(stratum + 1) * Height];
            var tiles = roots.Length / MerkleHash.Size;
            var blob = new byte[tiles * Bytes];
            var missing = new List<NodeId>();
            var missingAt = new List<int>();
            for (var t = 0; t < tiles; t++)
            {
                var at = t * Bytes;
                foreach (var node in Nodes(stratum, firstTile + t))
                {
                    var (first, hashes) = runs[node.Level];
                    if (node.Index >= first)
                    {
                        hashes.AsSpan(checked((int)(node.Index - first)) * MerkleHash.Size, MerkleHash.Size).CopyTo(blob.AsSpan(at));
                    }
                    else
                    {
                        missing.Add(node);
                        missingAt.Add(at);
                    }
                    at += MerkleHash.Size;
                }
            }
            if (missing.Count > 0)
            {
                var found = new byte[missing.Count][];
                earlier.Read(missing, found);
                for (var i = 0; i < missing.Count; i++)
                {
                    found[i].CopyTo(blob, missingAt[i]);
                }
            }
            write(stratum, firstTile, blob, tiles);
        }
    }
}
