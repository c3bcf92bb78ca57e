using System.Globalization;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Storage;
using OpenCts.Ledger.Tests.Support;

namespace OpenCts.Ledger.Tests.Storage;

public sealed class LedgerLogBatchTests
{
    private static LedgerRecord Record(int i) => new(
        i % 3 == 0 ? "déclaration" : "message",
        i % 5 == 0 ? $"Zoll-№{i}" : i.ToString(CultureInfo.InvariantCulture),
        System.Text.Encoding.UTF8.GetBytes($"{{\"value\":{i * 17}}}"));

    [Fact]
    public void The_packed_leaf_hash_equals_the_leaf_hash_of_the_entry_bytes()
    {
        var commitment = LedgerEntry.Commit(new byte[32], "record"u8);
        foreach (var (kind, id) in new[] { ("m", "1"), ("déclaration", "Zoll-№7"), ("message", new string('x', 60_000)) })
        {
            var packed = new byte[32];
            LedgerEntry.WriteLeafHash(kind, id, commitment, packed);
            Assert.Equal(new LedgerEntry(kind, id, commitment).LeafHash(), packed);
        }
    }

    [Fact]
    public async Task Large_appended_batches_store_the_rfc_tree_whose_proofs_verify()
    {
        using var folder = new TempFolder();
        var path = folder.File("cts.db");
        var sizes = new List<long>();
        var next = 0;
        using (var log = LedgerLog.Open(path))
        {
            // Batches big enough to hash on several cores, and odd sizes so that batches start mid-subtree.
            foreach (var count in new[] { 1, 4_099, 3, 9_000, 2_048, 5 })
            {
                var records = Enumerable.Range(next, count).Select(Record).ToArray();
                next += count;
                sizes.Add(await log.AppendAsync(records, TestContext.Current.CancellationToken));
            }
        }

        using var reader = LedgerReader.Open(path);
        var memory = new MemoryTree();
        var stored = reader.LeafHashes(0, next).ToArray();
        var i = 0;
        foreach (var leaf in reader.Leaves(0, next))
        {
            Assert.Equal(Record(i).Id, leaf.RecordId);
            Assert.Equal(LedgerEntry.Commit(leaf.Salt!, Record(i).Bytes.Span), leaf.Commitment);
            Assert.Equal(leaf.Entry.LeafHash(), stored[i].Hash);
            memory.AppendLeafHash(leaf.Entry.LeafHash());
            i++;
        }
        Assert.Equal(next, i);
        Assert.Equal(memory.Root(), reader.Tree().Root);
        foreach (var size in sizes)
        {
            Assert.Equal(memory.RootAt(size), reader.RootAt(size));
        }
        var random = new Random(15);
        for (var k = 0; k < 300; k++)
        {
            var treeSize = random.NextInt64(1, next + 1);
            var index = random.NextInt64(0, treeSize);
            var proof = reader.InclusionProof(index, treeSize);
            Assert.Equal(memory.InclusionProof(index, treeSize), proof);
            MerkleVerifier.VerifyInclusion(index, treeSize, stored[index].Hash, proof, memory.RootAt(treeSize));
            var older = random.NextInt64(1, treeSize + 1);
            MerkleVerifier.VerifyConsistency(older, treeSize, reader.ConsistencyProof(older, treeSize), memory.RootAt(older), memory.RootAt(treeSize));
        }
    }

    [Fact]
    public async Task Every_appended_leaf_gets_its_own_salt()
    {
        using var folder = new TempFolder();
        using var log = LedgerLog.Open(folder.File("cts.db"));
        await log.AppendAsync([.. Enumerable.Range(0, 3_000).Select(Record)], TestContext.Current.CancellationToken);
        using var reader = log.OpenReader();
        var salts = reader.Leaves(0, 3_000).Select(l => Convert.ToHexString(l.Salt!)).ToHashSet();
        Assert.Equal(3_000, salts.Count);
    }

