using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Storage;

namespace OpenCts.Ledger.Audit;

/// <summary>Recomputes every leaf from the stored records and the tree from the leaves, and checks them against the latest checkpoint.</summary>
/// <remarks>
/// A record whose bytes changed fails its commitment; a ledger row edited to match it fails its stored leaf hash;
/// rewriting the stored hashes too changes the root, which no longer matches the signed checkpoint.
/// When one record was logged more than once (a new version under the same id), only its latest leaf is compared with its current bytes.
/// </remarks>
public sealed class LedgerAuditor
{
    private readonly Func<ILedgerView> _open;
    private readonly CheckpointVerifier? _checkpointVerifier;

    /// <summary>An auditor of the ledger kept in a SQLite file.</summary>
    public LedgerAuditor(string databasePath, CheckpointVerifier? checkpointVerifier)
        : this(() => LedgerReader.Open(databasePath), checkpointVerifier)
    {
    }

    /// <summary>An auditor of a ledger kept elsewhere: <paramref name="openLedger"/> opens a view of it for each audit, disposed after.</summary>
    public LedgerAuditor(Func<ILedgerView> openLedger, CheckpointVerifier? checkpointVerifier)
    {
        ArgumentNullException.ThrowIfNull(openLedger);
        _open = openLedger;
        _checkpointVerifier = checkpointVerifier;
    }

