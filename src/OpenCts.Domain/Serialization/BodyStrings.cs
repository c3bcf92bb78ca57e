using System.Text;

namespace OpenCts.Domain.Serialization;

/// <summary>One string for each short value that comes back from body to body: senders, places, HS codes, names, cities, descriptions.</summary>
/// <remarks>
/// A store is read a page of thousands of consignments at a time, and a page is held while it is enriched, assessed and
/// saved, so every string of it outlives the youngest collection and is copied by the collector. Most of its values
/// repeat across consignments (the same shipper, port and goods lines), so handing out the string read last time for the
/// same bytes saves both the allocation and the copying. A direct-mapped table of the thread's own: a value whose slot
/// holds another replaces it, so the table never grows, and no other thread ever reads it.
/// </remarks>
internal sealed class BodyStrings
{
    /// <summary>Longer values are rarely repeated and are allocated as they are.</summary>
    private const int MaxLength = 64;

    private const int SlotBits = 12;

    [ThreadStatic]
    private static BodyStrings? _forThread;

    private readonly string?[] _table = new string?[1 << SlotBits];

    public static BodyStrings ForThread() => _forThread ??= new BodyStrings();

    /// <summary>The string of UTF-8 bytes; the one handed out before when they are ASCII and were read last time in the same slot.</summary>
    public string Of(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength || !Ascii.IsValid(utf8))
        {
            return Encoding.UTF8.GetString(utf8);
        }
        var slot = (int)(((ulong)Hash(utf8) * 0x9E3779B97F4A7C15UL) >> (64 - SlotBits));
        var cached = _table[slot];
        if (cached is not null && Ascii.Equals(utf8, cached))
        {
            return cached;
        }
        var value = Encoding.ASCII.GetString(utf8);
        _table[slot] = value;
        return value;
    }

    /// <summary>FNV-1a over the bytes and the length: cheap for values this short, and spread enough for a table of 4,096.</summary>
    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u ^ (uint)bytes.Length;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }
        return hash;
    }
}
