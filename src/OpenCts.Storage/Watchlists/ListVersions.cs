using OpenCts.Domain.Traders;

namespace OpenCts.Storage.Watchlists;

/// <summary>What a new version of a versioned list (a reference list, the trusted-trader register) adds and removes, the same on every backend.</summary>
public static class ListVersions
{
    /// <summary>The key a trusted trader is compared by between versions.</summary>
    public static string Key(TrustedTrader trader)
    {
        ArgumentNullException.ThrowIfNull(trader);
        return trader.Scheme + ":" + trader.Identifier;
    }

    /// <summary>How many values the new version adds and how many of the old it removes.</summary>
    public static (int Added, int Removed) Difference(IReadOnlyCollection<string> before, IReadOnlyCollection<string> after)
    {
        var old = new HashSet<string>(before, StringComparer.Ordinal);
        var now = new HashSet<string>(after, StringComparer.Ordinal);
        return (now.Count(v => !old.Contains(v)), old.Count(v => !now.Contains(v)));
    }
}