    /// <summary>Runs the audit; <paramref name="progress"/> receives the number of leaves checked so far.</summary>
    public AuditReport Audit(IRecordSource records, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var reader = _open();
        var checkpoint = reader.LatestCheckpoint();
        string? checkpointProblem = null;
        if (checkpoint is null)
        {
            checkpointProblem = "no checkpoint has been signed";
        }
        else if (_checkpointVerifier is not null)
        {
            try
            {
                _checkpointVerifier.Verify(checkpoint.ToString());
            }
            catch (Exception e) when (e is NoteFormatException or NoteVerificationException)
            {
                checkpointProblem = e.Message;
            }
        }
        var (treeSize, _) = reader.Tree();
        var checkpointSize = checkpoint?.Checkpoint.Size ?? 0;
        var latestOfRepeated = reader.LatestOfRepeatedRecords();
        var findings = new List<AuditFinding>();
        // Erased leaves wait for the end: their tombstones come later in the tree, and must be leaves of it.
        var purged = new List<(LeafRow Leaf, PurgeNotice Notice)>();
        var seen = new HashSet<(string Kind, string Id)>();
        var register = records as IPurgeRegister;
        var range = new CompactRange();
        byte[]? recomputedAtCheckpoint = checkpointSize == 0 ? MerkleHash.EmptyRoot : null;
        var checkedCount = 0L;

        using var hashes = reader.LeafHashes(0, treeSize).GetEnumerator();
        foreach (var leaf in reader.Leaves(0, treeSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            while (range.Size < leaf.Index)
            {
                findings.Add(new AuditFinding(range.Size, "", "", AuditFindingKind.LeafMissing, "no ledger row for this leaf index"));
                range.Append(MerkleHash.EmptyRoot, static (_, _) => { });
                NoteCheckpoint();
            }
            var leafHash = leaf.Entry.LeafHash();
            byte[]? stored = null;
            while (hashes.MoveNext())
            {
                if (hashes.Current.Index == leaf.Index)
                {
                    stored = hashes.Current.Hash;
                    break;
                }
                if (hashes.Current.Index > leaf.Index)
                {
                    break;
                }
            }
            if (stored is null || !stored.AsSpan().SequenceEqual(leafHash))
            {
                findings.Add(new AuditFinding(leaf.Index, leaf.RecordKind, leaf.RecordId, AuditFindingKind.LeafAltered,
                    "the ledger row no longer hashes to the stored leaf hash"));
            }
            if (register is not null)
            {
                seen.Add((leaf.RecordKind, leaf.RecordId));
            }
            if (leaf.Erased && register is not null)
            {
                if (register.PurgeOf(leaf.RecordKind, leaf.RecordId) is { } notice)
                {
                    purged.Add((leaf, notice));
                }
                else
                {
                    findings.Add(new AuditFinding(leaf.Index, leaf.RecordKind, leaf.RecordId, AuditFindingKind.RecordDeleted,
                        "the leaf's salt was erased but no purge tombstone names the record: deleted behind the store's back"));
                }
            }
            else
            {
                CheckRecord(leaf, records, latestOfRepeated, findings);
            }
            range.Append(leafHash, static (_, _) => { });
            NoteCheckpoint();
            if (++checkedCount % 10_000 == 0)
            {
                progress?.Report(checkedCount);
            }
        }
        while (range.Size < treeSize)
        {
            findings.Add(new AuditFinding(range.Size, "", "", AuditFindingKind.LeafMissing, "no ledger row for this leaf index"));
            range.Append(MerkleHash.EmptyRoot, static (_, _) => { });
            NoteCheckpoint();
        }
        progress?.Report(checkedCount);
        foreach (var (leaf, notice) in purged)
        {
            findings.Add(seen.Contains((notice.TombstoneKind, notice.TombstoneId))
                ? new AuditFinding(leaf.Index, leaf.RecordKind, leaf.RecordId, AuditFindingKind.RecordPurged,
                    $"purged under the rule \"{notice.Rule}\" at {notice.PurgedAt:O} ({notice.TombstoneKind}:{notice.TombstoneId})")
                : new AuditFinding(leaf.Index, leaf.RecordKind, leaf.RecordId, AuditFindingKind.RecordDeleted,
                    $"its purge tombstone {notice.TombstoneKind}:{notice.TombstoneId} is not a leaf of the tree (run cts ledger checkpoint after a purge; otherwise it was forged)"));
        }
        // In leaf order, keeping the order of the findings of one leaf.
        IReadOnlyList<AuditFinding> ordered = purged.Count == 0 ? findings : [.. findings.OrderBy(f => f.LeafIndex)];

        var treeMatches = checkpoint is not null && recomputedAtCheckpoint is not null
            && recomputedAtCheckpoint.AsSpan().SequenceEqual(checkpoint.Checkpoint.RootHash);
        var nodesMatch = checkpoint is not null && checkpointSize <= treeSize
            && StoredRoot(reader, checkpointSize).AsSpan().SequenceEqual(checkpoint.Checkpoint.RootHash);
        return new AuditReport(checkpoint, checkpointProblem, treeSize, checkedCount, treeMatches, nodesMatch, ordered);

        void NoteCheckpoint()
        {
            if (range.Size == checkpointSize)
            {
                recomputedAtCheckpoint = range.Root();
            }
        }
    }

    private static byte[] StoredRoot(ILedgerView reader, long size)
    {
        try
        {
            return reader.RootAt(size);
        }
        catch (InvalidOperationException)
        {
            return [];
        }
    }

    private static void CheckRecord(LeafRow leaf, IRecordSource records, IReadOnlyDictionary<(string Kind, string Id), long> latestOfRepeated, List<AuditFinding> findings)
    {
        if (leaf.Erased)
        {
            findings.Add(new AuditFinding(leaf.Index, leaf.RecordKind, leaf.RecordId, AuditFindingKind.RecordErased, "erased under a retention rule"));
            return;
        }
        if (latestOfRepeated.TryGetValue((leaf.RecordKind, leaf.RecordId), out var latest) && latest != leaf.Index)
        {
            return;
        }
        byte[]? bytes;
        try
        {
            bytes = records.Read(leaf.RecordKind, leaf.RecordId);
        }
        catch (UnreadableRecordKindException e)
        {
            findings.Add(new AuditFinding(leaf.Index, leaf.RecordKind, leaf.RecordId, AuditFindingKind.RecordUnchecked, e.Message));
            return;
        }
        if (bytes is null)
        {
            findings.Add(new AuditFinding(leaf.Index, leaf.RecordKind, leaf.RecordId, AuditFindingKind.RecordDeleted, "the record is gone"));
            return;
        }
        if (leaf.Salt is null || !LedgerEntry.Commit(leaf.Salt, bytes).AsSpan().SequenceEqual(leaf.Commitment))
        {
            findings.Add(new AuditFinding(leaf.Index, leaf.RecordKind, leaf.RecordId, AuditFindingKind.RecordAltered,
                "the record's bytes differ from those logged"));
        }
    }
}
