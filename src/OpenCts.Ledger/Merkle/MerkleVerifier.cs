namespace OpenCts.Ledger.Merkle;

/// <summary>Verifies RFC 9162 inclusion (section 2.1.3.2) and consistency (section 2.1.4.2) proofs.</summary>
/// <remarks>The verifiers need no tree, only hashes: this is what a partner runs offline against a signed checkpoint.</remarks>
public static class MerkleVerifier
{
    /// <summary>Checks that <paramref name="leafHash"/> is leaf <paramref name="index"/> of the tree of <paramref name="size"/> leaves with <paramref name="root"/>.</summary>
    /// <exception cref="MerkleProofException">The proof does not verify.</exception>
    public static void VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || size <= 0 || index >= size)
        {
            throw new MerkleProofException($"leaf index {index} is outside a tree of size {size}");
        }
        RequireHash(leafHash, "leaf hash");
        RequireHash(root, "root hash");
        var computed = RootFromInclusionProof(index, size, leafHash, proof);
        if (!computed.AsSpan().SequenceEqual(root))
        {
            throw new MerkleProofException("the inclusion proof leads to another root hash");
        }
    }

    /// <summary>True when <see cref="VerifyInclusion"/> would succeed.</summary>
    public static bool IsValidInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        try
        {
            VerifyInclusion(index, size, leafHash, proof, root);
            return true;
        }
        catch (MerkleProofException)
        {
            return false;
        }
    }

    /// <summary>The root that an inclusion proof implies for a leaf (RFC 9162 section 2.1.3.2, steps 2 to 5 without the final comparison).</summary>
    public static byte[] RootFromInclusionProof(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            RequireHash(p, "proof hash");
            if (sn == 0)
            {
                throw new MerkleProofException("the inclusion proof is longer than the tree is high");
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(p, r, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                MerkleHash.Node(r, p, r);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0)
        {
            throw new MerkleProofException("the inclusion proof is shorter than the tree is high");
        }
        return r;
    }

    /// <summary>Checks that the tree of <paramref name="size2"/> leaves with <paramref name="root2"/> extends the tree of <paramref name="size1"/> leaves with <paramref name="root1"/>.</summary>
    /// <remarks>A proof from the empty tree is refused: it proves nothing, and a witness never needs one.</remarks>
    /// <exception cref="MerkleProofException">The proof does not verify.</exception>
    public static void VerifyConsistency(long size1, long size2, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (size1 < 0 || size2 < size1)
        {
            throw new MerkleProofException($"size {size2} cannot extend size {size1}");
        }
        if (size1 == 0)
        {
            throw new MerkleProofException("a consistency proof from the empty tree proves nothing");
        }
        if (size1 == size2)
        {
            if (proof.Count != 0)
            {
                throw new MerkleProofException("trees of equal size need an empty consistency proof");
            }
            if (!root1.SequenceEqual(root2))
            {
                throw new MerkleProofException("trees of equal size have different root hashes");
            }
            return;
        }
        if (proof.Count == 0)
        {
            throw new MerkleProofException("the consistency proof is empty");
        }
        RequireHash(root1, "first root hash");
        RequireHash(root2, "second root hash");
        foreach (var p in proof)
        {
            RequireHash(p, "proof hash");
        }

        // RFC 9162 section 2.1.4.2: when the old tree is a complete subtree its root is the first path element.
        var path = new List<byte[]>(proof.Count + 1);
        if ((size1 & (size1 - 1)) == 0)
        {
            path.Add(root1.ToArray());
        }
        path.AddRange(proof);

        var fn = size1 - 1;
        var sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = (byte[])path[0].Clone();
        var sr = (byte[])path[0].Clone();
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                throw new MerkleProofException("the consistency proof is longer than the tree is high");
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(c, fr, fr);
                MerkleHash.Node(c, sr, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                MerkleHash.Node(sr, c, sr);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0)
        {
            throw new MerkleProofException("the consistency proof is shorter than the tree is high");
        }
        if (!fr.AsSpan().SequenceEqual(root1))
        {
            throw new MerkleProofException("the consistency proof does not lead to the first root hash");
        }
        if (!sr.AsSpan().SequenceEqual(root2))
        {
            throw new MerkleProofException("the consistency proof does not lead to the second root hash");
        }
    }

    /// <summary>True when <see cref="VerifyConsistency"/> would succeed.</summary>
    public static bool IsValidConsistency(long size1, long size2, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        try
        {
            VerifyConsistency(size1, size2, proof, root1, root2);
            return true;
        }
        catch (MerkleProofException)
        {
            return false;
        }
    }

    private static void RequireHash(ReadOnlySpan<byte> hash, string what)
    {
        if (hash.Length != MerkleHash.Size)
        {
            throw new MerkleProofException($"the {what} has {hash.Length} bytes, not {MerkleHash.Size}");
        }
    }
}
