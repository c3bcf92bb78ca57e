using System.Buffers;
using System.Data.Common;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;

namespace OpenCts.Storage.Sqlite.Messages;

/// <summary>How the embedded store keeps raw messages, consignment bodies and assessments' reasons small: Brotli at its fastest, where it pays.</summary>
/// <remarks>
/// A raw message is kept compressed only when that saves a tenth or more, and its row says so (<c>compression = 'br'</c>),
/// because received bytes may begin with anything. A body's first byte says its form: the binary form
/// (<see cref="ConsignmentBinary"/>) as it is, or its head packed where that saves a tenth or more, followed by
/// the row part of its provenance as it is (so the head can be packed before the row is known: <see cref="PrepareBody"/>).
/// The head is packed with the store's dictionary once it has learned one (<see cref="PackingDictionaries"/>), and with
/// Brotli before.
/// Bodies of earlier releases are the binary form compressed whole, JSON, which begins with <c>{</c>, or JSON compressed
/// behind a zero byte, and read as they are. The ledger
/// commits to the bytes as received, never to a body, so the body's form changes no proof.
/// </remarks>
internal static class Packing
{
    /// <summary>The value of <c>raw_messages.compression</c> for Brotli.</summary>
    public const string Brotli = "br";

    /// <summary>Texts shorter than this many characters are kept as they are.</summary>
    private const int ShortestPackedText = 96;

    private const byte PackedJson = 0;
    private const byte Binary = 1;
    private const byte PackedBinary = 2;
    private const byte PackedHead = 3;
    private const byte DictionaryHead = 4;

    /// <summary>The bytes to keep and the compression to note, or the bytes as they are with null when packing does not pay.</summary>
    public static (byte[] Bytes, string? Compression) PackRaw(ReadOnlySpan<byte> raw)
    {
        var packed = Compress(raw, 0);
        return packed.Length <= raw.Length * 9 / 10 ? (packed, Brotli) : (raw.ToArray(), null);
    }

    /// <summary>The raw bytes as received; bytes that do not unpack (a row edited by hand) are returned as kept, for the audit to find them changed.</summary>
    public static byte[] UnpackRaw(byte[] kept, string? compression) =>
        string.Equals(compression, Brotli, StringComparison.Ordinal) && TryDecompress(kept, 0, out var raw) ? raw : kept;

    /// <summary>The part of a body that its row does not decide, packed where that pays: made ahead, on the thread that parsed the message.</summary>
    /// <param name="consignment">The consignment, with its provenance.</param>
    /// <param name="dictionary">The store's dictionary to pack with, or null for Brotli.</param>
    /// <exception cref="ArgumentException">The consignment has no provenance.</exception>
    public static BodyHead PrepareBody(Consignment consignment, PackingDictionary? dictionary)
    {
        var head = ConsignmentBinary.Head(consignment);
        var packed = dictionary is null ? Compress(head, 1) : dictionary.Pack(head, DictionaryHead);
        if (packed.Length <= head.Length * 9 / 10)
        {
            packed[0] = dictionary is null ? PackedHead : DictionaryHead;
            return new BodyHead(packed);
        }
        var plain = new byte[head.Length + 1];
        plain[0] = Binary;
        head.CopyTo(plain, 1);
        return new BodyHead(plain);
    }

    /// <summary>The body to keep: a prepared head, then the row part of the provenance, which only the row's writer knows.</summary>
    public static byte[] CompleteBody(BodyHead head, DateTimeOffset receivedAt, int version, long? rawMessageId)
    {
        var row = ConsignmentBinary.RowPart(receivedAt, version, rawMessageId);
        var body = new byte[head.Bytes.Length + row.Length];
        head.Bytes.CopyTo(body, 0);
        row.CopyTo(body, head.Bytes.Length);
        return body;
    }

    /// <summary>The consignment whose kept body is in a column of the reader's row, read through a borrowed buffer.</summary>
    /// <exception cref="InvalidDataException">The body does not decode (a row changed behind the store).</exception>
    public static Consignment ReadBody(SqliteDataReader reader, int ordinal, PackingDictionaries dictionaries) => ReadKept(reader, ordinal, dictionaries, ReadBody);

    /// <summary>The outline of the consignment whose kept body is in a column of the reader's row, read without building the consignment where the body's form allows.</summary>
    /// <exception cref="InvalidDataException">The body does not decode (a row changed behind the store).</exception>
    public static ConsignmentOutline ReadOutline(SqliteDataReader reader, int ordinal, PackingDictionaries dictionaries) => ReadKept(reader, ordinal, dictionaries, ReadOutline);

