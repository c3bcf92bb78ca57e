using System.IO.Compression;
using System.Text;

namespace OpenCts.Commerce.Entities;

/// <summary>
/// Append-only UTF-8 storage for the raw text of party records, addressed by one int each, kept Brotli-compressed
/// a block at a time.
/// </summary>
/// <remarks>
/// <para>
/// The raw text is read only when an officer asks why a party is in its entity, or when an analyst splits one: never
/// on the way a consignment is assessed. At a million consignments it was the index's largest single part (about
/// 190 MB of names, streets, cities, phones and e-mails), and such text repeats itself: a block of 64 KB packs to about
/// a third. The block being filled stays plain, so the record just added (the one a repeat buyer is compared with)
/// is read without unpacking anything.
/// </para>
/// <para>
/// Reading a sealed block unpacks it whole into a buffer kept for the next read, so reading the records of one
/// entity unpacks each of its blocks once in a row. Like the index, the arena has one caller at a time.
/// </para>
/// </remarks>
internal sealed class PackedArena
{
    private const int Shift = 16;
    private const int BlockSize = 1 << Shift;
    // A low quality: the index packs on the thread that enriches every page in order, and `cts bench ecommerce` took
    // 4 s longer over a million parcels at quality 5 than at 2, for 1 % less packed. The window is one block.
    private const int Quality = 2;
    private const int Window = 16;

    private readonly List<byte[]> sealedBlocks = [];
    // True where a block did not pack by a tenth and is kept plain.
    private readonly List<bool> plain = [];
    private byte[] open = new byte[BlockSize];
    private int used;
    private readonly byte[] unpacked = new byte[BlockSize];
    private int unpackedBlock = -1;
    private byte[] packBuffer = [];

    /// <summary>The longest record the arena takes: a block less a byte, so that its length fits 16 bits.</summary>
    public const int MaxLength = BlockSize - 1;

    /// <summary>Bytes held: the sealed blocks as packed, and the open block whole.</summary>
    public long Bytes { get; private set; } = BlockSize;

    /// <summary>Bytes appended, before packing.</summary>
    public long TextBytes { get; private set; }

    public int Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxLength)
        {
            throw new ArgumentException($"a party record of {bytes.Length} bytes is longer than {MaxLength}", nameof(bytes));
        }
        if (sealedBlocks.Count >= (int.MaxValue >> Shift))
        {
            throw new InvalidOperationException($"the entity index holds {TextBytes:N0} bytes of party text, the most it can address");
        }
        if (used + bytes.Length > BlockSize)
        {
            Seal();
        }
        var offset = (sealedBlocks.Count << Shift) | used;
        bytes.CopyTo(open.AsSpan(used));
        used += bytes.Length;
        TextBytes += bytes.Length;
        return offset;
    }

    /// <summary>The bytes of a record; valid until the next call to the arena.</summary>
    public ReadOnlySpan<byte> Get(int offset, int length) => Block(offset >> Shift).Slice(offset & (BlockSize - 1), length);

    public string GetString(int offset, int length) => Encoding.UTF8.GetString(Get(offset, length));

    /// <summary>Whether reading the record unpacks nothing: it is in the open block, or the block last unpacked.</summary>
    public bool IsAtHand(int offset) => (offset >> Shift) is var block && (block == sealedBlocks.Count || block == unpackedBlock);

    private ReadOnlySpan<byte> Block(int block)
    {
        if (block == sealedBlocks.Count)
        {
            return open.AsSpan(0, used);
        }
        if (plain[block])
        {
            return sealedBlocks[block];
        }
        if (block != unpackedBlock)
        {
            if (!BrotliDecoder.TryDecompress(sealedBlocks[block], unpacked, out _))
            {
                throw new InvalidOperationException($"block {block} of the entity index's party text does not unpack");
            }
            unpackedBlock = block;
        }
        return unpacked;
    }

    private void Seal()
    {
        var text = open.AsSpan(0, used);
        if (packBuffer.Length < BlockSize)
        {
            packBuffer = new byte[BrotliEncoder.GetMaxCompressedLength(BlockSize)];
        }
        byte[] kept;
        if (BrotliEncoder.TryCompress(text, packBuffer, out var written, Quality, Window) && written <= used - (used / 10))
        {
            kept = packBuffer.AsSpan(0, written).ToArray();
            plain.Add(false);
        }
        else
        {
            kept = text.ToArray();
            plain.Add(true);
        }
        sealedBlocks.Add(kept);
        Bytes += kept.Length;
        // The open block's array is reused: a new one for every block would leave 64 KB behind each time.
        used = 0;
    }

    /// <summary>Writes the sealed blocks as packed, the open block as far as it is used, and which block is unpacked.</summary>
    /// <remarks>
    /// The unpacked block is a cache, but what is at hand decides whether a repeat buyer's record shares the text of
    /// the one it matched (<see cref="IsAtHand"/>), so a loaded arena unpacks the same block to hold the same bytes
    /// after the same records.
    /// </remarks>
    public void Save(BinaryWriter writer)
    {
        writer.Write(sealedBlocks.Count);
        for (var i = 0; i < sealedBlocks.Count; i++)
        {
            writer.Write(plain[i]);
            writer.Write(sealedBlocks[i].Length);
            writer.Write(sealedBlocks[i]);
        }
        writer.Write(used);
        writer.Write(open.AsSpan(0, used));
        writer.Write(TextBytes);
        writer.Write(unpackedBlock);
    }

    /// <summary>Fills this empty arena with one written by <see cref="Save"/>.</summary>
    public void Load(BinaryReader reader, string what)
    {
        if (TextBytes != 0)
        {
            throw new InvalidOperationException("an arena is loaded only when empty");
        }
        var count = SnapshotFormat.ReadCount(reader, int.MaxValue >> Shift, what);
        var packedAtMost = BrotliEncoder.GetMaxCompressedLength(BlockSize);
        for (var i = 0; i < count; i++)
        {
            var isPlain = reader.ReadBoolean();
            var block = new byte[SnapshotFormat.ReadCount(reader, isPlain ? BlockSize : packedAtMost, what)];
            SnapshotFormat.ReadSpan<byte>(reader, block, what);
            sealedBlocks.Add(block);
            plain.Add(isPlain);
            Bytes += block.Length;
        }
        used = SnapshotFormat.ReadCount(reader, BlockSize, what);
        SnapshotFormat.ReadSpan<byte>(reader, open.AsSpan(0, used), what);
        TextBytes = reader.ReadInt64();
        var atHand = reader.ReadInt32();
        if (atHand < -1 || atHand >= count || (atHand >= 0 && plain[atHand]))
        {
            throw new InvalidDataException($"{what}: unpacked block {atHand} is not a packed block of {count}");
        }
        if (atHand >= 0 && !BrotliDecoder.TryDecompress(sealedBlocks[atHand], unpacked, out _))
        {
            throw new InvalidDataException($"{what}: block {atHand} does not unpack");
        }
        unpackedBlock = atHand;
    }
}
