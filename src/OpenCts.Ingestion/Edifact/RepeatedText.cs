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

    private const int Slots = 1 << 14;

    private static readonly string?[] Table = new string?[Slots];

    /// <summary>The string of ASCII bytes (the caller checks they are ASCII and at most <see cref="MaxLength"/> long).</summary>
    public static string Of(ReadOnlySpan<byte> ascii)
    {
        var hash = new HashCode();
        hash.AddBytes(ascii);
        var slot = hash.ToHashCode() & (Slots - 1);
        var cached = Table[slot];
        if (cached is not null && Ascii.Equals(ascii, cached))
        {
            return cached;
        }
        var value = Encoding.ASCII.GetString(ascii);
        Table[slot] = value;
        return value;
    }
}
