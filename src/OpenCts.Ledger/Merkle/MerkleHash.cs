using System.Security.Cryptography;

namespace OpenCts.Ledger.Merkle;

/// <summary>The RFC 9162 hashes of a Merkle tree over SHA-256: leaf, interior node and empty tree.</summary>
/// <remarks>The 0x00 and 0x01 prefixes keep a leaf from ever being mistaken for an interior node (second-preimage resistance).</remarks>
public static class MerkleHash
{
    /// <summary>Size of every hash in the tree, in bytes.</summary>
    public const int Size = 32;

    /// <summary>The root of the empty tree, SHA-256 of the empty string.</summary>
    public static byte[] EmptyRoot { get; } = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>SHA-256(0x00 || leaf).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> leaf)
    {
        var hash = new byte[Size];
        Leaf(leaf, hash);
        return hash;
    }

    /// <summary>SHA-256(0x00 || leaf) written into <paramref name="destination"/>.</summary>
    public static void Leaf(ReadOnlySpan<byte> leaf, Span<byte> destination)
    {
        if (leaf.Length <= 512)
        {
            Span<byte> buffer = stackalloc byte[leaf.Length + 1];
            buffer[0] = 0x00;
            leaf.CopyTo(buffer[1..]);
            ThreadSha256.HashData(buffer, destination);
            return;
        }
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x00]);
        sha.AppendData(leaf);
        sha.GetHashAndReset(destination);
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[Size];
        Node(left, right, hash);
        return hash;
    }

    /// <summary>SHA-256(0x01 || left || right) written into <paramref name="destination"/>, which may alias either input.</summary>
    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + 2 * Size];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        ThreadSha256.HashData(buffer, destination);
    }
}
