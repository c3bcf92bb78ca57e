namespace OpenCts.RiskModel.Features;

/// <summary>A 64-bit FNV-1a hash of one or more field values, the key of an encoding table.</summary>
/// <remarks>
/// Hashing the parts in place avoids building a string per row and group on the scoring path; the hash is stable
/// across processes (unlike <see cref="HashCode"/>), so saved tables load with the same keys. At 64 bits a collision
/// among the few hundred thousand keys of a table is far less likely than a typing error in the data.
/// </remarks>
internal struct CategoryKey
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    private ulong _hash;
    private bool _started;

    public readonly ulong Value => _started ? _hash : Offset;

    public void Add(ReadOnlySpan<char> text)
    {
        var hash = _started ? Mix(_hash, 0x1F) : Offset;
        foreach (var c in text)
        {
            hash = Mix(hash, (byte)c);
            hash = Mix(hash, (byte)(c >> 8));
        }
        _hash = hash;
        _started = true;
    }

    public void Add(double number)
    {
        var hash = _started ? Mix(_hash, 0x1F) : Offset;
        // +0.0 and -0.0 are one rate.
        var bits = BitConverter.DoubleToUInt64Bits(number == 0 ? 0 : number);
        for (var i = 0; i < 8; i++)
        {
            hash = Mix(hash, (byte)(bits >> (8 * i)));
        }
        _hash = hash;
        _started = true;
    }

    /// <summary>The key of a group from the hashes of its fields, in order; each field is hashed once per row.</summary>
    public static ulong Combine(ReadOnlySpan<ulong> fieldHashes)
    {
        var hash = Offset;
        foreach (var field in fieldHashes)
        {
            hash = (hash ^ field) * 0x9E3779B97F4A7C15UL;
            hash ^= hash >> 29;
        }
        return hash;
    }

    private static ulong Mix(ulong hash, byte value) => (hash ^ value) * Prime;
}
