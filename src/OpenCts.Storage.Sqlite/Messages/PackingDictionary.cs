using System.Buffers;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace OpenCts.Storage.Sqlite.Messages;

/// <summary>A Zstandard dictionary learned from a store's own records of one kind (consignment bodies, platform orders), kept in its row of <c>packing_dictionaries</c>, and the packing of a record with it.</summary>
/// <remarks>
/// A body's head or a platform order is a few hundred bytes: too little for a compressor to find much repetition in it
/// alone (Brotli saved a tenth on one body's head in three, at about ten microseconds to start each stream), while the
/// store's records repeat each other (senders, places, descriptions, the layout itself). With a dictionary learned from
/// them, a record packs to about half, and packing and unpacking one take a few microseconds.
/// A packed record is <c>[form][id][frame length][frame]</c>, the numbers as 7-bit varints: the row of the dictionary
/// and a Zstandard frame without its dictionary's own id (the row names it), with its checksum.
/// </remarks>
internal sealed class PackingDictionary(long id, byte[] bytes)
{
    /// <summary>The level Zstandard packs at: its lowest, whose tables for a dictionary are a few tens of KiB where the default's are about a MiB on every thread that packs, for records 5 % larger.</summary>
    private const int Level = 1;

    // Compressors and decompressors are not thread-safe and loading a dictionary into one costs more than a record: each
    // thread keeps one for each of the two dictionaries it used last (parsers pack bodies on every core; a page's reader
    // unpacks its bodies, then its platform orders). Two, not more: a thread outlives the stores it served.
    [ThreadStatic] private static Kept<Compressor>? t_compressors;
    [ThreadStatic] private static Kept<Decompressor>? t_decompressors;

    /// <summary>The row of <c>packing_dictionaries</c> that holds it.</summary>
    public long Id { get; } = id;

    /// <summary>The dictionary as Zstandard's trainer made it.</summary>
    public byte[] Bytes { get; } = bytes;

    /// <summary>A record packed with this dictionary, behind <paramref name="form"/> (the first byte, which says how the rest is kept): form, id, frame length, frame.</summary>
    public byte[] Pack(ReadOnlySpan<byte> record, byte form)
    {
        var compressor = Packer();
        var buffer = ArrayPool<byte>.Shared.Rent(Compressor.GetCompressBound(record.Length));
        try
        {
            var written = compressor.Wrap(record, buffer);
            var packed = new byte[1 + Varint.Length((ulong)Id) + Varint.Length((ulong)written) + written];
            packed[0] = form;
            var at = Varint.Write(packed, 1, (ulong)Id);
            at = Varint.Write(packed, at, (ulong)written);
            buffer.AsSpan(0, written).CopyTo(packed.AsSpan(at));
            return packed;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The length of a packed record once unpacked, as its frame says.</summary>
    /// <exception cref="InvalidDataException">The frame does not say it (the row was changed).</exception>
    public static int UnpackedLength(ReadOnlySpan<byte> frame)
    {
        ulong length;
        try
        {
            length = ZstdSharp.Decompressor.GetDecompressedSize(frame);
        }
        catch (ZstdException e)
        {
            throw new InvalidDataException("a record packed with a dictionary does not say its length", e);
        }
        return length <= int.MaxValue ? (int)length : throw new InvalidDataException("a record packed with a dictionary says a length no record has");
    }

    /// <summary>Unpacks a frame into <paramref name="into"/>, which holds at least its unpacked length.</summary>
    /// <exception cref="InvalidDataException">The frame does not unpack with this dictionary (the row was changed).</exception>
    public int Unpack(ReadOnlySpan<byte> frame, Span<byte> into)
    {
        try
        {
            return Unpacker().Unwrap(frame, into);
        }
        catch (ZstdException e)
        {
            throw new InvalidDataException($"a record packed with dictionary {Id} does not unpack", e);
        }
    }

    private Compressor Packer() => (t_compressors ??= new Kept<Compressor>()).For(this, static dictionary =>
    {
        var compressor = new Compressor(Level);
        // The record names its dictionary's row; the frame need not name it again (four bytes a record). It keeps its
        // checksum (four bytes too): a record changed behind the store then fails to unpack instead of reading as another.
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_dictIDFlag, 0);
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        compressor.LoadDictionary(dictionary.Bytes);
        return compressor;
    });

    private Decompressor Unpacker() => (t_decompressors ??= new Kept<Decompressor>()).For(this, static dictionary =>
    {
        var decompressor = new Decompressor();
        decompressor.LoadDictionary(dictionary.Bytes);
        return decompressor;
    });

    /// <summary>A thread's (de)compressors for the two dictionaries it used last; the older goes when a third comes.</summary>
    private sealed class Kept<T>
        where T : class, IDisposable
    {
        private (PackingDictionary? For, T? Value) _last;
        private (PackingDictionary? For, T? Value) _before;

        public T For(PackingDictionary dictionary, Func<PackingDictionary, T> make)
        {
            if (ReferenceEquals(_last.For, dictionary))
            {
                return _last.Value!;
            }
            if (!ReferenceEquals(_before.For, dictionary))
            {
                _before.Value?.Dispose();
                _before = (dictionary, make(dictionary));
            }
            (_last, _before) = (_before, _last);
            return _last.Value!;
        }
    }
}

/// <summary>Unsigned numbers in 7-bit groups, low group first, the high bit set on every byte but the last.</summary>
internal static class Varint
{
    public static int Length(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }
        return length;
    }

    /// <summary>Writes the value at <paramref name="at"/> and returns the position after it.</summary>
    public static int Write(Span<byte> into, int at, ulong value)
    {
        while (value >= 0x80)
        {
            into[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        into[at++] = (byte)value;
        return at;
    }

    /// <summary>Reads a value at <paramref name="at"/>, moving it past; false when the bytes end first or the value passes 63 bits.</summary>
    public static bool TryRead(ReadOnlySpan<byte> from, ref int at, out long value)
    {
        ulong result = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            if (at >= from.Length)
            {
                break;
            }
            var b = from[at++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                value = (long)result;
                return result <= long.MaxValue;
            }
        }
        value = 0;
        return false;
    }
}
