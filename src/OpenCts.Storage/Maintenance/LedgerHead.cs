namespace OpenCts.Storage.Maintenance;

/// <summary>The size and root hash of the ledger's Merkle tree at one moment.</summary>
/// <param name="TreeSize">Leaves sequenced into the tree.</param>
/// <param name="RootHash">The RFC 9162 root hash of those leaves (32 bytes).</param>
public sealed record LedgerHead(long TreeSize, byte[] RootHash)
{
    /// <summary>The root hash in base64, as checkpoints and the manifest write it.</summary>
    public string RootBase64 => Convert.ToBase64String(RootHash);

    /// <summary>Whether two heads name the same tree.</summary>
    public bool SameTreeAs(LedgerHead other) => other is not null && TreeSize == other.TreeSize && RootHash.AsSpan().SequenceEqual(other.RootHash);
}
