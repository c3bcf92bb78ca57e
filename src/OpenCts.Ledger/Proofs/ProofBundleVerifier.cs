using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Storage;

namespace OpenCts.Ledger.Proofs;

/// <summary>Checks a proof bundle against a record's bytes and a log's published keys, with no database and no network.</summary>
/// <remarks>This is what an importing administration runs on an exporting administration's bundle: the checkpoint verifier carries that log's keys and witness policy.</remarks>
public sealed class ProofBundleVerifier(CheckpointVerifier checkpoints)
{
    /// <summary>A verifier for a log's verifier keys and a k-of-n witness policy.</summary>
    public ProofBundleVerifier(IEnumerable<NoteVerifier> logKeys, IEnumerable<NoteVerifier>? witnessKeys = null, int witnessQuorum = 0)
        : this(new CheckpointVerifier(logKeys, witnessKeys, witnessQuorum))
    {
    }

    /// <summary>Checks that <paramref name="record"/> is the record the bundle proves, logged in a checkpoint that verifies.</summary>
    public BundleVerification Verify(ProofBundle bundle, ReadOnlySpan<byte> record)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        VerifiedCheckpoint checkpoint;
        try
        {
            checkpoint = checkpoints.Verify(bundle.Checkpoint);
        }
        catch (Exception e) when (e is NoteFormatException or NoteVerificationException)
        {
            return BundleVerification.Fail("checkpoint: " + e.Message);
        }
        if (bundle.Salt.Length != LedgerEntry.SaltSize)
        {
            return BundleVerification.Fail($"salt: {bundle.Salt.Length} bytes, not {LedgerEntry.SaltSize}", checkpoint);
        }
        if (!LedgerEntry.Commit(bundle.Salt, record).AsSpan().SequenceEqual(bundle.Commitment))
        {
            return BundleVerification.Fail("record: its bytes differ from the record that was logged", checkpoint);
        }
        var leafHash = new LedgerEntry(bundle.RecordKind, bundle.RecordId, bundle.Commitment).LeafHash();
        try
        {
            MerkleVerifier.VerifyInclusion(bundle.LeafIndex, checkpoint.Checkpoint.Size, leafHash, bundle.InclusionProof, checkpoint.Checkpoint.RootHash);
        }
        catch (MerkleProofException e)
        {
            return BundleVerification.Fail("inclusion proof: " + e.Message, checkpoint);
        }
        return new BundleVerification(true, null, checkpoint);
    }
}
