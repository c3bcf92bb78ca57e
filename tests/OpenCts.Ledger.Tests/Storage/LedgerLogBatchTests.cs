using System.Globalization;
using System.Text;
using OpenCts.Ledger.Audit;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Notes;
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
    public async Task An_append_that_fails_in_a_later_chunk_leaves_nothing_of_its_earlier_chunks_and_the_next_append_builds_the_right_tree()
    {
        using var folder = new TempFolder();
        var path = folder.File("cts.db");
        using var log = LedgerLog.Open(path);
        await log.AppendAsync([.. Enumerable.Range(0, 100).Select(Record)], TestContext.Current.CancellationToken);
        using (var connection = LedgerSchema.Open(path))
        using (var trigger = connection.CreateCommand())
        {
            // Leaf 6,000 lies in a later chunk than the first ones the append hashes and writes separately (chunks of 256, 512, 1,024 then 2,048 leaves); its tile is 375.
            trigger.CommandText = "CREATE TRIGGER fail_late BEFORE INSERT ON ledger_tiles WHEN NEW.id = 375 BEGIN SELECT RAISE(ABORT, 'disk full'); END";
            trigger.ExecuteNonQuery();
        }
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => log.AppendAsync([.. Enumerable.Range(100, 7_000).Select(Record)], TestContext.Current.CancellationToken));
        using (var reader = log.OpenReader())
        {
            Assert.Equal(100, reader.Tree().Size);
            Assert.Empty(reader.Leaves(100, 10_000));
        }
        using (var connection = LedgerSchema.Open(path))
        using (var drop = connection.CreateCommand())
        {
            drop.CommandText = "DROP TRIGGER fail_late";
            drop.ExecuteNonQuery();
        }

        Assert.Equal(7_100, await log.AppendAsync([.. Enumerable.Range(100, 7_000).Select(Record)], TestContext.Current.CancellationToken));
        using var after = log.OpenReader();
        var memory = new MemoryTree();
        foreach (var leaf in after.Leaves(0, 7_100))
        {
            memory.AppendLeafHash(leaf.Entry.LeafHash());
        }
        Assert.Equal(memory.Root(), after.Tree().Root);
        Assert.Equal(memory.InclusionProof(6_001, 7_100), after.InclusionProof(6_001, 7_100));
        Assert.Equal(memory.InclusionProof(99, 7_100), after.InclusionProof(99, 7_100));
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
    public void Every_position_of_a_tile_names_a_node_of_it_after_the_two_nodes_it_joins()
    {
        for (var stratum = 0; stratum < 3; stratum++)
        {
            var seen = new HashSet<NodeId>();
            for (var position = 0; position < NodeTiles.FullCount; position++)
            {
                var node = NodeTiles.NodeAt(stratum, 5, position);
                Assert.Equal(new NodeId(stratum, 5).Key, NodeTiles.TileKey(node));
                Assert.Equal(position * 32, NodeTiles.ByteOffset(node));
                if (node.Level > stratum * NodeTiles.Height)
                {
                    Assert.Contains(new NodeId(node.Level - 1, node.Index * 2), seen);
                    Assert.Contains(new NodeId(node.Level - 1, node.Index * 2 + 1), seen);
                }
                Assert.True(seen.Add(node));
            }
        }
    }

    [Fact]
    public async Task Every_tile_holds_the_nodes_of_its_subtree_in_post_order_and_the_right_edge_as_a_shorter_row()
    {
        using var folder = new TempFolder();
        var path = folder.File("cts.db");
        var next = 0;
        var memory = new MemoryTree();
        using (var log = LedgerLog.Open(path))
        {
            // Small batches make tiles straddle batches, so a row is continued from what an earlier batch stored.
            foreach (var count in new[] { 1, 5, 17, 300, 4_099, 3, 700 })
            {
                await log.AppendAsync([.. Enumerable.Range(next, count).Select(Record)], TestContext.Current.CancellationToken);
                next += count;
            }
            using var reader = log.OpenReader();
            foreach (var leaf in reader.Leaves(0, next))
            {
                memory.AppendLeafHash(leaf.Entry.LeafHash());
            }
        }

        using var connection = LedgerSchema.Open(path);
        var tiles = new List<(long Key, byte[] Hashes)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT id, hashes FROM ledger_tiles ORDER BY id";
            using var rows = read.ExecuteReader();
            while (rows.Read())
            {
                tiles.Add((rows.GetInt64(0), (byte[])rows.GetValue(1)));
            }
        }
        for (var stratum = 0; stratum < 4; stratum++)
        {
            var bottom = next >> (4 * stratum);
            Assert.Equal((bottom + 15) / 16, tiles.Count(t => NodeId.FromKey(t.Key).Level == stratum));
        }
        foreach (var (key, hashes) in tiles)
        {
            var tile = NodeId.FromKey(key);
            var bottom = (next >> (4 * tile.Level)) - 16 * tile.Index;
            Assert.Equal(NodeTiles.CountFor((int)Math.Min(16, bottom)) * 32, hashes.Length);
            for (var position = 0; position < hashes.Length / 32; position++)
            {
                var node = NodeTiles.NodeAt(tile.Level, tile.Index, position);
                var expected = new byte[1][];
                memory.Read([node], expected);
                Assert.Equal(expected[0], hashes.AsSpan(position * 32, 32).ToArray());
            }
        }
    }

    [Fact]
    public async Task A_version_2_file_with_a_row_per_node_is_read_as_it_is_then_migrated_to_tiles_that_prove_and_audit_the_same()
    {
        using var folder = new TempFolder();
        var path = folder.File("cts.db");
        using var signer = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);
        using var store = new StandInStore(path);
        var memory = await Version2FileAsync(store, path, signer, 1_000, (_, hash) => hash);
        var verifier = new CheckpointVerifier([signer.Verifier]);

        // Unmigrated, as a read-only copy would be opened: read from its node rows.
        using (var old = LedgerReader.Open(path))
        {
            Assert.Equal(memory.RootAt(1_000), old.RootAt(1_000));
            Assert.Equal(memory.InclusionProof(123, 1_000), old.InclusionProof(123, 1_000));
        }
        using (var records = store.RecordSource("message"))
        {
            var report = new LedgerAuditor(path, verifier).Audit(records, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(report.IsClean && report.TreeMatchesCheckpoint && report.StoredNodesMatchCheckpoint, string.Join("; ", report.Findings));
        }

        // Opening the log migrates: the nodes become tiles, and new leaves continue them.
        for (var i = 1_000; i < 1_600; i++)
        {
            store.Save("message", $"{i}", Encoding.UTF8.GetBytes($"{{\"value\":{i}}}"));
        }
        using (var log = LedgerLog.Open(path))
        {
            await log.IntegrateAsync(TestContext.Current.CancellationToken);
            log.SignCheckpoint(signer);
        }
        Assert.Equal(LedgerSchema.CurrentVersion, store.Count("SELECT max(version) FROM ledger_schema"));
        Assert.Equal(0, store.Count("SELECT count(*) FROM sqlite_master WHERE name IN ('ledger_nodes', 'ledger_proof_tiles')"));
        using (var reader = LedgerReader.Open(path))
        {
            foreach (var leaf in reader.Leaves(1_000, 1_600))
            {
                memory.AppendLeafHash(leaf.Entry.LeafHash());
            }
            Assert.Equal(memory.Root(), reader.Tree().Root);
            Assert.Equal(memory.RootAt(1_000), reader.RootAt(1_000));
            for (var index = 0L; index < 1_600; index += 7)
            {
                foreach (var size in new[] { index + 1, 1_000, 1_600 })
                {
                    if (index < size)
                    {
                        Assert.Equal(memory.InclusionProof(index, size), reader.InclusionProof(index, size));
                    }
                }
            }
            MerkleVerifier.VerifyConsistency(1_000, 1_600, reader.ConsistencyProof(1_000, 1_600), memory.RootAt(1_000), memory.RootAt(1_600));
        }
        using (var records = store.RecordSource("message"))
        {
            var report = new LedgerAuditor(path, verifier).Audit(records, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(report.IsClean && report.TreeMatchesCheckpoint && report.StoredNodesMatchCheckpoint, string.Join("; ", report.Findings));
            Assert.Equal(1_600, report.LeavesChecked);
        }
    }

    [Fact]
    public async Task A_node_rewritten_in_a_version_2_file_is_still_found_by_the_audit_after_the_migration()
    {
        using var folder = new TempFolder();
        var path = folder.File("cts.db");
        using var signer = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);
        using var store = new StandInStore(path);
        // Leaf 9's stored hash was rewritten before the upgrade.
        await Version2FileAsync(store, path, signer, 40, (node, hash) => node == new NodeId(0, 9) ? new byte[32] : hash);

        using (LedgerLog.Open(path))
        {
        }

        using var records = store.RecordSource("message");
        var report = new LedgerAuditor(path, new CheckpointVerifier([signer.Verifier])).Audit(records, cancellationToken: TestContext.Current.CancellationToken);
        var finding = Assert.Single(report.Findings);
        Assert.Equal((AuditFindingKind.LeafAltered, 9L), (finding.Kind, finding.LeafIndex));
        Assert.True(report.TreeMatchesCheckpoint);
    }

    /// <summary>
    /// What a file written by ledger schema 2 holds: <paramref name="count"/> records sequenced and signed, then a
    /// ledger_nodes row per complete subtree (each hash as <paramref name="stored"/> gives it) and no tiles.
    /// </summary>
    /// <returns>The true tree of the records, to compare with what the file gives.</returns>
    private static async Task<MemoryTree> Version2FileAsync(StandInStore store, string path, NoteSigner signer, int count, Func<NodeId, byte[], byte[]> stored)
    {
        for (var i = 0; i < count; i++)
        {
            store.Save("message", $"{i}", Encoding.UTF8.GetBytes($"{{\"value\":{i}}}"));
        }
        using (var log = LedgerLog.Open(path))
        {
            await log.IntegrateAsync(TestContext.Current.CancellationToken);
            log.SignCheckpoint(signer);
        }
        var memory = new MemoryTree();
        using (var reader = LedgerReader.Open(path))
        {
            foreach (var leaf in reader.Leaves(0, count))
            {
                memory.AppendLeafHash(leaf.Entry.LeafHash());
            }
        }
        store.Execute("""
            DROP TABLE ledger_tiles;
            CREATE TABLE ledger_nodes (id INTEGER PRIMARY KEY, hash BLOB NOT NULL);
            CREATE TABLE ledger_proof_tiles (id INTEGER PRIMARY KEY, hashes BLOB NOT NULL);
            DELETE FROM ledger_schema WHERE version > 2;
            """);
        for (var level = 0; (count >> level) > 0; level++)
        {
            for (var index = 0L; index < count >> level; index++)
            {
                var node = new NodeId(level, index);
                var hash = new byte[1][];
                memory.Read([node], hash);
                store.Execute($"INSERT INTO ledger_nodes (id, hash) VALUES ({node.Key}, X'{Convert.ToHexString(stored(node, hash[0]))}')");
            }
        }
        return memory;
    }
}
