using System.Security.Cryptography;
using OpenCts.Ledger.Merkle;

namespace OpenCts.Ledger.Storage;

/// <summary>The leaves of one sequencing batch, with salts, commitments and leaf hashes packed 32 bytes each.</summary>
/// <remarks>
/// Packing keeps the hot path free of per-leaf arrays, lets the writer hand each column to SQLite as one blob, and lets
/// the hashing, which depends on nothing but the leaf itself, run on every core before the ordered part begins.
/// </remarks>
internal sealed class LeafBatch
{
    private const int Size = MerkleHash.Size;
    private const int ParallelChunk = 512;

    private LeafBatch(int count)
    {
        Count = count;
        Kinds = new string[count];
        Ids = new string[count];
        Salts = new byte[count * Size];
        Commitments = new byte[count * Size];
        LeafHashes = new byte[count * Size];
    }

    public int Count { get; }

    public string[] Kinds { get; }

    public string[] Ids { get; }

    public byte[] Salts { get; }

    public byte[] Commitments { get; }

    public byte[] LeafHashes { get; }

    /// <summary>The leaf index this batch's <see cref="Inner"/> nodes were hashed for, or -1.</summary>
    public long InnerStart { get; private set; } = -1;

    /// <summary>The batch's nodes that need no frontier (see <see cref="CompactRange.InnerNodes"/>), or null.</summary>
    public List<(long First, byte[] Hashes)>? Inner { get; private set; }

    /// <summary>Hashes the nodes that lie wholly inside this batch if it is appended at leaf <paramref name="start"/>, so that the sequencer's turn hashes only the few that straddle the frontier.</summary>
    public void HashInnerNodes(long start)
    {
        Inner = CompactRange.InnerNodes(start, LeafHashes, Count);
        InnerStart = start;
    }

    /// <summary>Salts (fresh, from the system CSPRNG), commits and hashes new records.</summary>
    public static LeafBatch FromRecords(IReadOnlyList<LedgerRecord> records) => FromRecords(records, 0, records.Count, parallel: true);

    /// <summary>Salts, commits and hashes <paramref name="count"/> records from <paramref name="start"/>, on every core if <paramref name="parallel"/>.</summary>
    public static LeafBatch FromRecords(IReadOnlyList<LedgerRecord> records, int start, int count, bool parallel)
    {
        var batch = new LeafBatch(count);
        RandomNumberGenerator.Fill(batch.Salts);
        ForEachChunk(parallel ? batch.Count : 0, batch.Count, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                var record = records[start + i];
                batch.Kinds[i] = record.Kind;
                batch.Ids[i] = record.Id;
                var commitment = batch.Commitments.AsSpan(i * Size, Size);
                LedgerEntry.Commit(batch.Salts.AsSpan(i * Size, Size), record.Bytes.Span, commitment);
                LedgerEntry.WriteLeafHash(record.Kind, record.Id, commitment, batch.LeafHashes.AsSpan(i * Size, Size));
            }
        });
        return batch;
    }

    /// <summary>Hashes pending rows that were already salted and committed when they were enqueued.</summary>
    public static LeafBatch FromPending(IReadOnlyList<(string Kind, string Id, byte[] Salt, byte[] Commitment)> rows)
    {
        var batch = new LeafBatch(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (kind, id, salt, commitment) = rows[i];
            if (salt.Length != Size || commitment.Length != Size)
            {
                throw new InvalidOperationException($"pending leaf {kind}:{id} has a salt or commitment that is not {Size} bytes");
            }
            batch.Kinds[i] = kind;
            batch.Ids[i] = id;
            salt.CopyTo(batch.Salts, i * Size);
            commitment.CopyTo(batch.Commitments, i * Size);
        }
        ForEachChunk(batch.Count, batch.Count, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                LedgerEntry.WriteLeafHash(batch.Kinds[i], batch.Ids[i], batch.Commitments.AsSpan(i * Size, Size), batch.LeafHashes.AsSpan(i * Size, Size));
            }
        });
        return batch;
    }

    // Splits [0, count) across cores when parallelCount is large enough; 0 keeps it on the calling thread.
    private static void ForEachChunk(int parallelCount, int count, Action<int, int> work)
    {
        if (parallelCount >= 2 * ParallelChunk && Environment.ProcessorCount > 1)
        {
            Parallel.For(0, (count + ParallelChunk - 1) / ParallelChunk, c => work(c * ParallelChunk, Math.Min(count, (c + 1) * ParallelChunk)));
        }
        else
        {
            work(0, count);
        }
    }
}
