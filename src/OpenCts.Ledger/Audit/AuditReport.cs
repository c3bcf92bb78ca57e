using OpenCts.Ledger.Checkpoints;

namespace OpenCts.Ledger.Audit;

/// <summary>The result of an audit: the checkpoint checked against, what was recomputed, and every finding.</summary>
public sealed record AuditReport(
    SignedCheckpoint? Checkpoint,
    string? CheckpointProblem,
    long TreeSize,
    long LeavesChecked,
    bool TreeMatchesCheckpoint,
    bool StoredNodesMatchCheckpoint,
    IReadOnlyList<AuditFinding> Findings)
{
    /// <summary>True when nothing was altered or lost and the recomputed tree is the checkpointed one.</summary>
    public bool IsClean => CheckpointProblem is null && TreeMatchesCheckpoint && StoredNodesMatchCheckpoint && !Findings.Any(f => f.IsProblem);
}
