using System.Diagnostics;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Storage;

namespace OpenCts.Cli.Ledger;

/// <summary>Times inclusion proofs of random leaves the same way for every ledger backend <c>cts bench ledger</c> measures.</summary>
internal static class ProofTiming
{
    /// <summary>Microseconds per inclusion proof of <paramref name="count"/> random leaves of the tree of <paramref name="size"/> leaves, and the leaves timed.</summary>
    /// <param name="prove">The ledger's inclusion proof of (leaf index, tree size).</param>
    /// <param name="leaf">The stored leaf of an index, to check a sample of the proofs outside the timing.</param>
    /// <param name="root">The root of the tree of <paramref name="size"/> leaves.</param>
    /// <param name="size">The tree size the proofs are made at.</param>
    /// <param name="count">How many proofs to time.</param>
    public static (double Microseconds, long[] Indexes) Measure(Func<long, long, byte[][]> prove, Func<long, LeafRow> leaf, byte[] root, long size, int count)
    {
        var random = new Random(2024);
        var indexes = Enumerable.Range(0, count).Select(_ => random.NextInt64(size)).ToArray();
        // One untimed pass over every timed leaf first, as the bounds make over theirs: at 10 M leaves the tile rows are
        // spread over 1.9 GB, and the first touch of each row's page in a process's mapping (about 20 µs here) would
        // otherwise be charged to whichever of the three measures ran first.
        for (var i = 0; i < count; i++)
        {
            prove(indexes[i], size);
        }
        // Only the sampled proofs are kept for the check below: keeping all of them (20,000 proofs of about 1.3 KB) made
        // the collector copy them from generation to generation inside the timing, a cost of this harness and not of
        // the ledger, which keeps nothing of a proof it has returned.
        var sample = Math.Max(1, count / 200);
        var proofs = new byte[count][][];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var proof = prove(indexes[i], size);
            if (i % sample == 0)
            {
                proofs[i] = proof;
            }
        }
        var microseconds = watch.Elapsed.TotalMicroseconds / count;

        // Every timed proof must be a real one: check a sample against the root outside the timing.
        for (var i = 0; i < count; i += sample)
        {
            MerkleVerifier.VerifyInclusion(indexes[i], size, leaf(indexes[i]).Entry.LeafHash(), proofs[i], root);
        }
        return (microseconds, indexes);
    }
}
