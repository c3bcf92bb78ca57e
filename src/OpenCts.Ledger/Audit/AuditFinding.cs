namespace OpenCts.Ledger.Audit;

/// <summary>What the audit found wrong (or notable) about one leaf.</summary>
public enum AuditFindingKind
{
    /// <summary>The record's bytes no longer match the commitment logged for it.</summary>
    RecordAltered,

    /// <summary>The record is gone although it was never erased under a retention rule.</summary>
    RecordDeleted,

    /// <summary>The ledger row itself was edited: it no longer hashes to the stored leaf hash.</summary>
    LeafAltered,

    /// <summary>A leaf index has no ledger row.</summary>
    LeafMissing,

    /// <summary>The record was erased under a retention rule; its leaf stays (information, not tampering).</summary>
    RecordErased,

    /// <summary>No reader for this kind of record was given, so its bytes were not compared (information).</summary>
    RecordUnchecked,

    /// <summary>The record was purged under a retention rule, and a journaled tombstone in the tree says so (information, not tampering).</summary>
    RecordPurged,
}

/// <summary>One finding of the audit, naming the leaf and the record.</summary>
public sealed record AuditFinding(long LeafIndex, string RecordKind, string RecordId, AuditFindingKind Kind, string Detail)
{
    /// <summary>True for findings that show tampering or loss, false for information.</summary>
    public bool IsProblem => Kind is not (AuditFindingKind.RecordErased or AuditFindingKind.RecordUnchecked or AuditFindingKind.RecordPurged);
}
