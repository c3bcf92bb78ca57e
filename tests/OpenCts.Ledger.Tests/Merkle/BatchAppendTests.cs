using System.Security.Cryptography;
using OpenCts.Ledger.Merkle;

namespace OpenCts.Ledger.Tests.Merkle;

public sealed class BatchAppendTests
{
    private static byte[] LeafHash(long i) => MerkleHash.Leaf(BitConverter.GetBytes(i));

    [Fact]
    public void Appending_a_batch_level_by_level_gives_the_same_nodes_frontier_and_root_as_appending_leaf_by_leaf()
    {
        var random = new Random(15);
        var one = new CompactRange();
        var batched = new CompactRange();
        var expected = new Dictionary<NodeId, byte[]>();
        var written = new Dictionary<NodeId, byte[]>();
        long next = 0;
        // Sizes straddle every alignment, and the large ones cross the threshold where levels are hashed in parallel.
        foreach (var count in new[] { 1, 1, 2, 3, 7, 8, 1, 255, 256, 1000, 5000, 4096, 1, 9000, 17 }
            .Concat(Enumerable.Range(0, 30).Select(_ => random.Next(1, 70))))
        {
            var hashes = new byte[count * MerkleHash.Size];
            for (var i = 0; i < count; i++)
            {
                var leaf = LeafHash(next + i);
                leaf.CopyTo(hashes, i * MerkleHash.Size);
                one.Append(leaf, (node, hash) => expected.Add(node, hash));
            }
            // Every other batch brings its inner nodes hashed beforehand, as LedgerLog.AppendAsync does.
            var inner = count % 2 == 0 ? CompactRange.InnerNodes(next, hashes, count) : null;
            batched.AppendBatch(hashes, count, inner, (level, first, run, nodes) =>
            {
                Assert.Equal(nodes * MerkleHash.Size, run.Length);
                for (var k = 0; k < nodes; k++)
                {
                    written.Add(new NodeId(level, first + k), run.AsSpan(k * MerkleHash.Size, MerkleHash.Size).ToArray());
                }
            });
            next += count;

            Assert.Equal(one.Size, batched.Size);
            Assert.Equal(one.Root(), batched.Root());
            Assert.Equal(expected.Count, written.Count);
        }
        foreach (var (node, hash) in expected)
        {
            Assert.Equal(hash, written[node]);
        }
    }

    [Fact]
    public void Inner_nodes_hashed_for_another_start_are_refused()
    {
        var range = new CompactRange();
        var hashes = new byte[8 * MerkleHash.Size];
        range.AppendBatch(hashes, 3, static (_, _, _, _) => { });
        Assert.Throws<ArgumentException>(() => range.AppendBatch(hashes, 8, CompactRange.InnerNodes(0, hashes, 8), static (_, _, _, _) => { }));
    }

    [Fact]
    public void A_batch_appended_to_a_reloaded_frontier_continues_the_same_tree()
    {
        var memory = new MemoryTree();
        for (var i = 0; i < 12_345; i++)
        {
            memory.AppendLeafHash(LeafHash(i));
        }
        var range = CompactRange.Load(12_345, memory);
        var hashes = new byte[6_000 * MerkleHash.Size];
        for (var i = 0; i < 6_000; i++)
        {
            var leaf = LeafHash(12_345 + i);
            leaf.CopyTo(hashes, i * MerkleHash.Size);
            memory.AppendLeafHash(leaf);
        }
        range.AppendBatch(hashes, 6_000, static (_, _, _, _) => { });

        Assert.Equal(memory.Root(), range.Root());
        Assert.NotEqual(RandomNumberGenerator.GetBytes(32), range.Root());
    }
}
