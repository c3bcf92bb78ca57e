using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace OpenCts.Ingestion.Edifact;

/// <summary>Shared strings for ASCII values that repeat from one message to the next: party names, streets, cities, UN/LOCODEs, country codes, goods descriptions.</summary>
/// <remarks>
/// A CUSCAR interchange reports every consignment in a message of its own, so the same carrier, port and consignee come
/// back thousands of times in one file; every consignment is kept until the file is read, so one string each instead of
/// one per consignment saves both allocation and the collector's copying. A direct-mapped table: a value whose slot holds
/// another value replaces it, so the table never grows. Entries are immutable strings replaced whole, so readers on
/// other threads at worst allocate a string the table already had.
/// </remarks>
internal static class RepeatedText
{
    /// <summary>Longer values are rarely repeated and are allocated as they are.</summary>
    public const int MaxLength = 96;

    private const int SlotBits = 16;

    private const int Slots = 1 << SlotBits;

    private static readonly string?[] Table = new string?[Slots];

    /// <summary>The string of ASCII bytes (the caller checks they are ASCII and at most <see cref="MaxLength"/> long).</summary>
    public static string Of(ReadOnlySpan<byte> ascii)
    {
        var slot = (int)(Hash(ascii) >> (64 - SlotBits));
        var cached = Table[slot];
        if (cached is not null && Ascii.Equals(ascii, cached))
        {
            return cached;
        }
        var value = Encoding.ASCII.GetString(ascii);
        Table[slot] = value;
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