    /// <summary>The consignment a kept body holds, whatever release wrote it.</summary>
    /// <exception cref="InvalidDataException">The body does not decode (a row changed behind the store).</exception>
    public static Consignment ReadBody(ReadOnlySpan<byte> kept, PackingDictionaries dictionaries) => (kept.Length > 0 ? kept[0] : -1) switch
    {
        Binary => ConsignmentBinary.Read(kept[1..]),
        PackedBinary => ReadUnpacked(kept[1..], ConsignmentBinary.Read),
        PackedHead => ReadUnpackedHead(kept[1..], ConsignmentBinary.Read),
        DictionaryHead => ReadDictionaryHead(kept[1..], dictionaries, ConsignmentBinary.Read),
        _ => ReadJson(kept),
    };

    private static ConsignmentOutline ReadOutline(ReadOnlySpan<byte> kept, PackingDictionaries dictionaries) => (kept.Length > 0 ? kept[0] : -1) switch
    {
        Binary => ConsignmentBinary.ReadOutline(kept[1..]),
        PackedBinary => ReadUnpacked(kept[1..], ConsignmentBinary.ReadOutline),
        PackedHead => ReadUnpackedHead(kept[1..], ConsignmentBinary.ReadOutline),
        DictionaryHead => ReadDictionaryHead(kept[1..], dictionaries, ConsignmentBinary.ReadOutline),
        _ => ConsignmentOutline.Of(ReadJson(kept)),
    };

    private delegate T SpanReader<T>(ReadOnlySpan<byte> bytes);

    private delegate T KeptReader<T>(ReadOnlySpan<byte> kept, PackingDictionaries dictionaries);

    // Every stored body read back passes here. The column is read as one array: the reader's GetBytes and GetStream open
    // an incremental blob handle when the query selects the row id, which seeks the row again and looks up the column's
    // metadata, twice a body (its length, then its bytes), and cost more than the array.
    private static T ReadKept<T>(SqliteDataReader reader, int ordinal, PackingDictionaries dictionaries, KeptReader<T> read) =>
        read(reader.GetFieldValue<byte[]>(ordinal), dictionaries);

