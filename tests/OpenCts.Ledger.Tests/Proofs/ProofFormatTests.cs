using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Proofs;
using OpenCts.Ledger.Storage;
using OpenCts.Ledger.Tests.Support;
using OpenCts.Ledger.Witness;

namespace OpenCts.Ledger.Tests.Proofs;

public sealed class ProofFormatTests
{
    private static ProofBundle Bundle(out NoteSigner signer)
    {
        signer = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);
        var tree = new MemoryTree();
        var salt = new byte[32];
        var entries = Enumerable.Range(0, 9).Select(i => new LedgerEntry("message", $"{i}", LedgerEntry.Commit(salt, [(byte)i]))).ToList();
        entries.ForEach(e => tree.Append(e.ToBytes()));
        var text = new Checkpoint(signer.Name, 9, tree.Root()).ToNoteText();
        return new ProofBundle("message", "5", salt, entries[5].Commitment, 5, tree.InclusionProof(5, 9), new SignedNote(text, [signer.Sign(text)]).ToString());
    }

    [Fact]
    public void ABundleSurvivesJsonAndStillVerifies()
    {
        var bundle = Bundle(out var signer);
        using (signer)
        {
            var read = ProofBundle.FromJson(bundle.ToJson());
            Assert.True(new ProofBundleVerifier([signer.Verifier]).Verify(read, [5]).IsValid);
            Assert.Equal(bundle.InclusionProof, read.InclusionProof);
        }
    }

    [Fact]
    public void TheTlogProofTextHasTheC2spLayout()
    {
        var bundle = Bundle(out var signer);
        using (signer)
        {
            var lines = bundle.ToTlogProof().Split('\n');
            Assert.Equal("c2sp.org/tlog-proof@v1", lines[0]);
            Assert.StartsWith("extra ", lines[1], StringComparison.Ordinal);
            Assert.Equal(new LedgerEntry("message", "5", bundle.Commitment).ToBytes(), Convert.FromBase64String(lines[1][6..]));
            Assert.Equal("index 5", lines[2]);
            Assert.Equal(bundle.InclusionProof.Count, lines.Skip(3).TakeWhile(l => l.Length > 0).Count());
            Assert.Equal("customs.example/ledger", lines[3 + bundle.InclusionProof.Count + 1]);
        }
    }

    [Theory]
    [InlineData("{}", "format")]
    [InlineData("{\"format\":\"opencts.ledger-proof/v1\",\"recordKind\":\"message\"}", "recordId")]
    [InlineData("{\"format\":\"opencts.ledger-proof/v1\",\"leafIndex\":\"x\"}", "leafIndex")]
    public void AMalformedBundleIsRefusedNamingTheField(string json, string field)
    {
        var error = Assert.Throws<FormatException>(() => ProofBundle.FromJson(json));
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAddCheckpointRequestReadsBackWhatWasWritten()
    {
        var bundle = Bundle(out var signer);
        using (signer)
        {
            var checkpoint = SignedCheckpoint.Parse(bundle.Checkpoint);
            var request = new AddCheckpointRequest(4, [MerkleHash.Leaf("a"u8), MerkleHash.Leaf("b"u8)], checkpoint);
            var read = AddCheckpointRequest.Parse(request.ToBody());
            Assert.Equal(4, read.OldSize);
            Assert.Equal(request.ConsistencyProof, read.ConsistencyProof);
            Assert.Equal(checkpoint.ToString(), read.Checkpoint.ToString());
            Assert.StartsWith("old 4\n", request.ToBody(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AWitnessPolicyFileErrorNamesItsLine()
    {
        using var folder = new TempFolder();
        using var witness = NoteSigner.Generate("witness.example", NoteKeyType.CosignatureV1);
        var path = folder.File("witnesses.txt");
        File.WriteAllText(path, $"# partners\nhttp://127.0.0.1:9/ {witness.Verifier.VerifierKey}\nquorum 1\n");
        var policy = WitnessPolicy.Load(path);
        Assert.Equal((1, 1), (policy.Witnesses.Count, policy.Quorum));

        File.WriteAllText(path, $"http://127.0.0.1:9/ {witness.Verifier.VerifierKey}\nquorum two\n");
        Assert.Contains("witnesses.txt:2", Assert.Throws<FormatException>(() => WitnessPolicy.Load(path)).Message, StringComparison.Ordinal);
        File.WriteAllText(path, $"http://127.0.0.1:9/ {witness.Verifier.VerifierKey}\nquorum 2\n");
        Assert.Throws<FormatException>(() => WitnessPolicy.Load(path));
    }
}
