using System.Buffers.Binary;
using System.Text;

namespace OpenCts.Ledger.Notes;

/// <summary>A C2SP signed note: a text ending in a newline, a blank line, and signature lines.</summary>
public sealed record SignedNote(string Text, IReadOnlyList<NoteSignature> Signatures)
{
    /// <summary>More signatures than this make the note malformed (Go's note package allows 100).</summary>
    public const int MaxSignatures = 100;

    /// <summary>The note as written: text, blank line, signature lines.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            builder.Append(signature.Line);
        }
        return builder.ToString();
    }

    /// <summary>The same note with more signatures; a signature already present (same key, same bytes) is not repeated.</summary>
    public SignedNote WithSignatures(IEnumerable<NoteSignature> more)
    {
        var all = Signatures.ToList();
        foreach (var signature in more)
        {
            if (!all.Any(s => s.Name == signature.Name && s.KeyId == signature.KeyId && s.Signature.AsSpan().SequenceEqual(signature.Signature)))
            {
                all.Add(signature);
            }
        }
        return this with { Signatures = all };
    }

    /// <summary>Reads a note from bytes, which must be valid UTF-8.</summary>
    public static SignedNote Parse(ReadOnlySpan<byte> bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new NoteFormatException("the note is not valid UTF-8");
        }
        return Parse(text);
    }

    /// <summary>Reads a note; its signatures are not checked here.</summary>
    public static SignedNote Parse(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        for (var i = 0; i < note.Length; i++)
        {
            if (note[i] < 0x20 && note[i] != '\n')
            {
                throw new NoteFormatException($"the note has a control character at offset {i}");
            }
        }
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new NoteFormatException("the note has no blank line before its signatures");
        }
        var text = note[..(split + 1)];
        var rest = note[(split + 2)..];
        if (rest.Length == 0 || rest[^1] != '\n')
        {
            throw new NoteFormatException("the note's signature lines must end in a newline");
        }
        var lines = rest[..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            throw new NoteFormatException($"the note has more than {MaxSignatures} signatures");
        }
        var signatures = new List<NoteSignature>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            signatures.Add(ParseLine(lines[i], i + 1));
        }
        return new SignedNote(text, signatures);
    }

    /// <summary>Reads signature lines as a witness returns them (<c>— name base64</c> each, newline-terminated).</summary>
    public static IReadOnlyList<NoteSignature> ParseSignatureLines(string lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Length == 0 || lines[^1] != '\n')
        {
            throw new NoteFormatException("signature lines must end in a newline");
        }
        return [.. lines[..^1].Split('\n').Select((line, i) => ParseLine(line, i + 1))];
    }

    /// <summary>The signatures that verify under <paramref name="verifiers"/>; signatures of unknown keys are ignored.</summary>
    /// <exception cref="NoteVerificationException">A signature by a known key (same name and id) does not verify.</exception>
    public IReadOnlyList<VerifiedSignature> VerifiedBy(IEnumerable<NoteVerifier> verifiers)
    {
        ArgumentNullException.ThrowIfNull(verifiers);
        var known = verifiers.ToList();
        var verified = new List<VerifiedSignature>();
        foreach (var signature in Signatures)
        {
            foreach (var verifier in known)
            {
                if (verifier.Name != signature.Name || verifier.KeyId != signature.KeyId)
                {
                    continue;
                }
                if (!verifier.Verify(Text, signature.Signature, out var timestamp))
                {
                    throw new NoteVerificationException($"the signature of {signature.Name} ({signature.KeyId:x8}) does not verify");
                }
                verified.Add(new VerifiedSignature(verifier, signature, timestamp));
            }
        }
        return verified;
    }

    /// <summary>Checks that at least one trusted key signed the note, and returns the verified signatures.</summary>
    /// <exception cref="NoteVerificationException">No trusted signature, or a bad one.</exception>
    public IReadOnlyList<VerifiedSignature> Verify(IEnumerable<NoteVerifier> verifiers)
    {
        var verified = VerifiedBy(verifiers);
        if (verified.Count == 0)
        {
            throw new NoteVerificationException("the note has no signature from a trusted key");
        }
        return verified;
    }

    private static NoteSignature ParseLine(string line, int number)
    {
        if (!line.StartsWith("\u2014 ", StringComparison.Ordinal))
        {
            throw new NoteFormatException($"signature line {number} does not start with an em dash and a space");
        }
        var body = line[2..];
        var space = body.LastIndexOf(' ');
        if (space <= 0)
        {
            throw new NoteFormatException($"signature line {number} has no key name and signature");
        }
        var name = body[..space];
        NoteKeyId.ValidateName(name);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(body[(space + 1)..]);
        }
        catch (FormatException)
        {
            throw new NoteFormatException($"signature line {number}: the signature is not base64");
        }
        if (bytes.Length < 5)
        {
            throw new NoteFormatException($"signature line {number}: the signature is too short");
        }
        return new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes[4..]);
    }
}
