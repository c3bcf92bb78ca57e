using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Keys;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Tests.Support;

namespace OpenCts.Ledger.Tests.Storage;

public sealed class KeyStoreTests
{
    [Fact]
    public void TheSigningKeyIsCreatedOnFirstUseReadableByItsOwnerOnly()
    {
        using var folder = new TempFolder();
        var keys = KeyStore.ForLog(folder.Path);
        using var created = keys.LoadOrCreate("customs.example/ledger");
        using var loaded = keys.LoadOrCreate("ignored.example/other");

        Assert.Equal(created.Verifier.VerifierKey, loaded.Verifier.VerifierKey);
        Assert.DoesNotContain("PRIVATE", created.ToString(), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keys.SignerPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(keys.SignerPath)!));
        }
    }

    [Fact]
    public void AfterARotationOldAndNewCheckpointsBothVerify()
    {
        using var folder = new TempFolder();
        var keys = KeyStore.ForLog(folder.Path);
        string oldNote;
        using (var old = keys.LoadOrCreate("customs.example/ledger"))
        {
            var text = new Checkpoint(old.Name, 1, MerkleHash.Leaf("a"u8)).ToNoteText();
            oldNote = new SignedNote(text, [old.Sign(text)]).ToString();
        }
        using var rotated = keys.Rotate();
        var newText = new Checkpoint(rotated.Name, 2, MerkleHash.Leaf("b"u8)).ToNoteText();
        var newNote = new SignedNote(newText, [rotated.Sign(newText)]).ToString();

        var verifier = new CheckpointVerifier(keys.Verifiers());
        Assert.Equal(2, keys.Verifiers().Count);
        Assert.Equal(1, verifier.Verify(oldNote).Checkpoint.Size);
        Assert.Equal(2, verifier.Verify(newNote).Checkpoint.Size);
        using var reloaded = keys.Load();
        Assert.Equal(rotated.KeyId, reloaded.KeyId);
    }
}
