using System.Collections.Concurrent;

namespace OpenCts.Targeting.Profiles.Fields;

/// <summary>Shares the short strings that derived fields cut out of longer ones (HS chapters, country codes), so reading them allocates nothing.</summary>
internal static class TextCache
{
    private static readonly ConcurrentDictionary<string, string> Slices = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Slices.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The first <paramref name="length"/> characters of a text, or null when it is shorter or missing.</summary>
    public static string? Prefix(string? text, int length)
    {
        if (text is null || text.Length < length)
        {
            return null;
        }
        if (text.Length == length)
        {
            return text;
        }
        var span = text.AsSpan(0, length);
        if (Lookup.TryGetValue(span, out var cached))
        {
            return cached;
        }
        var slice = span.ToString();
        return Slices.GetOrAdd(slice, slice);
    }
}
