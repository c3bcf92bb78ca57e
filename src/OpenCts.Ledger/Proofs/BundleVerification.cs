using OpenCts.Ledger.Checkpoints;

namespace OpenCts.Ledger.Proofs;

/// <summary>The outcome of checking a proof bundle: valid, or the first check that failed.</summary>
public sealed record BundleVerification(bool IsValid, string? Failure, VerifiedCheckpoint? Checkpoint)
{
    internal static BundleVerification Fail(string failure, VerifiedCheckpoint? checkpoint = null) => new(false, failure, checkpoint);
}
