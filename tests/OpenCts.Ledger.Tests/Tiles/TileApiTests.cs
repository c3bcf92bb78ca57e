using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Hosting;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Storage;
using OpenCts.Ledger.Tests.Support;
using OpenCts.Ledger.Tiles;

namespace OpenCts.Ledger.Tests.Tiles;

public sealed class TileApiTests
{
    [Fact]
    public async Task AClientRebuildsAnInclusionProofFromTheServedCheckpointAndTiles()
    {
        var token = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.File("cts.db");
        using var signer = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);
        using (var log = LedgerLog.Open(path))
        {
            await log.AppendAsync([.. Enumerable.Range(0, 600).Select(i => new LedgerRecord("message", $"{i}", BitConverter.GetBytes(i)))], token);
            log.SignCheckpoint(signer);
        }
        await using var app = await LedgerHost.StartAsync("http://127.0.0.1:0", a => a.MapTileApi(path), token);
        using var http = new HttpClient { BaseAddress = LedgerHost.Address(app) };

        var checkpoint = new CheckpointVerifier([signer.Verifier]).Verify(await http.GetStringAsync("/checkpoint", token)).Checkpoint;
        Assert.Equal(600, checkpoint.Size);

        // Rebuild the tree from level-0 tiles alone (two full, one partial of width 88), as a tlog-tiles client would.
        var tree = new MemoryTree();
        foreach (var tile in new[] { "0/000", "0/001", "0/002.p/88" })
        {
            var bytes = await http.GetByteArrayAsync("/tile/" + tile, token);
            for (var at = 0; at < bytes.Length; at += 32)
            {
                tree.AppendLeafHash(bytes[at..(at + 32)]);
            }
        }
        Assert.Equal(checkpoint.RootHash, tree.Root());
        var level1 = await http.GetByteArrayAsync("/tile/1/000.p/2", token);
        Assert.Equal(tree.RootAt(256), level1[..32]);

        var entries = await http.GetByteArrayAsync("/tile/entries/002.p/88", token);
        var first = LedgerEntry.Parse(entries.AsSpan(2, (entries[0] << 8) | entries[1]));
        Assert.Equal(LeafHashAt(tree, 512), MerkleHash.Leaf(first.ToBytes()));
        Assert.Equal("512", first.RecordId);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/tile/0/002.p/89", token)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/tile/0/2", token)).StatusCode);
    }

    private static byte[] LeafHashAt(MemoryTree tree, long index)
    {
        var hashes = new byte[1][];
        tree.Read([new NodeId(0, index)], hashes);
        return hashes[0];
    }
}
