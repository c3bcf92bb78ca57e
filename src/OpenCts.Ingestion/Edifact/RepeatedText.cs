using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace OpenCts.Ingestion.Edifact;

/// <summary>Shared strings for ASCII values that repeat from one message to the next: party names, streets, cities, UN/LOCODEs, country codes, goods descriptions.</summary>
/// <remarks>
/// A CUSCAR interchange reports every consignment in a message of its own, so the same carrier, port and consignee come
/// back thousands of times in one file; every consignment is kept until the file is read, so one string each instead of
/// one per consignment saves both allocation and the collector's copying. A direct-mapped table: a value whose slot holds
/// another value replaces it, so the table never grows. Entries are written without a lock, and a string is only returned
/// once its characters are compared with the bytes asked for, so readers on other threads at worst allocate a string
/// the table already had.
/// </remarks>
internal static class RepeatedText
{
    /// <summary>Longer values are rarely repeated and are allocated as they are.</summary>
    public const int MaxLength = 96;

    private const int SlotBits = 15;

    private const int Slots = 1 << SlotBits;

    /// <summary>The value each slot was last given, beside its hash, to pass over a slot holding another value without reading that string.</summary>
    /// <remarks>
    /// Hash and string share a slot so that one read of the table finds both. The hash is only a filter: the two fields
    /// are written one after the other without a lock, so a hash may belong to another string than its slot's for a
    /// moment, and a value is only ever returned once its characters are compared.
    /// </remarks>
    private static readonly SharedEntry[] Table = new SharedEntry[Slots];

    private struct SharedEntry
    {
        public ulong Hash;
        public string? Value;
    }

    private const int ShortSlotBits = 11;

    /// <summary>Values of up to eight bytes (codes, places, countries, HS codes, postcodes) by their bytes, on each thread.</summary>
    /// <remarks>
    /// The bytes themselves are the key, so a hit is one read of a small table that stays in the processor's cache,
    /// where the shared table costs a read of a large table and of the string it holds: most values of a CUSCAR
    /// message are this short. The table is the thread's own, so an entry is never read while another thread writes it.
    /// </remarks>
    [ThreadStatic]
    private static ShortEntry[]? t_short;

    private struct ShortEntry
    {
        public ulong Bytes;
        public int Length;
        public string? Value;
    }

    /// <summary>The string of ASCII bytes (the caller checks they are ASCII and at most <see cref="MaxLength"/> long).</summary>
    public static string Of(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length <= 8)
        {
            return Short(ascii);
        }
        return Shared(ascii, Hash(ascii));
    }

    private static string Short(ReadOnlySpan<byte> ascii)
    {
        var table = t_short ??= new ShortEntry[1 << ShortSlotBits];
        ulong bytes = 0;
        for (var i = ascii.Length - 1; i >= 0; i--)
        {
            bytes = bytes << 8 | ascii[i];
        }
        var slot = (int)(((bytes + (ulong)ascii.Length) * 0x9E3779B97F4A7C15UL) >> (64 - ShortSlotBits));
        ref var entry = ref table[slot];
        if (entry.Value is not null && entry.Bytes == bytes && entry.Length == ascii.Length)
        {
            return entry.Value;
        }
        // A value new to this thread may still be one another thread or file has read.
        var value = Shared(ascii, Hash(ascii));
        entry.Bytes = bytes;
        entry.Length = ascii.Length;
        entry.Value = value;
        return value;
    }

    private static string Shared(ReadOnlySpan<byte> ascii, ulong hash)
    {
        ref var entry = ref Table[(int)(hash >> (64 - SlotBits))];
        if (entry.Hash == hash && entry.Value is { } cached && Ascii.Equals(ascii, cached))
        {
            return cached;
        }
        var value = Encoding.ASCII.GetString(ascii);
        entry.Value = value;
        entry.Hash = hash;
        return value;
    }

    /// <summary>A quick hash of the first and last eight bytes and the length: a collision only costs a string.</summary>
    private static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        ulong head;
        ulong tail;
        if (bytes.Length >= 8)
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            tail = BinaryPrimitives.ReadUInt64LittleEndian(bytes[^8..]);
        }
        else
        {
            head = 0;
            foreach (var b in bytes)
            {
                head = head << 8 | b;
            }
            tail = 0;
        }
        var h = (head * 0x9E3779B97F4A7C15UL) ^ (BitOperations.RotateLeft(tail * 0xC2B2AE3D27D4EB4FUL, 31)) ^ (ulong)bytes.Length;
        return h * 0x165667B19E3779F9UL;
    }
}
