using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Merkle;

namespace OpenCts.Ledger.Storage;

/// <summary>Ledger schema step 3: packs the per-node rows of <c>ledger_nodes</c> into <c>ledger_tiles</c> rows (see <see cref="NodeTiles"/>).</summary>
/// <remarks>
/// The hashes are copied as stored, never recomputed, so a file that was tampered with before the upgrade still fails
/// its audit after it. A tile stops at the first node that <c>ledger_nodes</c> lacks, so a missing node stays missing
/// and a proof that needs it still fails, naming it. The work goes 4,096 tiles at a time to keep memory flat.
/// </remarks>
internal static class TileBackfill
{
    private const int ChunkTiles = 4096;

    public static void Run(SqliteConnection connection, SqliteTransaction transaction)
    {
        long size;
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT coalesce((SELECT size FROM ledger_tree WHERE id = 1), 0)";
            size = (long)read.ExecuteScalar()!;
        }
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO ledger_tiles (id, hashes) VALUES ($id, $hashes)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var hashes = insert.Parameters.Add("$hashes", SqliteType.Blob);
        insert.Prepare();
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT id, hash FROM ledger_nodes WHERE id >= $a AND id < $b ORDER BY id";
        var from = select.Parameters.Add("$a", SqliteType.Integer);
        var to = select.Parameters.Add("$b", SqliteType.Integer);
        select.Prepare();

        var levels = new byte[NodeTiles.Height][];
        var present = new bool[NodeTiles.Height][];
        var buffer = new byte[NodeTiles.FullBytes];
        for (var stratum = 0; stratum * NodeTiles.Height < 63 && (size >> (stratum * NodeTiles.Height)) > 0; stratum++)
        {
            var bottom = size >> (stratum * NodeTiles.Height);
            var tiles = (bottom + NodeTiles.Width - 1) / NodeTiles.Width;
            for (var chunk = 0L; chunk < tiles; chunk += ChunkTiles)
            {
                var chunkEnd = Math.Min(tiles, chunk + ChunkTiles);
                for (var k = 0; k < NodeTiles.Height; k++)
                {
                    var level = stratum * NodeTiles.Height + k;
                    var first = chunk << (NodeTiles.Height - k);
                    var end = Math.Min(chunkEnd << (NodeTiles.Height - k), size >> level);
                    var count = (int)Math.Max(0, end - first);
                    levels[k] = new byte[count * MerkleHash.Size];
                    present[k] = new bool[count];
                    if (count == 0)
                    {
                        continue;
                    }
                    from.Value = new NodeId(level, first).Key;
                    to.Value = new NodeId(level, end).Key;
                    using var rows = select.ExecuteReader();
                    while (rows.Read())
                    {
                        var at = (int)(NodeId.FromKey(rows.GetInt64(0)).Index - first);
                        var hash = (byte[])rows.GetValue(1);
                        if (hash.Length == MerkleHash.Size)
                        {
                            hash.CopyTo(levels[k], at * MerkleHash.Size);
                            present[k][at] = true;
                        }
                    }
                }
                for (var tile = chunk; tile < chunkEnd; tile++)
                {
                    var expected = NodeTiles.CountFor((int)Math.Min(NodeTiles.Width, bottom - tile * NodeTiles.Width));
                    var written = 0;
                    for (; written < expected; written++)
                    {
                        var node = NodeTiles.NodeAt(stratum, tile, written);
                        var k = node.Level - stratum * NodeTiles.Height;
                        var at = (int)(node.Index - (chunk << (NodeTiles.Height - k)));
                        if (!present[k][at])
                        {
                            break;
                        }
                        levels[k].AsSpan(at * MerkleHash.Size, MerkleHash.Size).CopyTo(buffer.AsSpan(written * MerkleHash.Size));
                    }
                    if (written == 0)
                    {
                        continue;
                    }
                    id.Value = new NodeId(stratum, tile).Key;
                    hashes.Value = buffer.AsSpan(0, written * MerkleHash.Size).ToArray();
                    insert.ExecuteNonQuery();
                }
            }
        }
    }
}
