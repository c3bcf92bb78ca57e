namespace OpenCts.Ledger.Storage;

/// <summary>A sequenced leaf as stored: index, record, salt (null once erased) and commitment.</summary>
public sealed record LeafRow(long Index, string RecordKind, string RecordId, byte[]? Salt, byte[] Commitment, bool Erased)
{
    /// <summary>The leaf data.</summary>
    public LedgerEntry Entry => new(RecordKind, RecordId, Commitment);
}
