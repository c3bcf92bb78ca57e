using OpenCts.Ledger.Notes;

namespace OpenCts.Ledger.Tests.Notes;

// The published example of Go's golang.org/x/mod/sumdb/note package (its documentation and note_test.go).
public sealed class GoNoteInteropTests
{
    private const string GoVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string GoSignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string GoText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string GoNote = GoText + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    [Fact]
    public void ANoteSignedByGoVerifiesWithItsPublishedKey()
    {
        var verifier = NoteVerifier.Parse(GoVerifierKey);
        var verified = SignedNote.Parse(GoNote).Verify([verifier]);

        Assert.Single(verified);
        Assert.Equal("PeterNeumann", verified[0].Verifier.Name);
        Assert.Equal(0xc74f20a3u, verifier.KeyId);
        Assert.Equal(GoVerifierKey, verifier.VerifierKey);
    }

    [Fact]
    public void OurSignatureWithGosKeyIsByteForByteGosNote()
    {
        using var signer = NoteSigner.Parse(GoSignerKey);
        var note = new SignedNote(GoText, [signer.Sign(GoText)]);

        Assert.Equal(GoNote, note.ToString());
        Assert.Equal(GoVerifierKey, signer.Verifier.VerifierKey);
        Assert.Equal(GoSignerKey, signer.ExportSignerKey());
    }

    [Fact]
    public void AChangedTextOfGosNoteIsRejected()
    {
        var tampered = SignedNote.Parse(GoNote.Replace("cryptography", "cryptographY", StringComparison.Ordinal));
        Assert.Throws<NoteVerificationException>(() => tampered.Verify([NoteVerifier.Parse(GoVerifierKey)]));
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T")]
    [InlineData("Peter+Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+AhpcxQcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    public void AMangledVerifierKeyIsRefused(string key)
    {
        Assert.Throws<NoteFormatException>(() => NoteVerifier.Parse(key));
    }

    [Fact]
    public void ANoteSignedByAnUnknownKeyOnlyIsRejected()
    {
        using var other = NoteSigner.Generate("PeterNeumann", NoteKeyType.Ed25519);
        Assert.Throws<NoteVerificationException>(() => SignedNote.Parse(GoNote).Verify([other.Verifier]));
    }

    [Theory]
    [InlineData("no blank line\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData("text\n\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=")]
    [InlineData("text\n\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData("te\txt\n\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData("text\n\n\u2014 PeterNeumann x08g\n")]
    public void AMalformedNoteIsRefused(string note)
    {
        Assert.Throws<NoteFormatException>(() => SignedNote.Parse(note));
    }
}
