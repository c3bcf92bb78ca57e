using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace OpenCts.Ledger.Notes;

/// <summary>An Ed25519 private key that signs notes (type 0x01) or cosigns checkpoints (type 0x04).</summary>
/// <remarks>
/// The signer key text is Go's <c>PRIVATE+KEY+name+hexid+base64(type || seed)</c>, so a key can move between OpenCTS and Go tools.
/// It is a secret: <see cref="ToString"/> never shows it, only <see cref="ExportSignerKey"/> does.
/// </remarks>
public sealed class NoteSigner : IDisposable
{
    private const string Prefix = "PRIVATE+KEY+";
    private readonly Key _key;

    private NoteSigner(string name, NoteKeyType type, Key key)
    {
        _key = key;
        Verifier = NoteVerifier.FromPublicKey(name, type, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The matching verifier, safe to publish.</summary>
    public NoteVerifier Verifier { get; }

    /// <summary>The key name.</summary>
    public string Name => Verifier.Name;

    /// <summary>The 32-bit key id.</summary>
    public uint KeyId => Verifier.KeyId;

    /// <summary>A new random key.</summary>
    public static NoteSigner Generate(string name, NoteKeyType type)
    {
        NoteKeyId.ValidateName(name);
        var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new NoteSigner(name, type, key);
    }

    /// <summary>Reads a signer key; the key id must match the key.</summary>
    public static NoteSigner Parse(string signerKey)
    {
        ArgumentNullException.ThrowIfNull(signerKey);
        signerKey = signerKey.Trim();
        if (!signerKey.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new NoteFormatException("a signer key must start with PRIVATE+KEY+");
        }
        var parts = signerKey[Prefix.Length..].Split('+', 3);
        if (parts.Length != 3)
        {
            throw new NoteFormatException("a signer key is PRIVATE+KEY+name+hexid+base64");
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            throw new NoteFormatException("the signer key material is not base64");
        }
        if (bytes.Length != 33 || (bytes[0] != (byte)NoteKeyType.Ed25519 && bytes[0] != (byte)NoteKeyType.CosignatureV1))
        {
            throw new NoteFormatException("the signer key is not an Ed25519 key of type 0x01 or 0x04");
        }
        NoteKeyId.ValidateName(parts[0]);
        var key = Key.Import(SignatureAlgorithm.Ed25519, bytes.AsSpan(1), KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var signer = new NoteSigner(parts[0], (NoteKeyType)bytes[0], key);
        if (!string.Equals(signer.KeyId.ToString("x8", CultureInfo.InvariantCulture), parts[1], StringComparison.Ordinal))
        {
            signer.Dispose();
            throw new NoteFormatException("the signer key id does not match the key");
        }
        return signer;
    }

    /// <summary>The secret signer key text, for the key file only.</summary>
    public string ExportSignerKey()
    {
        var seed = _key.Export(KeyBlobFormat.RawPrivateKey);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Name}+{KeyId:x8}+{Convert.ToBase64String([(byte)Verifier.Type, .. seed])}");
    }

    /// <summary>Signs a note text; a cosigner stamps the signature with <paramref name="timestamp"/> (POSIX seconds).</summary>
    public NoteSignature Sign(string text, long timestamp = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] signature;
        if (Verifier.Type == NoteKeyType.Ed25519)
        {
            signature = SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(text));
        }
        else
        {
            signature = new byte[72];
            BinaryPrimitives.WriteUInt64BigEndian(signature, (ulong)timestamp);
            SignatureAlgorithm.Ed25519.Sign(_key, NoteVerifier.CosignedMessage(text, timestamp), signature.AsSpan(8));
        }
        return new NoteSignature(Name, KeyId, signature);
    }

    /// <inheritdoc/>
    public override string ToString() => Verifier.VerifierKey;

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}
