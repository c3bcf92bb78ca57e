using System.Globalization;
using System.Text;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Notes;

namespace OpenCts.Ledger.Checkpoints;

/// <summary>The C2SP tlog-checkpoint note text: origin, tree size, root hash and optional extension lines.</summary>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash, IReadOnlyList<string> Extensions)
{
    /// <summary>A checkpoint without extension lines.</summary>
    public Checkpoint(string origin, long size, byte[] rootHash)
        : this(origin, size, rootHash, [])
    {
    }

    /// <summary>The note text, each line ending in a newline.</summary>
    public string ToNoteText()
    {
        var builder = new StringBuilder()
            .Append(Origin).Append('\n')
            .Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Convert.ToBase64String(RootHash)).Append('\n');
        foreach (var line in Extensions)
        {
            builder.Append(line).Append('\n');
        }
        return builder.ToString();
    }

    /// <summary>Reads a checkpoint note text (without signatures).</summary>
    public static Checkpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text[^1] != '\n')
        {
            throw new NoteFormatException("checkpoint: the text must end in a newline");
        }
        var lines = text[..^1].Split('\n');
        if (lines.Length < 3)
        {
            throw new NoteFormatException("checkpoint: fewer than three lines (origin, size, root hash)");
        }
        if (lines[0].Length == 0)
        {
            throw new NoteFormatException("checkpoint line 1: the origin is empty");
        }
        var sizeText = lines[1];
        if (sizeText.Length == 0 || !sizeText.All(char.IsAsciiDigit) || (sizeText.Length > 1 && sizeText[0] == '0')
            || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw new NoteFormatException($"checkpoint line 2: \"{sizeText}\" is not a tree size in decimal without leading zeroes");
        }
        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            throw new NoteFormatException("checkpoint line 3: the root hash is not base64");
        }
        if (root.Length != MerkleHash.Size || Convert.ToBase64String(root) != lines[2])
        {
            throw new NoteFormatException($"checkpoint line 3: the root hash is not {MerkleHash.Size} bytes in canonical base64");
        }
        for (var i = 3; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                throw new NoteFormatException($"checkpoint line {i + 1}: extension lines must not be empty");
            }
        }
        return new Checkpoint(lines[0], size, root, lines[3..]);
    }
}
