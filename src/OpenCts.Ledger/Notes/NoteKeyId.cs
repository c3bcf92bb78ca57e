using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OpenCts.Ledger.Notes;

/// <summary>Key names and key ids as C2SP signed-note defines them.</summary>
internal static class NoteKeyId
{
    /// <summary>SHA-256(name || 0x0A || type || public key)[:4], big-endian.</summary>
    public static uint Compute(string name, NoteKeyType type, ReadOnlySpan<byte> publicKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(buffer, 0);
        buffer[nameBytes.Length] = 0x0A;
        buffer[nameBytes.Length + 1] = (byte)type;
        publicKey.CopyTo(buffer.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(buffer));
    }

    public static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new NoteFormatException("a key name must not be empty");
        }
        foreach (var rune in name.EnumerateRunes())
        {
            if (rune.Value == '+' || Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                throw new NoteFormatException($"key name \"{name}\" must not contain spaces, control characters or '+'");
            }
        }
    }
}
