using OpenCts.Ledger.Checkpoints;

namespace OpenCts.Ledger.Storage;

/// <summary>The stored ledger as the audit reads it: the tree, its leaves, their stored hashes and the latest checkpoint.</summary>
/// <remarks>
/// <see cref="LedgerReader"/> reads it from the SQLite file; another database keeps the same tables and reads them the
/// same way, so one <see cref="Audit.LedgerAuditor"/> checks every backend.
/// </remarks>
public interface ILedgerView : IDisposable
{
    /// <summary>The current tree size and root hash (leaves sequenced, whether checkpointed or not).</summary>
    (long Size, byte[] Root) Tree();

    /// <summary>The most recent stored checkpoint, with whatever cosignatures it has gathered.</summary>
    SignedCheckpoint? LatestCheckpoint();

    /// <summary>The root hash of the tree at <paramref name="size"/> leaves, from the stored node hashes.</summary>
    byte[] RootAt(long size);

    /// <summary>Streams the leaves [<paramref name="start"/>, <paramref name="end"/>) in index order.</summary>
    IEnumerable<LeafRow> Leaves(long start, long end);

    /// <summary>The stored leaf hash of every leaf in [<paramref name="start"/>, <paramref name="end"/>), in order.</summary>
    IEnumerable<(long Index, byte[] Hash)> LeafHashes(long start, long end);

    /// <summary>For each record logged more than once, the index of its latest leaf.</summary>
    IReadOnlyDictionary<(string Kind, string Id), long> LatestOfRepeatedRecords();
}
