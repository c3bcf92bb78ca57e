namespace OpenCts.Commerce.Entities;

/// <summary>64-bit FNV-1a hashes of normalised keys, so the index keeps eight bytes per key instead of a string.</summary>
/// <remarks>
/// At a few million keys the chance of two distinct keys sharing a 64-bit hash is about 10^-7, far below the
/// error of the matching itself. Each key kind gets its own tag so that an e-mail never meets a phone.
/// </remarks>
internal static class KeyHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static long Of(char tag, ReadOnlySpan<char> key) => (long)Mix(Mix(Offset, tag), key);

    public static long Of(char tag, ReadOnlySpan<char> first, ReadOnlySpan<char> second) =>
        (long)Mix(Mix(Mix(Mix(Offset, tag), first), '\u001F'), second);

    public static long Of(char tag, ReadOnlySpan<char> first, ReadOnlySpan<char> second, ReadOnlySpan<char> third) =>
        (long)Mix(Mix(Mix(Mix(Mix(Mix(Offset, tag), first), '\u001F'), second), '\u001F'), third);

    private static ulong Mix(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = Mix(hash, c);
        }
        return hash;
    }

    private static ulong Mix(ulong hash, char c)
    {
        hash = (hash ^ (byte)c) * Prime;
        return (hash ^ (byte)(c >> 8)) * Prime;
    }
}
