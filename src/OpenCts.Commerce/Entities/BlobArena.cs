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
}
