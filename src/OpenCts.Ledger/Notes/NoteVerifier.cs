using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace OpenCts.Ledger.Notes;

/// <summary>A public key that verifies note signatures, written as a C2SP verifier key <c>name+hexid+base64(type || key)</c>.</summary>
/// <remarks>Interoperates with Go's <c>golang.org/x/mod/sumdb/note</c> for type 0x01 and with tlog-cosignature witnesses for type 0x04.</remarks>
public sealed class NoteVerifier
{
    private readonly PublicKey _key;

    private NoteVerifier(string name, NoteKeyType type, PublicKey key, byte[] keyBytes)
    {
        Name = name;
        Type = type;
        _key = key;
        PublicKey = keyBytes;
        KeyId = NoteKeyId.Compute(name, type, keyBytes);
    }

    /// <summary>The key name, e.g. the log's origin or the witness's name.</summary>
    public string Name { get; }

    /// <summary>The signature type.</summary>
    public NoteKeyType Type { get; }

    /// <summary>The 32-bit key id.</summary>
    public uint KeyId { get; }

    /// <summary>The raw 32-byte Ed25519 public key.</summary>
    public IReadOnlyList<byte> PublicKey { get; }

    /// <summary>The verifier key text, safe to publish.</summary>
    public string VerifierKey =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}+{KeyId:x8}+{Convert.ToBase64String([(byte)Type, .. PublicKey])}");

    /// <inheritdoc/>
    public override string ToString() => VerifierKey;

    /// <summary>Reads a verifier key; the key id must match the key, as Go's note package insists.</summary>
    public static NoteVerifier Parse(string verifierKey)
    {
        ArgumentNullException.ThrowIfNull(verifierKey);
        var parts = verifierKey.Split('+', 3);
        if (parts.Length != 3)
        {
            throw new NoteFormatException($"verifier key \"{verifierKey}\" is not name+hexid+base64");
        }
        var (name, hexId, material) = (parts[0], parts[1], parts[2]);
        NoteKeyId.ValidateName(name);
        if (hexId.Length != 8 || !uint.TryParse(hexId, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var keyId)
            || !hexId.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            throw new NoteFormatException($"verifier key \"{verifierKey}\": the key id must be 8 lower-case hex digits");
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(material);
        }
        catch (FormatException)
        {
            throw new NoteFormatException($"verifier key \"{verifierKey}\": the key is not base64");
        }
        if (bytes.Length != 33 || (bytes[0] != (byte)NoteKeyType.Ed25519 && bytes[0] != (byte)NoteKeyType.CosignatureV1))
        {
            throw new NoteFormatException($"verifier key \"{verifierKey}\": not an Ed25519 key of type 0x01 or 0x04");
        }
        if (Convert.ToBase64String(bytes) != material)
        {
            throw new NoteFormatException($"verifier key \"{verifierKey}\": the key is not canonical base64");
        }
        var verifier = FromPublicKey(name, (NoteKeyType)bytes[0], bytes.AsSpan(1));
        if (verifier.KeyId != keyId)
        {
            throw new NoteFormatException($"verifier key \"{verifierKey}\": the key id does not match the key");
        }
        return verifier;
    }

    /// <summary>A verifier for a raw Ed25519 public key.</summary>
    public static NoteVerifier FromPublicKey(string name, NoteKeyType type, ReadOnlySpan<byte> publicKey)
    {
        NoteKeyId.ValidateName(name);
        if (!NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            throw new NoteFormatException($"key \"{name}\" is not a valid Ed25519 public key");
        }
        return new NoteVerifier(name, type, key, publicKey.ToArray());
    }

    /// <summary>Checks a signature (without its 4-byte key id) over a note text; for a cosignature also returns its timestamp.</summary>
    public bool Verify(string text, ReadOnlySpan<byte> signature, out long timestamp)
    {
        ArgumentNullException.ThrowIfNull(text);
        timestamp = 0;
        if (Type == NoteKeyType.Ed25519)
        {
            return signature.Length == 64 && SignatureAlgorithm.Ed25519.Verify(_key, Encoding.UTF8.GetBytes(text), signature);
        }
        if (signature.Length != 72)
        {
            return false;
        }
        var time = BinaryPrimitives.ReadUInt64BigEndian(signature);
        if (time > long.MaxValue)
        {
            return false;
        }
        timestamp = (long)time;
        return SignatureAlgorithm.Ed25519.Verify(_key, CosignedMessage(text, timestamp), signature[8..]);
    }

    /// <summary>The message a tlog-cosignature/v1 signs: header line, time line, then the whole note text.</summary>
    internal static byte[] CosignedMessage(string text, long timestamp) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"cosignature/v1\ntime {timestamp}\n{text}"));
}
