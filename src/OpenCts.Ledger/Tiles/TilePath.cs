using System.Globalization;

namespace OpenCts.Ledger.Tiles;

/// <summary>A tlog-tiles resource path after <c>tile/</c>: <c>&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c> or <c>entries/&lt;N&gt;[.p/&lt;W&gt;]</c>.</summary>
/// <param name="Level">The tile level, or -1 for an entry bundle.</param>
/// <param name="Index">The tile index.</param>
/// <param name="Width">256 for a full tile, 1 to 255 for a partial one.</param>
public readonly record struct TilePath(int Level, long Index, int Width)
{
    /// <summary>True for an entry bundle.</summary>
    public bool IsEntries => Level < 0;

    /// <summary>Reads a path; false if it is not one the spec allows (e.g. leading zeroes, a bad <c>x</c> prefix).</summary>
    public static bool TryParse(string path, out TilePath tile)
    {
        tile = default;
        var segments = path.Split('/');
        if (segments.Length < 2)
        {
            return false;
        }
        int level;
        if (segments[0] == "entries")
        {
            level = -1;
        }
        else if (!Decimal(segments[0], out level) || level > 63)
        {
            return false;
        }
        var width = 256;
        var last = segments.Length - 1;
        if (segments[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!Decimal(segments[^1], out width) || width is < 1 or > 255)
            {
                return false;
            }
            segments[^2] = segments[^2][..^2];
            last--;
        }
        long index = 0;
        for (var i = 1; i <= last; i++)
        {
            var part = segments[i];
            if (i < last)
            {
                if (part.Length != 4 || part[0] != 'x')
                {
                    return false;
                }
                part = part[1..];
            }
            if (part.Length != 3 || !part.All(char.IsAsciiDigit))
            {
                return false;
            }
            index = checked(index * 1000 + int.Parse(part, CultureInfo.InvariantCulture));
        }
        tile = new TilePath(level, index, width);
        return true;
    }

    /// <summary>The path as the spec writes it, e.g. <c>1/x001/x234/067.p/17</c>.</summary>
    public override string ToString()
    {
        var digits = Index.ToString(CultureInfo.InvariantCulture);
        digits = digits.PadLeft((digits.Length + 2) / 3 * 3, '0');
        var groups = Enumerable.Range(0, digits.Length / 3).Select(i => digits.Substring(i * 3, 3)).ToList();
        var path = string.Join('/', groups.Select((g, i) => i < groups.Count - 1 ? "x" + g : g));
        var head = IsEntries ? "entries" : Level.ToString(CultureInfo.InvariantCulture);
        return Width == 256 ? $"{head}/{path}" : string.Create(CultureInfo.InvariantCulture, $"{head}/{path}.p/{Width}");
    }

    private static bool Decimal(string text, out int value)
    {
        value = 0;
        return text.Length > 0 && text.Length <= 3 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0')
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
