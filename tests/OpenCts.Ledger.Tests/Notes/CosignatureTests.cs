using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Notes;

namespace OpenCts.Ledger.Tests.Notes;

public sealed class CosignatureTests
{
    [Fact]
    public void ACheckpointIsFinalOnlyOnceTheQuorumOfWitnessesCosignedIt()
    {
        using var log = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);
        using var w1 = NoteSigner.Generate("witness.one.example", NoteKeyType.CosignatureV1);
        using var w2 = NoteSigner.Generate("witness.two.example", NoteKeyType.CosignatureV1);
        using var w3 = NoteSigner.Generate("witness.three.example", NoteKeyType.CosignatureV1);
        var text = new Checkpoint("customs.example/ledger", 42, MerkleHash.Leaf("x"u8)).ToNoteText();
        var signed = new SignedNote(text, [log.Sign(text)]);
        var verifier = new CheckpointVerifier([log.Verifier], [w1.Verifier, w2.Verifier, w3.Verifier], witnessQuorum: 2);

        var once = signed.WithSignatures([w1.Sign(text, 1_700_000_000)]);
        var twice = once.WithSignatures([w3.Sign(text, 1_700_000_001)]);

        Assert.Throws<NoteVerificationException>(() => verifier.Verify(once.ToString()));
        var verified = verifier.Verify(twice.ToString());
        Assert.Equal(42, verified.Checkpoint.Size);
        Assert.Equal([1_700_000_000L, 1_700_000_001L], verified.Cosignatures.Select(c => c.Timestamp).Order());
    }

    [Fact]
    public void ACosignatureOverAnotherCheckpointDoesNotCount()
    {
        using var log = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);
        using var witness = NoteSigner.Generate("witness.example", NoteKeyType.CosignatureV1);
        var text = new Checkpoint("customs.example/ledger", 5, MerkleHash.Leaf("a"u8)).ToNoteText();
        var other = new Checkpoint("customs.example/ledger", 5, MerkleHash.Leaf("b"u8)).ToNoteText();
        var note = new SignedNote(text, [log.Sign(text), witness.Sign(other, 1_700_000_000)]);

        Assert.Throws<NoteVerificationException>(() => new CheckpointVerifier([log.Verifier], [witness.Verifier], 1).Verify(note.ToString()));
    }

    [Fact]
    public void ACosignatureKeyIdUsesTypeFourSoTheSameKeyCannotPassAsALogSignature()
    {
        using var witness = NoteSigner.Generate("witness.example", NoteKeyType.CosignatureV1);
        var asLog = NoteVerifier.FromPublicKey(witness.Name, NoteKeyType.Ed25519, [.. witness.Verifier.PublicKey]);
        Assert.NotEqual(asLog.KeyId, witness.KeyId);
        Assert.StartsWith("witness.example+", witness.Verifier.VerifierKey, StringComparison.Ordinal);
        Assert.Equal(witness.Verifier.KeyId, NoteVerifier.Parse(witness.Verifier.VerifierKey).KeyId);
    }
}
