using System.Globalization;
using System.Text;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Notes;

namespace OpenCts.Ledger.Witness;

/// <summary>The body of a tlog-witness add-checkpoint request: old size, consistency proof, signed checkpoint.</summary>
public sealed record AddCheckpointRequest(long OldSize, IReadOnlyList<byte[]> ConsistencyProof, SignedCheckpoint Checkpoint)
{
    /// <summary>Most proof lines a request may carry (tlog-witness).</summary>
    public const int MaxProofLines = 63;

    /// <summary>The request body.</summary>
    public string ToBody()
    {
        var body = new StringBuilder("old ").Append(OldSize.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in ConsistencyProof)
        {
            body.Append(Convert.ToBase64String(hash)).Append('\n');
        }
        return body.Append('\n').Append(Checkpoint.ToString()).ToString();
    }

    /// <summary>Reads a request body; errors say which line is wrong.</summary>
    public static AddCheckpointRequest Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var end = body.IndexOf('\n', StringComparison.Ordinal);
        if (end < 0 || !body.StartsWith("old ", StringComparison.Ordinal))
        {
            throw new NoteFormatException("line 1: expected \"old <size>\"");
        }
        var sizeText = body[4..end];
        if (sizeText.Length == 0 || !sizeText.All(char.IsAsciiDigit) || (sizeText.Length > 1 && sizeText[0] == '0')
            || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var oldSize))
        {
            throw new NoteFormatException($"line 1: \"{sizeText}\" is not a size in decimal without leading zeroes");
        }
        var proof = new List<byte[]>();
        var at = end + 1;
        var line = 2;
        while (true)
        {
            var next = body.IndexOf('\n', at);
            if (next < 0)
            {
                throw new NoteFormatException($"line {line}: the blank line before the checkpoint is missing");
            }
            if (next == at)
            {
                at = next + 1;
                break;
            }
            if (proof.Count == MaxProofLines)
            {
                throw new NoteFormatException($"line {line}: more than {MaxProofLines} consistency proof lines");
            }
            try
            {
                var hash = Convert.FromBase64String(body[at..next]);
                proof.Add(hash);
            }
            catch (FormatException)
            {
                throw new NoteFormatException($"line {line}: a consistency proof line must be one base64 hash");
            }
            at = next + 1;
            line++;
        }
        return new AddCheckpointRequest(oldSize, proof, SignedCheckpoint.Parse(body[at..]));
    }
}
