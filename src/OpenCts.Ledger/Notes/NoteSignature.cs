using System.Buffers.Binary;

namespace OpenCts.Ledger.Notes;

/// <summary>One signature line of a note: key name, key id and the signature bytes after the id.</summary>
public sealed record NoteSignature(string Name, uint KeyId, byte[] Signature)
{
    /// <summary>The line as written in a note, <c>— name base64(keyid || signature)</c>, with its newline.</summary>
    public string Line
    {
        get
        {
            var bytes = new byte[4 + Signature.Length];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, KeyId);
            Signature.CopyTo(bytes, 4);
            return $"\u2014 {Name} {Convert.ToBase64String(bytes)}\n";
        }
    }
}
