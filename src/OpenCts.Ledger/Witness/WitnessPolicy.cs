using System.Globalization;
using OpenCts.Ledger.Notes;

namespace OpenCts.Ledger.Witness;

/// <summary>The witnesses a log submits to, and how many (k of n) must cosign before a checkpoint is final.</summary>
/// <remarks>Kept in a text file of lines <c>URL VKEY</c> and one <c>quorum K</c>; <c>#</c> starts a comment.</remarks>
public sealed record WitnessPolicy(IReadOnlyList<WitnessEndpoint> Witnesses, int Quorum)
{
    /// <summary>No witnesses: every checkpoint is final when the log signs it.</summary>
    public static WitnessPolicy None { get; } = new([], 0);

    /// <summary>Reads a policy file; errors name the line.</summary>
    public static WitnessPolicy Load(string path)
    {
        var witnesses = new List<WitnessEndpoint>();
        int? quorum = null;
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Split('#', 2)[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] == "quorum")
            {
                if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var k))
                {
                    throw new FormatException($"{path}:{number}: quorum must be a number");
                }
                quorum = k;
                continue;
            }
            if (parts.Length != 2 || !Uri.TryCreate(parts[0], UriKind.Absolute, out var url))
            {
                throw new FormatException($"{path}:{number}: expected \"URL VKEY\" or \"quorum K\"");
            }
            NoteVerifier key;
            try
            {
                key = NoteVerifier.Parse(parts[1]);
            }
            catch (NoteFormatException e)
            {
                throw new FormatException($"{path}:{number}: {e.Message}", e);
            }
            if (key.Type != NoteKeyType.CosignatureV1)
            {
                throw new FormatException($"{path}:{number}: a witness key must be a cosignature (0x04) key");
            }
            witnesses.Add(new WitnessEndpoint(url, key));
        }
        var policy = new WitnessPolicy(witnesses, quorum ?? witnesses.Count);
        if (policy.Quorum > witnesses.Count)
        {
            throw new FormatException($"{path}: a quorum of {policy.Quorum} cannot be met by {witnesses.Count} witnesses");
        }
        return policy;
    }
}
