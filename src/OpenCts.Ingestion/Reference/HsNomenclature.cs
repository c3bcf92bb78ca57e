using System.Collections.Frozen;

namespace OpenCts.Ingestion.Reference;

/// <summary>The Harmonized System 2022 nomenclature: which chapters, headings and subheadings exist.</summary>
/// <remarks>Built once, on first use, from the embedded <c>harmonized-system.csv</c> (about 5,600 subheadings; chapter 99 left out).</remarks>
public static class HsNomenclature
{
    private static readonly Lazy<FrozenDictionary<string, string>> Codes = new(Load);

    /// <summary>The number of chapters, headings and subheadings.</summary>
    public static int Count => Codes.Value.Count;

    /// <summary>True when the code's six-digit subheading exists in HS 2022; national digits after the sixth are not checked.</summary>
    public static bool Contains(string? code) =>
        code is { Length: >= 6 } && Codes.Value.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(code.AsSpan(0, 6));

    /// <summary>The description of a chapter (2 digits), heading (4) or subheading (6), or null.</summary>
    public static string? Describe(string code) => Codes.Value.GetValueOrDefault(code);

    private static FrozenDictionary<string, string> Load()
    {
        // section, hscode, description, parent, level
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in ReferenceCsv.Rows("harmonized-system.csv"))
        {
            // Chapter 99 ("commodities not specified according to kind", section TOTAL) is no part of the HS proper;
            // 999999 is the placeholder it would otherwise let through.
            if (row.Length >= 3 && row[1].Length is 2 or 4 or 6 && row[0] != "TOTAL")
            {
                codes.TryAdd(row[1], row[2]);
            }
        }
        return codes.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
