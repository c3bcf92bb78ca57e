using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using OpenCts.Ledger.Merkle;

namespace OpenCts.Ledger.Storage;

/// <summary>What a leaf of the ledger holds: which record, and a salted commitment to its bytes.</summary>
/// <remarks>
/// The commitment is SHA-256(salt || record) with a random 32-byte salt kept beside the record, so a leaf reveals nothing
/// that can be guessed, and erasing salt and record under a retention rule leaves the tree intact.
/// Entry bytes: 0x01, the 32-byte commitment, the kind (uint8 length, UTF-8), the id (uint16 big-endian length, UTF-8).
/// </remarks>
public sealed record LedgerEntry(string RecordKind, string RecordId, byte[] Commitment)
{
    /// <summary>Bytes of a salt.</summary>
    public const int SaltSize = 32;

    private const byte Version = 0x01;

    /// <summary>SHA-256(salt || record).</summary>
    public static byte[] Commit(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> record)
    {
        // One-shot hashing of a pooled copy is several times faster than an incremental hash object per record.
        var length = salt.Length + record.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            salt.CopyTo(buffer);
            record.CopyTo(buffer.AsSpan(salt.Length));
            return SHA256.HashData(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A fresh random salt, from the system CSPRNG.</summary>
    /// <remarks>
    /// Drawn from a block of <see cref="SaltsPerDraw"/> salts that each thread fills at once: every call to the CSPRNG
    /// costs about as much as a block of this size, and salting each assessment of a bulk run alone took a tenth of the
    /// store's writer. A salt's bytes are wiped from the block as it is handed out.
    /// </remarks>
    public static byte[] NewSalt()
    {
        var block = t_salts ??= new byte[SaltSize * SaltsPerDraw];
        if (t_saltsLeft == 0)
        {
            RandomNumberGenerator.Fill(block);
            t_saltsLeft = SaltsPerDraw;
        }
        var next = block.AsSpan((SaltsPerDraw - t_saltsLeft) * SaltSize, SaltSize);
        var salt = next.ToArray();
        next.Clear();
        t_saltsLeft--;
        return salt;
    }

    /// <summary>How many salts one draw from the CSPRNG gives.</summary>
    internal const int SaltsPerDraw = 128;

    [ThreadStatic]
    private static byte[]? t_salts;

    [ThreadStatic]
    private static int t_saltsLeft;

    /// <summary>Checks a record kind and id before anything is written.</summary>
    public static void Validate(string recordKind, string recordId)
    {
        ArgumentException.ThrowIfNullOrEmpty(recordKind);
        ArgumentException.ThrowIfNullOrEmpty(recordId);
        if (Encoding.UTF8.GetByteCount(recordKind) > byte.MaxValue)
        {
            throw new ArgumentException($"record kind \"{recordKind}\" is longer than {byte.MaxValue} bytes", nameof(recordKind));
        }
        if (Encoding.UTF8.GetByteCount(recordId) > 60_000)
        {
            throw new ArgumentException("a record id is longer than 60,000 bytes", nameof(recordId));
        }
    }

    /// <summary>The leaf data.</summary>
    public byte[] ToBytes()
    {
        var kind = Encoding.UTF8.GetBytes(RecordKind);
        var id = Encoding.UTF8.GetBytes(RecordId);
        var bytes = new byte[1 + Commitment.Length + 1 + kind.Length + 2 + id.Length];
        bytes[0] = Version;
        Commitment.CopyTo(bytes, 1);
        var at = 1 + Commitment.Length;
        bytes[at++] = (byte)kind.Length;
        kind.CopyTo(bytes, at);
        at += kind.Length;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), (ushort)id.Length);
        id.CopyTo(bytes, at + 2);
        return bytes;
    }

    /// <summary>SHA-256(salt || record) written into <paramref name="destination"/>, without allocating or copying the record.</summary>
    internal static void Commit(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> record, Span<byte> destination) =>
        ThreadSha256.HashData(salt, record, destination);

    /// <summary>The leaf hash of an entry, SHA-256(0x00 || <see cref="ToBytes"/>), written into <paramref name="destination"/> without building the entry.</summary>
    internal static void WriteLeafHash(string recordKind, string recordId, ReadOnlySpan<byte> commitment, Span<byte> destination)
    {
        var kindLength = Encoding.UTF8.GetByteCount(recordKind);
        var idLength = Encoding.UTF8.GetByteCount(recordId);
        var length = 1 + 1 + commitment.Length + 1 + kindLength + 2 + idLength;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var bytes = buffer.AsSpan(0, length);
            bytes[0] = 0x00;
            bytes[1] = Version;
            commitment.CopyTo(bytes[2..]);
            var at = 2 + commitment.Length;
            bytes[at++] = (byte)kindLength;
            at += Encoding.UTF8.GetBytes(recordKind, bytes[at..]);
            BinaryPrimitives.WriteUInt16BigEndian(bytes[at..], (ushort)idLength);
            Encoding.UTF8.GetBytes(recordId, bytes[(at + 2)..]);
            ThreadSha256.HashData(bytes, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The RFC 9162 leaf hash of <see cref="ToBytes"/>.</summary>
    public byte[] LeafHash() => MerkleHash.Leaf(ToBytes());

    /// <summary>Reads leaf data written by <see cref="ToBytes"/>.</summary>
    public static LedgerEntry Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 1 + MerkleHash.Size + 3 || bytes[0] != Version)
        {
            throw new FormatException("not a version 1 ledger entry");
        }
        var commitment = bytes.Slice(1, MerkleHash.Size).ToArray();
        var at = 1 + MerkleHash.Size;
        int kindLength = bytes[at++];
        if (bytes.Length < at + kindLength + 2)
        {
            throw new FormatException("the ledger entry ends inside its record kind");
        }
        var kind = Encoding.UTF8.GetString(bytes.Slice(at, kindLength));
        at += kindLength;
        int idLength = BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
        at += 2;
        if (bytes.Length != at + idLength)
        {
            throw new FormatException("the ledger entry's record id has the wrong length");
        }
        return new LedgerEntry(kind, Encoding.UTF8.GetString(bytes.Slice(at, idLength)), commitment);
    }
}
