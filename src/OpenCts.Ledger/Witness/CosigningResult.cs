using OpenCts.Ledger.Checkpoints;

namespace OpenCts.Ledger.Witness;

/// <summary>The checkpoint with the cosignatures gathered, how many, whether the quorum is met, and why the others failed.</summary>
public sealed record CosigningResult(SignedCheckpoint Checkpoint, int Cosignatures, bool IsFinal, IReadOnlyList<string> Failures);
