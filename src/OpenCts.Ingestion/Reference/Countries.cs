using System.Collections.Frozen;

namespace OpenCts.Ingestion.Reference;

/// <summary>ISO 3166-1 countries and the ISO 4217 currencies they use, from the embedded <c>country-codes.csv</c>.</summary>
public static class Countries
{
    private static readonly Lazy<(FrozenDictionary<string, string> Names, FrozenSet<string> Currencies)> Table = new(Load);

    /// <summary>The number of countries.</summary>
    public static int Count => Table.Value.Names.Count;

    /// <summary>True for an ISO 3166-1 alpha-2 code in the table.</summary>
    public static bool Contains(string? alpha2) => alpha2 is { Length: 2 } && Table.Value.Names.ContainsKey(alpha2);

    /// <summary>The country's English short name, or null.</summary>
    public static string? NameOf(string alpha2) => Table.Value.Names.GetValueOrDefault(alpha2);

    /// <summary>The ISO 4217 codes of every currency a country uses.</summary>
    internal static FrozenSet<string> CurrencyCodes => Table.Value.Currencies;

    private static (FrozenDictionary<string, string>, FrozenSet<string>) Load()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var currencies = new HashSet<string>(StringComparer.Ordinal);
        var header = ReferenceCsv.Header("country-codes.csv");
        var alpha2 = Array.IndexOf(header, "ISO3166-1-Alpha-2");
        var currency = Array.IndexOf(header, "ISO4217-currency_alphabetic_code");
        var name = Array.IndexOf(header, "CLDR display name");
        foreach (var row in ReferenceCsv.Rows("country-codes.csv"))
        {
            if (row.Length <= Math.Max(alpha2, Math.Max(currency, name)) || row[alpha2].Length != 2)
            {
                continue;
            }
            names.TryAdd(row[alpha2], row[name]);
            foreach (var code in row[currency].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                currencies.Add(code);
            }
        }
        return (names.ToFrozenDictionary(StringComparer.Ordinal), currencies.ToFrozenSet(StringComparer.Ordinal));
    }
}

/// <summary>ISO 4217 currencies in use: every currency of a country in <see cref="Countries"/>, plus the codes that belong to no one country.</summary>
public static class Currencies
{
    // Special drawing rights and the codes some senders use for gold and silver are not any country's currency.
    private static readonly Lazy<FrozenSet<string>> Codes = new(() => Countries.CurrencyCodes.Concat(["XDR", "XAU", "XAG", "XPT", "XPD", "XSU", "XUA"]).ToFrozenSet(StringComparer.Ordinal));

    /// <summary>True for a code in use, such as <c>EUR</c>.</summary>
    public static bool Contains(string? code) => code is { Length: 3 } && Codes.Value.Contains(code);
}