    [Fact]
    public async Task Every_proof_tile_holds_exactly_the_stored_nodes_it_covers()
    {
        using var folder = new TempFolder();
        var path = folder.File("cts.db");
        var next = 0;
        using (var log = LedgerLog.Open(path))
        {
            // Small batches make tiles straddle batches, so part of a tile comes from nodes stored earlier.
            foreach (var count in new[] { 1, 5, 17, 300, 4_099, 3, 700 })
            {
                await log.AppendAsync([.. Enumerable.Range(next, count).Select(Record)], TestContext.Current.CancellationToken);
                next += count;
            }
        }

        using var connection = LedgerSchema.Open(path);
        using var reader = LedgerReader.On(connection);
        var tiles = new List<(long Key, byte[] Hashes)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT id, hashes FROM ledger_proof_tiles ORDER BY id";
            using var rows = read.ExecuteReader();
            while (rows.Read())
            {
                tiles.Add((rows.GetInt64(0), (byte[])rows.GetValue(1)));
            }
        }
        for (var stratum = 0; stratum < 4; stratum++)
        {
            Assert.Equal(next >> (4 * stratum + 4), tiles.Count(t => NodeId.FromKey(t.Key).Level == stratum));
        }
        foreach (var (key, hashes) in tiles)
        {
            var tile = NodeId.FromKey(key);
            var nodes = ProofTiles.Nodes(tile.Level, tile.Index).ToArray();
            var stored = new byte[nodes.Length][];
            reader.Nodes.Read(nodes, stored);
            Assert.Equal(stored.SelectMany(h => h), hashes);
        }
    }

    [Fact]
    public async Task A_version_1_file_is_migrated_keeps_proving_its_old_leaves_and_tiles_the_new_ones()
    {
        using var folder = new TempFolder();
        var path = folder.File("cts.db");
        using (var log = LedgerLog.Open(path))
        {
            await log.AppendAsync([.. Enumerable.Range(0, 1_000).Select(Record)], TestContext.Current.CancellationToken);
        }
        // What a file written by version 1 holds: the same tables without proof tiles.
        using (var connection = LedgerSchema.Open(path))
        using (var downgrade = connection.CreateCommand())
        {
            downgrade.CommandText = "DROP TABLE ledger_proof_tiles; DELETE FROM ledger_schema WHERE version > 1";
            downgrade.ExecuteNonQuery();
        }

        using (var log = LedgerLog.Open(path))
        {
            await log.AppendAsync([.. Enumerable.Range(1_000, 600).Select(Record)], TestContext.Current.CancellationToken);
        }

        using var migrated = LedgerSchema.Open(path);
        using (var version = migrated.CreateCommand())
        {
            version.CommandText = "SELECT max(version) FROM ledger_schema";
            Assert.Equal((long)LedgerSchema.CurrentVersion, version.ExecuteScalar());
            version.CommandText = "SELECT min(id) FROM ledger_proof_tiles WHERE id < 72057594037927936";
            // Tiles start where the new batch began (leaf 1,000 is in the 16-leaf tile 62), none for the old leaves.
            Assert.Equal(62L, version.ExecuteScalar());
        }
        using var reader = LedgerReader.On(migrated);
        var memory = new MemoryTree();
        foreach (var (_, hash) in reader.LeafHashes(0, 1_600))
        {
            memory.AppendLeafHash(hash);
        }
        Assert.Equal(memory.Root(), reader.Tree().Root);
        for (var index = 0L; index < 1_600; index += 7)
        {
            foreach (var size in new[] { index + 1, 1_000, 1_600 })
            {
                if (index < size)
                {
                    var proof = reader.InclusionProof(index, size);
                    Assert.Equal(memory.InclusionProof(index, size), proof);
                }
            }
        }
        MerkleVerifier.VerifyConsistency(1_000, 1_600, reader.ConsistencyProof(1_000, 1_600), memory.RootAt(1_000), memory.RootAt(1_600));
    }
}
