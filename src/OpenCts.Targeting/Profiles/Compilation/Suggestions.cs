using OpenCts.Domain.Common;

namespace OpenCts.Targeting.Profiles.Compilation;

/// <summary>Picks the name an analyst most likely meant, by edit distance.</summary>
internal static class Suggestions
{
    public static string? Closest(string written, IEnumerable<string> candidates)
    {
        var limit = Math.Max(2, written.Length / 4);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Order(StringComparer.Ordinal))
        {
            var distance = EditDistance.Between(written.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    public static string DidYouMean(string written, IEnumerable<string> candidates) =>
        Closest(written, candidates) is { } best ? $"; did you mean '{best}'?" : "";
}
