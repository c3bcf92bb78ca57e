namespace OpenCts.Storage.Maintenance;

/// <summary>What a backend wrote when it copied its database: the files, and the ledger and message counts of the copy itself.</summary>
/// <param name="Files">The files written, relative to the backup folder.</param>
/// <param name="Ledger">The ledger's tree in the copy.</param>
/// <param name="PendingLeaves">Leaves journaled in the copy but not yet sequenced into the tree.</param>
/// <param name="Messages">Raw messages stored in the copy.</param>
public sealed record DatabaseCopy(IReadOnlyList<string> Files, LedgerHead Ledger, long PendingLeaves, long Messages);
