using OpenCts.Ledger.Merkle;

namespace OpenCts.Ledger.Tests.Merkle;

/// <summary>
/// Known answers for the RFC 6962 / RFC 9162 hashes, written out by hand so that they do not come from the code under test.
/// </summary>
/// <remarks>
/// The eight leaves and their tree heads are the certificate-transparency reference test tree (also in transparency-dev/merkle's
/// testonly data); the values were checked once with Python's hashlib, apart from this code base.
/// </remarks>
public sealed class MerkleHashKnownAnswerTests
{
    private static readonly string[] Leaves =
    [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ];

    /// <summary>MTH(D[n]) for n = 0 to 8; n = 0 is the empty tree, SHA-256 of the empty string.</summary>
    private static readonly string[] Roots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void TheEmptyTreeHashesAsSha256OfTheEmptyString()
    {
        Assert.Equal(Roots[0], Hex(MerkleHash.EmptyRoot));
        Assert.Equal(Roots[0], Hex(new MemoryTree().Root()));
    }

    [Theory]
    [InlineData("", "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")]
    [InlineData("00", "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7")]
    public void ALeafHashesAsSha256OfZeroThenTheLeaf(string leaf, string expected)
    {
        Assert.Equal(expected, Hex(MerkleHash.Leaf(Convert.FromHexString(leaf))));
    }

    [Fact]
    public void ALeafLongerThanTheStackBufferHashesTheSame()
    {
        // SHA-256(0x00 || 1,000 × 'a'): the incremental path, past the 512-byte stack buffer.
        var leaf = Enumerable.Repeat((byte)'a', 1000).ToArray();
        Assert.Equal("7489c42b058d685ce40b6514d41ca13c8ff13a6347d5d2b44ad97fd485290f39", Hex(MerkleHash.Leaf(leaf)));
    }

    [Fact]
    public void ANodeHashesAsSha256OfOneThenLeftThenRight()
    {
        var left = Convert.FromHexString("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        var right = Convert.FromHexString("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7");
        Assert.Equal(Roots[2], Hex(MerkleHash.Node(left, right)));
        // Written over its own left input, as the compact range does.
        MerkleHash.Node(left, right, left);
        Assert.Equal(Roots[2], Hex(left));
    }

    [Fact]
    public void TheReferenceTreeHasThePublishedRootAtEverySize()
    {
        var tree = new MemoryTree();
        for (var n = 1; n <= Leaves.Length; n++)
        {
            tree.Append(Convert.FromHexString(Leaves[n - 1]));
            Assert.Equal(Roots[n], Hex(tree.Root()));
        }
        for (var n = 1; n <= Leaves.Length; n++)
        {
            Assert.Equal(Roots[n], Hex(tree.RootAt(n)));
        }
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
