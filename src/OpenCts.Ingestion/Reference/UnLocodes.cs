using System.Collections.Frozen;
using OpenCts.Domain.Values;

namespace OpenCts.Ingestion.Reference;

/// <summary>The UNECE UN/LOCODE list (2014 edition, about 44,800 places), from the embedded <c>un-locode-2014.csv</c>.</summary>
/// <remarks>
/// Built once, on first use: a set of codes and a table from IATA airport codes to the places that are airports (function 4).
/// The embedded edition does not list every country (it has none of the United States, the United Kingdom, France, Spain,
/// Turkey or South Africa, for instance), so a place can only be called unknown in a country it covers: see <see cref="Covers"/>.
/// </remarks>
public static class UnLocodes
{
    private static readonly Lazy<(FrozenSet<string> Codes, FrozenSet<string> Countries, IReadOnlyList<KeyValuePair<string, UnLocode>> Airports)> Table = new(Load);

    /// <summary>The number of places.</summary>
    public static int Count => Table.Value.Codes.Count;

    /// <summary>True when the list has places in the country, so that a code it lacks there is truly unknown.</summary>
    public static bool Covers(CountryCode country) => Table.Value.Countries.Contains(country.Value);

    /// <summary>True when the code is a place in the list.</summary>
    public static bool Contains(UnLocode code) => Table.Value.Codes.Contains(code.Value);

    /// <summary>Every airport (function 4) by its IATA code: the IATA column where given, else the place code.</summary>
    public static IReadOnlyList<KeyValuePair<string, UnLocode>> Airports => Table.Value.Airports;

    private static (FrozenSet<string>, FrozenSet<string>, IReadOnlyList<KeyValuePair<string, UnLocode>>) Load()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var airports = new List<KeyValuePair<string, UnLocode>>(6000);
        // ISO 3166-1, Country Name, Ch, LOCODE, Name, NameWoDiacritics, SubDiv, Function, Status, Date, IATA, Coordinates, Remarks
        foreach (var row in ReferenceCsv.Rows("un-locode-2014.csv"))
        {
            if (row.Length < 11 || !UnLocode.TryParse(row[3], out var locode, out _))
            {
                continue;
            }
            codes.Add(locode.Value.Value);
            if (row[7].Length >= 4 && row[7][3] == '4')
            {
                var iata = row[10].Length == 3 ? row[10] : locode.Value.Value[2..];
                airports.Add(KeyValuePair.Create(iata, locode.Value));
            }
        }
        var countries = codes.Select(c => c[..2]).ToFrozenSet(StringComparer.Ordinal);
        return (codes.ToFrozenSet(StringComparer.Ordinal), countries, airports);
    }
}
