using System.Security.Cryptography;
using CsCheck;
using OpenCts.Ledger.Merkle;

namespace OpenCts.Ledger.Tests.Merkle;

public sealed class TreePropertyTests
{
    // RFC 9162 section 2.1.1 written as plainly as possible, to check the incremental tree against.
    private static byte[] ReferenceRoot(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 0)
        {
            return SHA256.HashData([]);
        }
        if (count == 1)
        {
            return MerkleHash.Leaf(leaves[start]);
        }
        var k = 1;
        while (k * 2 < count)
        {
            k *= 2;
        }
        return MerkleHash.Node(ReferenceRoot(leaves, start, k), ReferenceRoot(leaves, start + k, count - k));
    }

    private static MemoryTree TreeOf(IReadOnlyList<byte[]> leaves)
    {
        var tree = new MemoryTree();
        foreach (var leaf in leaves)
        {
            tree.Append(leaf);
        }
        return tree;
    }

    private static readonly Gen<byte[][]> Leaves = Gen.Byte.Array[0, 40].Array[1, 300];

    [Fact]
    public void TheIncrementalRootEqualsTheRfcDefinitionAtEverySize()
    {
        Leaves.Sample(leaves =>
        {
            var tree = TreeOf(leaves);
            for (var size = 0; size <= leaves.Length; size += 1 + size / 7)
            {
                Assert.Equal(ReferenceRoot(leaves, 0, size), tree.RootAt(size));
            }
            Assert.Equal(ReferenceRoot(leaves, 0, leaves.Length), tree.Root());
        }, iter: 60);
    }

    [Fact]
    public void EveryInclusionProofVerifiesAndFailsForAnotherLeaf()
    {
        Gen.Select(Leaves, Gen.Int, Gen.Int).Sample((leaves, a, b) =>
        {
            var tree = TreeOf(leaves);
            var size = 1 + (int)((uint)a % leaves.Length);
            var index = (int)((uint)b % size);
            var proof = tree.InclusionProof(index, size);
            var root = tree.RootAt(size);
            MerkleVerifier.VerifyInclusion(index, size, MerkleHash.Leaf(leaves[index]), proof, root);
            Assert.False(MerkleVerifier.IsValidInclusion(index, size, MerkleHash.Leaf([.. leaves[index], 1]), proof, root));
            // With two equal leaves the proof of one is, rightly, a proof of the other: the check needs distinct leaves.
            if (size > 1 && leaves.Take(size).Select(Convert.ToHexString).Distinct().Count() == size)
            {
                Assert.False(MerkleVerifier.IsValidInclusion((index + 1) % size, size, MerkleHash.Leaf(leaves[index]), proof, root));
            }
        }, iter: 200);
    }

    [Fact]
    public void EveryConsistencyProofVerifiesAndARewrittenPrefixIsRefused()
    {
        Gen.Select(Leaves, Gen.Int, Gen.Int).Sample((leaves, a, b) =>
        {
            var tree = TreeOf(leaves);
            var size2 = 1 + (int)((uint)a % leaves.Length);
            var size1 = 1 + (int)((uint)b % size2);
            var proof = tree.ConsistencyProof(size1, size2);
            MerkleVerifier.VerifyConsistency(size1, size2, proof, tree.RootAt(size1), tree.RootAt(size2));

            var forked = leaves.ToArray();
            forked[size1 - 1] = [.. forked[size1 - 1], 7];
            var fork = TreeOf(forked);
            if (size1 < size2)
            {
                Assert.False(MerkleVerifier.IsValidConsistency(size1, size2, fork.ConsistencyProof(size1, size2), tree.RootAt(size1), fork.RootAt(size2)));
            }
        }, iter: 200);
    }
}
