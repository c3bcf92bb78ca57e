using System.Buffers;
using System.IO.Compression;

namespace OpenCts.Storage.Sqlite.Messages;

/// <summary>How the embedded store keeps raw messages and consignment bodies small: Brotli at its fastest, where it pays.</summary>
/// <remarks>
/// A raw message is kept compressed only when that saves a tenth or more, and its row says so (<c>compression = 'br'</c>),
/// because received bytes may begin with anything. A body is always our own JSON, which begins with <c>{</c>; a packed
/// body begins with a zero byte instead, so bodies written before packing read as they are. The ledger commits to the
/// bytes as received, never to the packed form, so packing changes no proof.
/// </remarks>
internal static class Packing
{
    /// <summary>The value of <c>raw_messages.compression</c> for Brotli.</summary>
    public const string Brotli = "br";

    private const byte PackedBody = 0;

    /// <summary>The bytes to keep and the compression to note, or the bytes as they are with null when packing does not pay.</summary>
    public static (byte[] Bytes, string? Compression) PackRaw(ReadOnlySpan<byte> raw)
    {
        var packed = Compress(raw, 0);
        return packed.Length <= raw.Length * 9 / 10 ? (packed, Brotli) : (raw.ToArray(), null);
    }

    /// <summary>The raw bytes as received; bytes that do not unpack (a row edited by hand) are returned as kept, for the audit to find them changed.</summary>
    public static byte[] UnpackRaw(byte[] kept, string? compression) =>
        string.Equals(compression, Brotli, StringComparison.Ordinal) && TryDecompress(kept, 0, out var raw) ? raw : kept;

    /// <summary>A body to keep: a zero byte, then the JSON compressed.</summary>
    public static byte[] PackBody(ReadOnlySpan<byte> json) => Compress(json, 1);

    /// <summary>The JSON of a kept body, packed or not.</summary>
    public static byte[] UnpackBody(byte[] kept) =>
        kept.Length > 0 && kept[0] == PackedBody
            ? TryDecompress(kept, 1, out var json) ? json : throw new InvalidDataException("a packed consignment body does not decompress")
            : kept;

    private static byte[] Compress(ReadOnlySpan<byte> source, int offset)
    {
        var buffer = new byte[offset + BrotliEncoder.GetMaxCompressedLength(source.Length)];
        // Quality 1 and a 4 MiB window: the fastest setting, which still finds the repetition across a manifest's consignments.
        if (!BrotliEncoder.TryCompress(source, buffer.AsSpan(offset), out var written, quality: 1, window: 22))
        {
            throw new InvalidOperationException("Brotli could not compress into a buffer of its own maximum size");
        }
        return buffer.AsSpan(0, offset + written).ToArray();
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