    private static T ReadUnpacked<T>(ReadOnlySpan<byte> packed, SpanReader<T> read)
    {
        if (!TryUnpack(packed, out var buffer, out var length, out _))
        {
            throw new InvalidDataException("a packed consignment body does not decompress");
        }
        try
        {
            return read(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a body kept as its packed head and the row part after it: the head unpacked, then the row part, are the body.</summary>
    private static T ReadUnpackedHead<T>(ReadOnlySpan<byte> kept, SpanReader<T> read)
    {
        if (!TryUnpack(kept, out var buffer, out var length, out var consumed, rest: true))
        {
            throw new InvalidDataException("a packed consignment body does not decompress");
        }
        try
        {
            var row = kept[consumed..];
            if (length + row.Length > buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(length + row.Length);
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
            row.CopyTo(buffer.AsSpan(length));
            return read(buffer.AsSpan(0, length + row.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a body kept as its head packed with a dictionary (its row, the frame's length, the frame), then the row part.</summary>
    private static T ReadDictionaryHead<T>(ReadOnlySpan<byte> kept, PackingDictionaries dictionaries, SpanReader<T> read)
    {
        var buffer = Unpack(kept, dictionaries, out var length, out var row);
        try
        {
            row.CopyTo(buffer.AsSpan(length));
            return read(buffer.AsSpan(0, length + row.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Unpacks a record packed with a dictionary (its row, the frame's length, the frame) into a buffer borrowed from the shared pool, with room after it for what follows the frame.</summary>
    /// <exception cref="InvalidDataException">The record is cut short, names no dictionary of the store, or does not unpack.</exception>
    private static byte[] Unpack(ReadOnlySpan<byte> kept, PackingDictionaries dictionaries, out int length, out ReadOnlySpan<byte> rest)
    {
        var at = 0;
        if (!Varint.TryRead(kept, ref at, out var id) || !Varint.TryRead(kept, ref at, out var frameLength) || frameLength > kept.Length - at)
        {
            throw new InvalidDataException($"a {dictionaries.Kind} packed with a dictionary is cut short");
        }
        var frame = kept.Slice(at, (int)frameLength);
        rest = kept[(at + (int)frameLength)..];
        var dictionary = dictionaries.Get(id);
        length = PackingDictionary.UnpackedLength(frame);
        var buffer = ArrayPool<byte>.Shared.Rent(length + rest.Length);
        try
        {
            if (dictionary.Unpack(frame, buffer) != length)
            {
                throw new InvalidDataException($"a {dictionaries.Kind} packed with dictionary {id} unpacks to another length than its frame says");
            }
            return buffer;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>A platform order's text to keep: as it is, or its UTF-8 packed (a BLOB behind its form's byte) where that saves a tenth or more, with the store's dictionary once it has one and Brotli before.</summary>
    /// <remarks>Whatever commits to the order (the ledger's canonical form) is made from the text, not from this.</remarks>
    public static object PackOrder(string body, PackingDictionary? dictionary)
    {
        if (body.Length < ShortestPackedText)
        {
            return body;
        }
        var utf8 = Encoding.UTF8.GetBytes(body);
        byte[] packed;
        if (dictionary is null)
        {
            packed = Compress(utf8, 1);
            packed[0] = PackedHead;
        }
        else
        {
            packed = dictionary.Pack(utf8, DictionaryHead);
        }
        return packed.Length <= utf8.Length * 9 / 10 ? packed : body;
    }

    /// <summary>A platform order kept by <see cref="PackOrder"/>, from a column of the reader's row.</summary>
    /// <remarks>Bytes that do not unpack (a row edited by hand) are read as their hexadecimal digits, which no order's text is: the audit finds the record changed.</remarks>
    public static string ReadOrder(DbDataReader reader, int ordinal, PackingDictionaries dictionaries)
    {
        if (reader.GetFieldType(ordinal) != typeof(byte[]))
        {
            return reader.GetString(ordinal);
        }
        var kept = reader.GetFieldValue<byte[]>(ordinal);
        try
        {
            return UnpackOrder(kept, dictionaries);
        }
        catch (InvalidDataException)
        {
            return Convert.ToHexString(kept);
        }
    }

    /// <summary>The text of a platform order kept packed (a BLOB behind its form's byte).</summary>
    /// <exception cref="InvalidDataException">The bytes do not unpack to an order (they were changed).</exception>
    public static string UnpackOrder(byte[] kept, PackingDictionaries dictionaries)
    {
        switch (kept.Length > 0 ? kept[0] : -1)
        {
            case PackedHead when TryDecompress(kept, 1, out var text):
                return Encoding.UTF8.GetString(text);
            case DictionaryHead:
                var buffer = Unpack(kept.AsSpan(1), dictionaries, out var length, out var rest);
                try
                {
                    return rest.IsEmpty ? Encoding.UTF8.GetString(buffer, 0, length) : throw new InvalidDataException("a packed platform order goes on after its frame");
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            default:
                throw new InvalidDataException("a platform order is kept in no form this store writes");
        }
    }

    /// <summary>A body of JSON, as releases before the binary form kept them, compressed or not.</summary>
    private static Consignment ReadJson(ReadOnlySpan<byte> kept)
    {
        try
        {
            using var json = JsonDocument.Parse(JsonOf(kept.ToArray()));
            return ConsignmentJsonReader.Read(json.RootElement);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"a consignment body of JSON does not parse: {e.Message}", e);
        }
    }

    /// <summary>True for a body in the binary form, packed or not; false for the JSON of an earlier release.</summary>
    public static bool IsBinary(byte[] kept) => kept.Length > 0 && kept[0] is Binary or PackedBinary or PackedHead or DictionaryHead;

    /// <summary>A text to keep, such as an assessment's reasons: the text as it is, or its UTF-8 compressed (a BLOB) where that saves a tenth or more.</summary>
    /// <remarks>
    /// The value's storage class says which: SQLite keeps a BLOB as it is in a column of TEXT affinity, and rows written
    /// before stay text. Whatever commits to the text (the ledger's canonical form) is made from the text, not from this.
    /// </remarks>
    public static object PackText(string text)
    {
        // Most assessments are green with a reason or none: too short for packing to save a tenth, and too many to try.
        if (text.Length < ShortestPackedText)
        {
            return text;
        }
        var utf8 = Encoding.UTF8.GetBytes(text);
        var packed = Compress(utf8, 0);
        return packed.Length <= utf8.Length * 9 / 10 ? packed : text;
    }

    /// <summary>A text kept by <see cref="PackText"/>, from a column of the reader's row.</summary>
    /// <remarks>Bytes that do not unpack (a row edited by hand) are read as their hexadecimal digits, which no text the store wrote is: the audit finds the record changed.</remarks>
    public static string ReadText(DbDataReader reader, int ordinal) => TextOf(KeptText(reader, ordinal));

    /// <summary>A text kept by <see cref="PackText"/> as its column holds it (a string, or packed bytes), to be read by <see cref="TextOf"/> later or elsewhere.</summary>
    public static object KeptText(DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(byte[]) ? reader.GetFieldValue<byte[]>(ordinal) : reader.GetString(ordinal);

    /// <summary>The text of a value <see cref="KeptText"/> read.</summary>
    /// <remarks>Bytes that do not unpack (a row edited by hand) are read as their hexadecimal digits, as by <see cref="ReadText"/>.</remarks>
    public static string TextOf(object kept) => kept switch
    {
        string text => text,
        byte[] packed => TryDecompress(packed, 0, out var text) ? Encoding.UTF8.GetString(text) : Convert.ToHexString(packed),
        _ => throw new ArgumentException($"a kept text is a string or bytes, not {kept.GetType().Name}", nameof(kept)),
    };

    /// <summary>The JSON of a body an earlier release kept, packed or not.</summary>
    public static byte[] JsonOf(byte[] kept) => kept.Length > 0 && kept[0] == PackedJson ? Decompressed(kept) : kept;

    private static byte[] Decompressed(byte[] kept) =>
        TryDecompress(kept, 1, out var bytes) ? bytes : throw new InvalidDataException("a packed consignment body does not decompress");

    private static byte[] Compress(ReadOnlySpan<byte> source, int offset)
    {
        // The encoder needs room for its worst case, a little more than the input; only what it wrote is kept, so the
        // room is borrowed (every message received and every body stored passes here).
        var buffer = ArrayPool<byte>.Shared.Rent(offset + BrotliEncoder.GetMaxCompressedLength(source.Length));
        try
        {
            // Quality 1 and a 4 MiB window: the fastest setting, which still finds the repetition across a manifest's consignments.
            if (!BrotliEncoder.TryCompress(source, buffer.AsSpan(offset), out var written, quality: 1, window: 22))
            {
                throw new InvalidOperationException("Brotli could not compress into a buffer of its own maximum size");
            }
            buffer.AsSpan(0, offset).Clear();
            return buffer.AsSpan(0, offset + written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool TryDecompress(byte[] kept, int offset, out byte[] result)
    {
        if (!TryUnpack(kept.AsSpan(offset), out var buffer, out var length, out _))
        {
            result = [];
            return false;
        }
        result = buffer.AsSpan(0, length).ToArray();
        ArrayPool<byte>.Shared.Return(buffer);
        return true;
    }

    /// <summary>Decompresses into a buffer borrowed from the shared pool, which the caller returns; false (and nothing borrowed) for bytes that do not begin with one whole Brotli stream.</summary>
    /// <param name="source">The packed bytes.</param>
    /// <param name="buffer">The borrowed buffer.</param>
    /// <param name="length">How many bytes of it were unpacked.</param>
    /// <param name="consumed">How many bytes of <paramref name="source"/> the stream took.</param>
    /// <param name="rest">Whether bytes may follow the stream's end; without, they mean the row was changed.</param>
    private static bool TryUnpack(ReadOnlySpan<byte> source, out byte[] buffer, out int length, out int consumed, bool rest = false)
    {
        using var decoder = new BrotliDecoder();
        buffer = ArrayPool<byte>.Shared.Rent(Math.Max(256, source.Length * 4));
        length = 0;
        consumed = 0;
        while (true)
        {
            var status = decoder.Decompress(source[consumed..], buffer.AsSpan(length), out var took, out var written);
            consumed += took;
            length += written;
            switch (status)
            {
                case OperationStatus.Done when rest || consumed == source.Length:
                    return true;
                case OperationStatus.DestinationTooSmall:
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                    break;
                case OperationStatus.NeedMoreData when took != 0 || written != 0:
                    break;
                default:
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = [];
                    length = 0;
                    return false;
            }
        }
    }
}

/// <summary>A body's head made ahead of its row (<see cref="Packing.PrepareBody"/>): the form's byte, then the head, packed or not.</summary>
internal sealed record BodyHead(byte[] Bytes);
