using OpenCts.Ledger.Notes;

namespace OpenCts.Ledger.Checkpoints;

/// <summary>A checkpoint whose log signature verified, with the distinct witnesses whose cosignatures verified.</summary>
public sealed record VerifiedCheckpoint(SignedCheckpoint Signed, IReadOnlyList<VerifiedSignature> Cosignatures)
{
    /// <summary>The checkpoint itself.</summary>
    public Checkpoint Checkpoint => Signed.Checkpoint;
}
