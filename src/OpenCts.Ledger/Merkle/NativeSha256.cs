using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace OpenCts.Ledger.Merkle;

/// <summary>
/// SHA-256 through OpenSSL's plain digest functions (<c>SHA256_Init</c>, <c>SHA256_Update</c>, <c>SHA256_Final</c>) with
/// the context on the stack, where the process has them: on Linux, the <c>libcrypto</c> that .NET itself uses.
/// </summary>
/// <remarks>
/// <para>
/// The ledger hashes three short inputs per leaf. Through <see cref="IncrementalHash"/> each hash is three calls into
/// .NET's OpenSSL shim, and each of those clears OpenSSL's thread error queue and takes and releases a safe handle:
/// <c>perf</c> of <c>cts bench ledger</c> put <c>ERR_clear_error</c>, <c>CRYPTO_free</c> and the handles at a quarter of
/// the hashing thread's time, more than the compression function. These functions do the same digest (the same
/// SHA-NI or AVX2 code inside OpenSSL) with nothing around it.
/// </para>
/// <para>
/// They are deprecated in OpenSSL 3 but exported by every 1.1 and 3.x build. Where they cannot be found, or where
/// they do not give the FIPS 180-2 digest of "abc" when first loaded, <see cref="Available"/> is false and the
/// ledger hashes through <see cref="IncrementalHash"/> as before. Short inputs skip the runtime's GC transition: a
/// call then holds off a collection until it returns, which is only right for calls of a few microseconds at most.
/// </para>
/// </remarks>
internal static unsafe class NativeSha256
{
    /// <summary>Inputs up to this size are hashed without the GC transition (at most about 2.5 µs of work at 1.7 GB/s).</summary>
    private const int ShortInput = 4096;

    /// <summary>At least <c>sizeof(SHA256_CTX)</c>, 112 bytes in every OpenSSL build.</summary>
    private const int ContextBytes = 128;

    private static readonly delegate* unmanaged[SuppressGCTransition]<byte*, int> s_init;
    private static readonly delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int> s_updateShort;
    private static readonly delegate* unmanaged<byte*, byte*, nuint, int> s_updateLong;
    private static readonly delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int> s_final;

#pragma warning disable CA1810 // The library is probed once, and every field depends on that one probe.
    static NativeSha256()
#pragma warning restore CA1810
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("OPENCTS_MANAGED_SHA256") == "1")
        {
            return;
        }
        if (!NativeLibrary.TryLoad("libcrypto.so.3", out var library) && !NativeLibrary.TryLoad("libcrypto.so.1.1", out library))
        {
            return;
        }
        if (!NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
            || !NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
            || !NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
        {
            return;
        }
        s_init = (delegate* unmanaged[SuppressGCTransition]<byte*, int>)init;
        s_updateShort = (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int>)update;
        s_updateLong = (delegate* unmanaged<byte*, byte*, nuint, int>)update;
        s_final = (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int>)final;
        Span<byte> digest = stackalloc byte[32];
        Available = TryHash("abc"u8, [], digest) && digest.SequenceEqual(Abc);
    }

    /// <summary>Whether the native functions were found and gave the right digest.</summary>
    public static bool Available { get; }

    /// <summary>SHA-256 of "abc" (FIPS 180-2, appendix B.1).</summary>
    private static ReadOnlySpan<byte> Abc =>
    [
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
        0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
    ];

    /// <summary>SHA-256(<paramref name="first"/> || <paramref name="second"/>) into the first 32 bytes of <paramref name="destination"/>; false if OpenSSL reported a failure.</summary>
    public static bool TryHash(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        if (destination.Length < MerkleHash.Size)
        {
            throw new ArgumentException($"a SHA-256 digest needs {MerkleHash.Size} bytes", nameof(destination));
        }
        var context = stackalloc byte[ContextBytes];
        fixed (byte* a = first, b = second, output = destination)
        {
            return s_init(context) == 1
                && Update(context, a, first.Length)
                && Update(context, b, second.Length)
                && s_final(output, context) == 1;
        }
    }

    private static bool Update(byte* context, byte* data, int length) =>
        length == 0 || (length <= ShortInput ? s_updateShort(context, data, (nuint)length) : s_updateLong(context, data, (nuint)length)) == 1;
}
