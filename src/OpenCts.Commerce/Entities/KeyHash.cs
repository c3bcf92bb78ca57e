using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace OpenCts.Commerce.Entities;

/// <summary>64-bit hashes of normalised keys, so the index keeps eight bytes per key instead of a string.</summary>
/// <remarks>
/// <para>
/// At a few million keys the chance of two distinct keys sharing a 64-bit hash is about 10^-7, far below the
/// error of the matching itself. Each key kind gets its own tag so that an e-mail never meets a phone.
/// </para>
/// <para>
/// XXH3 over the key's UTF-16 code units, the tag as its seed; a key of several parts hashes each part with the hash
/// of the parts before as its seed, and since XXH3 mixes in each part's length, "AB" then "C" differs from "A" then
/// "BC". Until the nineteenth round this was FNV-1a, a multiplication for each byte one after the other: hashing the
/// keys of every party was about 1.7 % of the processor time of assessing a million consignments. The hashes live in
/// memory and in the indicators' checkpoint, which another build never reads, so changing the function moves nothing.
/// </para>
/// </remarks>
internal static class KeyHash
{
    public static long Of(char tag, ReadOnlySpan<char> key) => (long)Hash(key, tag);

    public static long Of(char tag, ReadOnlySpan<char> first, ReadOnlySpan<char> second) =>
        (long)Hash(second, (long)Hash(first, tag));

    public static long Of(char tag, ReadOnlySpan<char> first, ReadOnlySpan<char> second, ReadOnlySpan<char> third) =>
        (long)Hash(third, (long)Hash(second, (long)Hash(first, tag)));

    private static ulong Hash(ReadOnlySpan<char> text, long seed) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text), seed);
}
