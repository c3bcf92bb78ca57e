using System.Security.Cryptography;

namespace OpenCts.Ledger.Merkle;

/// <summary>SHA-256 through OpenSSL's plain digest functions where the process has them (<see cref="NativeSha256"/>), otherwise through one hash object per thread, reset after each hash rather than made anew.</summary>
/// <remarks>
/// The ledger hashes three short inputs per leaf (the salted record, the leaf, about one node). A one-shot
/// <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/> creates and frees an OpenSSL digest context per call,
/// which cost more than hashing a 65-byte node; a kept context is only updated and finished. The object is the
/// thread's own, so no hash can see another's data.
/// </remarks>
internal static class ThreadSha256
{
    [ThreadStatic]
    private static IncrementalHash? _hash;

    private static IncrementalHash Hash => _hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>SHA-256(<paramref name="data"/>) into <paramref name="destination"/>.</summary>
    public static void HashData(ReadOnlySpan<byte> data, Span<byte> destination) => HashData(data, [], destination);

    /// <summary>SHA-256(<paramref name="first"/> || <paramref name="second"/>) into <paramref name="destination"/>, without copying them together.</summary>
    public static void HashData(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        if (NativeSha256.Available)
        {
            if (!NativeSha256.TryHash(first, second, destination))
            {
                throw new CryptographicException("OpenSSL's SHA-256 reported a failure");
            }
            return;
        }
        var hash = Hash;
        try
        {
            hash.AppendData(first);
            if (!second.IsEmpty)
            {
                hash.AppendData(second);
            }
            if (hash.GetHashAndReset(destination) != MerkleHash.Size)
            {
                throw new CryptographicException("SHA-256 gave a hash that is not 32 bytes");
            }
        }
        catch
        {
            // A hash that failed half-way may hold data: the thread's next hash starts from a new object.
            _hash = null;
            hash.Dispose();
            throw;
        }
    }
}
