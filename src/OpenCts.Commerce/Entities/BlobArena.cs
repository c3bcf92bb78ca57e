using System.Text;

namespace OpenCts.Commerce.Entities;

/// <summary>Append-only UTF-8 storage for the raw text of party records, addressed by one int each.</summary>
/// <remarks>Millions of small strings would cost a 20-byte header and UTF-16 each; here a record's fields cost their UTF-8 bytes.</remarks>
internal sealed class BlobArena
{
    private const int Shift = 20;
    private const int ChunkSize = 1 << Shift;
    private readonly List<byte[]> chunks = [];
    private int used = ChunkSize;

    // A length fits 16 bits, as the index keeps it.
    public const int MaxLength = (1 << 16) - 1;

    public long Bytes => (long)(chunks.Count - 1) * ChunkSize + used;

    public int Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxLength)
        {
            throw new ArgumentException($"a party record of {bytes.Length} bytes is longer than {MaxLength}", nameof(bytes));
        }
        if (used + bytes.Length > ChunkSize)
        {
            chunks.Add(new byte[ChunkSize]);
            used = 0;
        }
        var offset = ((chunks.Count - 1) << Shift) | used;
        bytes.CopyTo(chunks[^1].AsSpan(used));
        used += bytes.Length;
        return offset;
    }

    public ReadOnlySpan<byte> Get(int offset, int length) => chunks[offset >> Shift].AsSpan(offset & (ChunkSize - 1), length);

    public string GetString(int offset, int length) => Encoding.UTF8.GetString(Get(offset, length));

    /// <summary>Writes the chunks: each whole but the last, which is written as far as it is used.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(chunks.Count);
        writer.Write(used);
        for (var i = 0; i < chunks.Count; i++)
        {
            writer.Write(chunks[i].AsSpan(0, i == chunks.Count - 1 ? used : ChunkSize));
        }
    }

    /// <summary>Fills this empty arena with one written by <see cref="Save"/>: the same offsets read the same bytes.</summary>
    public void Load(BinaryReader reader, string what)
    {
        if (chunks.Count != 0)
        {
            throw new InvalidOperationException("an arena is loaded only when empty");
        }
        var count = SnapshotFormat.ReadCount(reader, int.MaxValue >> Shift, what);
        var usedInLast = SnapshotFormat.ReadCount(reader, ChunkSize, what);
        if (count == 0 && usedInLast != ChunkSize)
        {
            throw new InvalidDataException($"{what}: no chunks, yet {usedInLast} bytes used");
        }
        for (var i = 0; i < count; i++)
        {
            var chunk = new byte[ChunkSize];
            SnapshotFormat.ReadSpan<byte>(reader, chunk.AsSpan(0, i == count - 1 ? usedInLast : ChunkSize), what);
            chunks.Add(chunk);
        }
        used = usedInLast;
    }
}
