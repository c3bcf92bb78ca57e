using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Proofs;
using OpenCts.Ledger.Storage;
using OpenCts.Ledger.Tests.Support;

namespace OpenCts.Ledger.Tests.Storage;

public sealed class LedgerLogTests
{
    private static byte[] Body(int i) => System.Text.Encoding.UTF8.GetBytes($"{{\"declaration\":\"D{i}\",\"value\":{i * 17}}}");

    [Fact]
    public async Task ARecordAndItsPendingLeafRollBackTogether()
    {
        using var folder = new TempFolder();
        using var store = new StandInStore(folder.File("cts.db"));
        store.Save("message", "1", Body(1), commit: false);

        Assert.Equal(0, store.Count("SELECT count(*) FROM records"));
        Assert.Equal(0, store.Count("SELECT count(*) FROM ledger_pending"));
        using var log = LedgerLog.Open(folder.File("cts.db"));
        Assert.Equal(0, await log.IntegrateAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheSqliteTreeIsTheRfcTreeOfItsLeavesAcrossBatchesAndReopens()
    {
        using var folder = new TempFolder();
        var path = folder.File("cts.db");
        using var store = new StandInStore(path);
        var memory = new MemoryTree();
        var sizes = new List<long>();
        var next = 0;
        foreach (var batch in new[] { 1, 2, 5, 250, 3, 517 })
        {
            for (var i = 0; i < batch; i++, next++)
            {
                store.Save("message", next.ToString(System.Globalization.CultureInfo.InvariantCulture), Body(next));
            }
            // A new instance each time: the frontier must be reloaded from the stored nodes.
            using var log = LedgerLog.Open(path);
            sizes.Add(await log.IntegrateAsync(TestContext.Current.CancellationToken));
        }

        using var reader = LedgerReader.Open(path);
        foreach (var leaf in reader.Leaves(0, next))
        {
            memory.AppendLeafHash(leaf.Entry.LeafHash());
        }
        var (size, root) = reader.Tree();
        Assert.Equal(next, size);
        Assert.Equal(memory.Root(), root);
        foreach (var s in sizes)
        {
            Assert.Equal(memory.RootAt(s), reader.RootAt(s));
        }
        var random = new Random(7);
        for (var k = 0; k < 200; k++)
        {
            var treeSize = random.NextInt64(1, size + 1);
            var index = random.NextInt64(0, treeSize);
            var proof = reader.InclusionProof(index, treeSize);
            Assert.Equal(memory.InclusionProof(index, treeSize), proof);
            MerkleVerifier.VerifyInclusion(index, treeSize, reader.Leaves(index, index + 1).Single().Entry.LeafHash(), proof, reader.RootAt(treeSize));
            var older = random.NextInt64(1, treeSize + 1);
            MerkleVerifier.VerifyConsistency(older, treeSize, reader.ConsistencyProof(older, treeSize), reader.RootAt(older), reader.RootAt(treeSize));
        }
    }

    [Fact]
    public async Task TilesAndEntryBundlesFollowTlogTiles()
    {
        using var folder = new TempFolder();
        var path = folder.File("cts.db");
        using var log = LedgerLog.Open(path);
        await log.AppendAsync([.. Enumerable.Range(0, 70_000 / 100).Select(i => new LedgerRecord("message", i.ToString(System.Globalization.CultureInfo.InvariantCulture), Body(i)))], TestContext.Current.CancellationToken);
        using var reader = log.OpenReader();

        // 700 leaves: two full level-0 tiles, a partial one of width 188, and a partial level-1 tile of width 2.
        var full = reader.Tile(0, 1, 256)!;
        Assert.Equal(8192, full.Length);
        Assert.Equal(reader.Leaves(256, 257).Single().Entry.LeafHash(), full[..32]);
        var partial = reader.Tile(0, 2, 188)!;
        Assert.Equal(188 * 32, partial.Length);
        var leafHashes = reader.Leaves(512, 700).Select(l => l.Entry.LeafHash()).ToArray();
        Assert.Equal(188, leafHashes.Length);
        Assert.Equal(leafHashes.SelectMany(h => h), partial);
        Assert.Null(reader.Tile(0, 2, 189));
        var level1 = reader.Tile(1, 0, 2)!;
        Assert.Equal(TreeShape.Resolve([[new NodeId(8, 1)]], reader.Nodes)[0], level1[32..]);
        Assert.Equal(MerkleHash.Node(
            TreeShape.Resolve([[new NodeId(7, 0)]], reader.Nodes)[0], TreeShape.Resolve([[new NodeId(7, 1)]], reader.Nodes)[0]), level1[..32]);

        var bundle = reader.EntryBundle(2, 188)!;
        var first = LedgerEntry.Parse(bundle.AsSpan(2, (bundle[0] << 8) | bundle[1]));
        Assert.Equal("512", first.RecordId);
        Assert.Null(reader.EntryBundle(2, 189));
    }

    [Fact]
    public async Task AProofBundleVerifiesAfterTheDatabaseIsGoneAndFailsForAChangedRecord()
    {
        string json;
        string verifierKey;
        var folder = new TempFolder();
        using (folder)
        {
            var path = folder.File("cts.db");
            using var store = new StandInStore(path);
            for (var i = 0; i < 37; i++)
            {
                store.Save("declaration", $"D{i}", Body(i));
            }
            using var log = LedgerLog.Open(path);
            await log.IntegrateAsync(TestContext.Current.CancellationToken);
            using var signer = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);
            log.SignCheckpoint(signer);
            using var reader = log.OpenReader();
            json = reader.Prove("declaration", "D20").ToJson();
            verifierKey = signer.Verifier.VerifierKey;
        }
        Assert.False(Directory.Exists(folder.Path));

        var verifier = new ProofBundleVerifier([NoteVerifier.Parse(verifierKey)]);
        var bundle = ProofBundle.FromJson(json);
        Assert.True(verifier.Verify(bundle, Body(20)).IsValid);

        var changed = Body(20);
        changed[^2] ^= 1;
        var result = verifier.Verify(bundle, changed);
        Assert.False(result.IsValid);
        Assert.StartsWith("record:", result.Failure, StringComparison.Ordinal);
        Assert.False(verifier.Verify(bundle with { LeafIndex = bundle.LeafIndex + 1 }, Body(20)).IsValid);
        Assert.False(verifier.Verify(bundle with { RecordId = "D21" }, Body(20)).IsValid);
        using var stranger = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);
        Assert.StartsWith("checkpoint:", new ProofBundleVerifier([stranger.Verifier]).Verify(bundle, Body(20)).Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACheckpointIsRefusedWhenTheTreeNoLongerExtendsTheLastOne()
    {
        using var folder = new TempFolder();
        var path = folder.File("cts.db");
        using var store = new StandInStore(path);
        for (var i = 0; i < 10; i++)
        {
            store.Save("message", $"{i}", Body(i));
        }
        using var signer = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);
        using (var log = LedgerLog.Open(path))
        {
            await log.IntegrateAsync(TestContext.Current.CancellationToken);
            log.SignCheckpoint(signer);
        }

        // Someone rewrites the stored hash of leaves 0..7: a tree grown from it would fork the log.
        using (var connection = LedgerSchema.Open(path))
        using (var rewrite = connection.CreateCommand())
        {
            var node = new NodeId(3, 0);
            rewrite.CommandText = "SELECT hashes FROM ledger_tiles WHERE id = $id";
            rewrite.Parameters.AddWithValue("$id", NodeTiles.TileKey(node));
            var tile = (byte[])rewrite.ExecuteScalar()!;
            Array.Clear(tile, NodeTiles.ByteOffset(node), 32);
            rewrite.CommandText = "UPDATE ledger_tiles SET hashes = $hashes WHERE id = $id";
            rewrite.Parameters.AddWithValue("$hashes", tile);
            Assert.Equal(1, rewrite.ExecuteNonQuery());
        }
        store.Save("message", "10", Body(10));
        using var reopened = LedgerLog.Open(path);
        await reopened.IntegrateAsync(TestContext.Current.CancellationToken);
        var refusal = Assert.Throws<InvalidOperationException>(() => reopened.SignCheckpoint(signer));
        Assert.Contains("fork", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABatchThatFailsHalfwayLeavesNothingBehindAndTheNextBatchBuildsTheRightTree()
    {
        using var folder = new TempFolder();
        var path = folder.File("cts.db");
        using var store = new StandInStore(path);
        for (var i = 0; i < 40; i++)
        {
            store.Save("message", $"{i}", Body(i));
        }
        using var log = LedgerLog.Open(path);
        await log.IntegrateAsync(TestContext.Current.CancellationToken);
        for (var i = 40; i < 100; i++)
        {
            store.Save("message", $"{i}", Body(i));
        }

        // The disk "fails" while the second batch writes its tiles (tile 4 of the leaves, after tiles 2 and 3).
        store.Execute("CREATE TRIGGER fail_midway BEFORE INSERT ON ledger_tiles WHEN NEW.id = 4 BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => log.IntegrateAsync(TestContext.Current.CancellationToken));
        Assert.Equal(40, store.Count("SELECT count(*) FROM ledger_leaves"));
        Assert.Equal(60, store.Count("SELECT count(*) FROM ledger_pending"));

        store.Execute("DROP TRIGGER fail_midway");
        Assert.Equal(100, await log.IntegrateAsync(TestContext.Current.CancellationToken));
        using var reader = log.OpenReader();
        var memory = new MemoryTree();
        foreach (var leaf in reader.Leaves(0, 100))
        {
            memory.AppendLeafHash(leaf.Entry.LeafHash());
        }
        Assert.Equal(memory.Root(), reader.Tree().Root);
        Assert.Equal(memory.Root(), reader.RootAt(100));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"{i}"), reader.Leaves(0, 100).Select(l => l.RecordId));
    }
}
