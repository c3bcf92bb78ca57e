using System.Globalization;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Storage;
using OpenCts.Ledger.Tests.Support;

namespace OpenCts.Ledger.Tests.Storage;

/// <summary>The proof reader keeps full tiles in memory (<see cref="UpperTiles"/>); what it serves from memory must equal what the tree computed from scratch gives.</summary>
public sealed class ProofReaderCacheTests
{
    private static LedgerRecord Record(int i) => new("message", i.ToString(CultureInfo.InvariantCulture), BitConverter.GetBytes(i * 31));

    private static async Task<MemoryTree> Append(LedgerLog log, MemoryTree memory, int from, int count)
    {
        await log.AppendAsync([.. Enumerable.Range(from, count).Select(Record)], TestContext.Current.CancellationToken);
        using var reader = log.OpenReader();
        foreach (var leaf in reader.Leaves(from, from + count))
        {
            memory.AppendLeafHash(leaf.Entry.LeafHash());
        }
        return memory;
    }

    [Fact]
    public async Task Proofs_from_a_cold_reopened_store_equal_the_proofs_computed_from_scratch_before_and_after_it_keeps_its_upper_tiles()
    {
        using var folder = new TempFolder();
        var path = folder.File("cts.db");
        var memory = new MemoryTree();
        using (var log = LedgerLog.Open(path))
        {
            // 5,003 leaves: 19 full tiles of stratum 1, one of stratum 2, and right edges that end mid-tile in every stratum.
            await Append(log, memory, 0, 5_003);
        }

        using var reader = LedgerReader.Open(path);
        var random = new Random(61);
        // The first reads come before stratum 1 is loaded, the rest after; indexes on both sides of tile boundaries and sizes not a multiple of 16.
        var sizes = new long[] { 5_003, 4_097, 4_096, 257, 256, 17, 1 };
        for (var k = 0; k < 3 * SqliteNodeReader.StratumOneAfterReads; k++)
        {
            var size = k % 4 == 0 ? sizes[k / 4 % sizes.Length] : random.NextInt64(1, 5_004);
            var index = k % 3 == 0 ? Math.Min(size - 1, (random.NextInt64(size) | 15)) : random.NextInt64(size);
            Assert.Equal(memory.InclusionProof(index, size), reader.InclusionProof(index, size));
        }
        for (var index = 0L; index < 5_003; index += 97)
        {
            Assert.Equal(memory.InclusionProof(index, 5_003), reader.InclusionProof(index, 5_003));
        }
        Assert.Equal(memory.RootAt(4_321), reader.RootAt(4_321));
    }

    [Fact]
    public async Task A_reader_that_keeps_its_upper_tiles_proves_leaves_appended_after_it_loaded_them()
    {
        using var folder = new TempFolder();
        var path = folder.File("cts.db");
        var memory = new MemoryTree();
        using var log = LedgerLog.Open(path);
        await Append(log, memory, 0, 1_000);
        using var reader = log.OpenReader();
        for (var k = 0; k < 2 * SqliteNodeReader.StratumOneAfterReads; k++)
        {
            Assert.Equal(memory.InclusionProof(k * 7, 1_000), reader.InclusionProof(k * 7, 1_000));
        }

        // The tree grows past the tiles the reader holds: tiles that were the right edge are full now and new ones follow.
        await Append(log, memory, 1_000, 9_123);
        var random = new Random(62);
        for (var k = 0; k < 400; k++)
        {
            var size = k % 2 == 0 ? 10_123 : random.NextInt64(1, 10_124);
            var index = random.NextInt64(size);
            Assert.Equal(memory.InclusionProof(index, size), reader.InclusionProof(index, size));
        }
        Assert.Equal(memory.InclusionProof(1_000, 1_001), reader.InclusionProof(1_000, 1_001));
    }

    [Fact]
    public async Task Overwriting_a_returned_proof_changes_nothing_that_the_reader_returns_next()
    {
        using var folder = new TempFolder();
        var path = folder.File("cts.db");
        var memory = new MemoryTree();
        using var log = LedgerLog.Open(path);
        await Append(log, memory, 0, 1_003);
        using var reader = log.OpenReader();
        for (var k = 0; k < 2 * SqliteNodeReader.StratumOneAfterReads; k++)
        {
            // Leaves in full tiles and on the right edge, whose proofs hold kept and folded hashes.
            foreach (var index in new long[] { k * 7, 1_002 - k })
            {
                foreach (var hash in reader.InclusionProof(index, 1_003))
                {
                    Array.Fill(hash, (byte)0xEE);
                }
                Assert.Equal(memory.InclusionProof(index, 1_003), reader.InclusionProof(index, 1_003));
            }
        }
    }

    [Fact]
    public void The_upper_tiles_keep_only_the_run_of_full_tiles_from_tile_0_and_stop_at_their_budget()
    {
        var tiles = new UpperTiles(3 * NodeTiles.FullBytes);
        var row = new byte[NodeTiles.FullBytes];
        row[5] = 7;
        Assert.False(tiles.Add(1, 1, row));
        Assert.False(tiles.Add(1, 0, row.AsSpan(0, 64)));
        Assert.False(tiles.Add(0, 0, row));
        Assert.True(tiles.Add(1, 0, row));
        Assert.True(tiles.Add(1, 1, row));
        Assert.True(tiles.Add(2, 0, row));
        Assert.False(tiles.Add(1, 2, row));
        Assert.Equal(2, tiles.Count(1));
        Assert.Equal(7, tiles.Row(1, 1)[5]);
        Assert.True(tiles.Row(1, 2).IsEmpty);
        Assert.True(tiles.Row(3, 0).IsEmpty);
        Assert.Equal(3 * NodeTiles.FullBytes, tiles.Bytes);
    }
}
