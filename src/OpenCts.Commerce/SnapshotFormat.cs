using System.Runtime.InteropServices;
using System.Text;

namespace OpenCts.Commerce;

/// <summary>The pieces every saved state of the indicators is made of: tags, versions, checked counts, and arrays written as their bytes.</summary>
/// <remarks>
/// <para>
/// A structure writes a four-letter tag and its format version first, and each of its parts a tag of its own, so a
/// reader that lost its place says where rather than building nonsense. Counts are checked against what they can be
/// before anything is made for them, and large parts are read a chunk at a time into the arrays that keep them, so a
/// damaged count fails at the end of the stream without first allocating what it claims.
/// </para>
/// <para>
/// Structs go as their bytes in memory, in the machine's order: a saved state is read back by the same build on the
/// same kind of machine (a changed layout changes the format version, and the size of a struct is written with it).
/// </para>
/// </remarks>
internal static class SnapshotFormat
{
    /// <summary>Writes a structure's tag and format version.</summary>
    public static void WriteHeader(BinaryWriter writer, string tag, int version)
    {
        WriteTag(writer, tag);
        writer.Write(version);
    }

    /// <summary>Reads a structure's tag and version; anything but <paramref name="tag"/> and <paramref name="version"/> is refused.</summary>
    public static void ReadHeader(BinaryReader reader, string tag, int version, string what)
    {
        var found = reader.ReadUInt32();
        if (found != TagValue(tag))
        {
            throw new InvalidDataException($"{what}: bad tag '{TagText(found)}', expected '{tag}'");
        }
        var foundVersion = reader.ReadInt32();
        if (foundVersion != version)
        {
            throw new InvalidDataException($"{what}: format version {foundVersion}, this build reads version {version}");
        }
    }

    /// <summary>Writes the tag that begins a part of a structure.</summary>
    public static void WriteTag(BinaryWriter writer, string tag) => writer.Write(TagValue(tag));

    /// <summary>Reads the tag that begins a part of a structure; another tag means the stream is not where it should be.</summary>
    public static void ReadTag(BinaryReader reader, string tag, string what)
    {
        var found = reader.ReadUInt32();
        if (found != TagValue(tag))
        {
            throw new InvalidDataException($"{what}: bad tag '{TagText(found)}' where the part '{tag}' begins");
        }
    }

    /// <summary>Reads a count and checks it lies from 0 to <paramref name="max"/>.</summary>
    public static int ReadCount(BinaryReader reader, int max, string what)
    {
        var count = reader.ReadInt32();
        if (count < 0 || count > max)
        {
            throw new InvalidDataException($"{what}: count {count} out of range (0 to {max})");
        }
        return count;
    }

    /// <summary>Reads an index into something of <paramref name="count"/> items and checks it is one.</summary>
    public static int ReadIndex(BinaryReader reader, int count, string what)
    {
        var index = reader.ReadInt32();
        if (index < 0 || index >= count)
        {
            throw new InvalidDataException($"{what}: index {index} out of range (0 to {count - 1})");
        }
        return index;
    }

    /// <summary>Writes a string as its length and UTF-16 code units: exact for any string, whatever encoding the writer was given.</summary>
    public static void WriteString(BinaryWriter writer, string text)
    {
        if (text.Length > MaxStringLength)
        {
            throw new InvalidOperationException($"a string of {text.Length} characters is longer than a saved state keeps ({MaxStringLength})");
        }
        writer.Write(text.Length);
        WriteSpan(writer, text.AsSpan());
    }

    /// <summary>Reads a string written by <see cref="WriteString"/>, of at most <see cref="MaxStringLength"/> characters.</summary>
    public static string ReadString(BinaryReader reader, string what)
    {
        var length = ReadCount(reader, MaxStringLength, what);
        return string.Create(length, (reader, what), static (chars, state) => ReadSpan(state.reader, chars, state.what));
    }

    /// <summary>The longest string read back: far beyond any name or key, so a damaged length costs little before it is found.</summary>
    public const int MaxStringLength = 1 << 24;

    /// <summary>Writes structs as their bytes, straight to the writer's stream.</summary>
    public static void WriteSpan<T>(BinaryWriter writer, ReadOnlySpan<T> items)
        where T : struct => writer.Write(MemoryMarshal.AsBytes(items));

    /// <summary>Fills <paramref name="into"/> with structs written by <see cref="WriteSpan{T}"/>.</summary>
    public static void ReadSpan<T>(BinaryReader reader, Span<T> into, string what)
        where T : struct
    {
        var bytes = MemoryMarshal.AsBytes(into);
        while (bytes.Length > 0)
        {
            var read = reader.Read(bytes);
            if (read == 0)
            {
                throw new InvalidDataException($"{what}: truncated");
            }
            bytes = bytes[read..];
        }
    }

    /// <summary>Reads a whole structure; a stream that ends before it does is reported as truncated, never as a half-read structure.</summary>
    public static T Read<T>(BinaryReader reader, string what, Func<BinaryReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            return read(reader);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{what}: truncated", e);
        }
    }

    private static uint TagValue(string tag) =>
        tag.Length == 4 && Ascii.IsValid(tag)
            ? (uint)(tag[0] | (tag[1] << 8) | (tag[2] << 16) | (tag[3] << 24))
            : throw new ArgumentException($"a tag is four ASCII characters, not '{tag}'", nameof(tag));

    private static string TagText(uint tag)
    {
        Span<char> text = stackalloc char[4];
        for (var i = 0; i < 4; i++)
        {
            var c = (char)((tag >> (8 * i)) & 0xFF);
            text[i] = c is >= ' ' and <= '~' ? c : '?';
        }
        return new string(text);
    }
}
