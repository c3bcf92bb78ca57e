using System.Collections.Frozen;
using System.Text;

namespace OpenCts.Ingestion.Edifact;

/// <summary>Segment tags as shared strings, so that reading a tag allocates nothing for the tags a message uses.</summary>
internal static class KnownTags
{
    private static readonly FrozenDictionary<int, string> Tags = (
        "UNA UNB UNG UNH UNT UNE UNZ BGM DTM RFF NAD CTA COM FTX TDT LOC GIS EQD SEL MEA DIM TSR CNT CNI GID PIA PCI " +
        "SGP DGS MOA CUX HAN TMP RNG QTY GEI CST GDS TCC DOC TPL EQA TOD")
        .Split(' ')
        .ToFrozenDictionary(t => Key(Encoding.ASCII.GetBytes(t)), t => t);

    public static string Of(ReadOnlySpan<byte> tag, bool dirty)
    {
        if (!dirty && tag.Length == 3 && Tags.TryGetValue(Key(tag), out var known))
        {
            return known;
        }
        // Not a tag: shown in places as received, on one line.
        return Pipeline.Printable.Of(Encoding.Latin1.GetString(tag[..Math.Min(tag.Length, 40)]));
    }

    private static int Key(ReadOnlySpan<byte> tag) => tag[0] << 16 | tag[1] << 8 | tag[2];
}
