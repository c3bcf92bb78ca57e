using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;

namespace OpenCts.Storage.Sqlite.Messages;

/// <summary>How the embedded store keeps raw messages and consignment bodies small: Brotli at its fastest, where it pays.</summary>
/// <remarks>
/// A raw message is kept compressed only when that saves a tenth or more, and its row says so (<c>compression = 'br'</c>),
/// because received bytes may begin with anything. A body's first byte says its form: the binary form
/// (<see cref="ConsignmentBinary"/>) as it is, or Brotli-compressed where that saves a tenth or more; bodies of earlier
/// releases are JSON, which begins with <c>{</c>, or JSON compressed behind a zero byte, and read as they are. The ledger
/// commits to the bytes as received, never to a body, so the body's form changes no proof.
/// </remarks>
internal static class Packing
{
    /// <summary>The value of <c>raw_messages.compression</c> for Brotli.</summary>
    public const string Brotli = "br";

    private const byte PackedJson = 0;
    private const byte Binary = 1;
    private const byte PackedBinary = 2;

    /// <summary>The bytes to keep and the compression to note, or the bytes as they are with null when packing does not pay.</summary>
    public static (byte[] Bytes, string? Compression) PackRaw(ReadOnlySpan<byte> raw)
    {
        var packed = Compress(raw, 0);
        return packed.Length <= raw.Length * 9 / 10 ? (packed, Brotli) : (raw.ToArray(), null);
    }

    /// <summary>The raw bytes as received; bytes that do not unpack (a row edited by hand) are returned as kept, for the audit to find them changed.</summary>
    public static byte[] UnpackRaw(byte[] kept, string? compression) =>
        string.Equals(compression, Brotli, StringComparison.Ordinal) && TryDecompress(kept, 0, out var raw) ? raw : kept;

    /// <summary>A body to keep: the form's byte, then the consignment's binary form, compressed where that pays.</summary>
    public static byte[] PackBody(Consignment consignment)
    {
        var body = ConsignmentBinary.ToBytes(consignment);
        var packed = Compress(body, 1);
        if (packed.Length <= body.Length * 9 / 10)
        {
            packed[0] = PackedBinary;
            return packed;
        }
        var plain = new byte[body.Length + 1];
        plain[0] = Binary;
        body.CopyTo(plain, 1);
        return plain;
    }

    /// <summary>The consignment a kept body holds, whatever release wrote it.</summary>
    /// <exception cref="InvalidDataException">The body does not decode (a row changed behind the store).</exception>
    public static Consignment ReadBody(byte[] kept)
    {
        switch (kept.Length > 0 ? kept[0] : -1)
        {
            case Binary:
                return ConsignmentBinary.Read(kept.AsSpan(1));
            case PackedBinary:
                return ConsignmentBinary.Read(Decompressed(kept));
            default:
                try
                {
                    using var json = JsonDocument.Parse(JsonOf(kept));
                    return ConsignmentJsonReader.Read(json.RootElement);
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"a consignment body of JSON does not parse: {e.Message}", e);
                }
        }
    }

    /// <summary>True for a body in the binary form, packed or not; false for the JSON of an earlier release.</summary>
    public static bool IsBinary(byte[] kept) => kept.Length > 0 && kept[0] is Binary or PackedBinary;

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
        using var decoder = new BrotliDecoder();
        var source = kept.AsSpan(offset);
        var buffer = new byte[Math.Max(256, source.Length * 4)];
        var total = 0;
        while (true)
        {
            var status = decoder.Decompress(source, buffer.AsSpan(total), out var consumed, out var written);
            source = source[consumed..];
            total += written;
            switch (status)
            {
                // Bytes after the end of the stream mean the row was changed: it does not unpack.
                case OperationStatus.Done when source.IsEmpty:
                    result = buffer.AsSpan(0, total).ToArray();
                    return true;
                case OperationStatus.Done:
                    result = [];
                    return false;
                case OperationStatus.DestinationTooSmall:
                    Array.Resize(ref buffer, buffer.Length * 2);
                    break;
                case OperationStatus.NeedMoreData when consumed == 0 && written == 0:
                case OperationStatus.InvalidData:
                    result = [];
                    return false;
            }
        }
    }
}
