using System.Collections.Frozen;

namespace OpenCts.Commerce.Entities;

/// <summary>
/// Normalises postal addresses: folding, street-type abbreviations made one (Street and St, Straße, Strasse and Str.),
/// the house number and the flat or unit picked out, postcodes without spaces.
/// </summary>
public static class AddressNormaliser
{
    private static readonly FrozenDictionary<string, string> StreetTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["STREET"] = "ST", ["STR"] = "ST", ["ST"] = "ST", ["ROAD"] = "RD", ["RD"] = "RD", ["AVENUE"] = "AVE", ["AVE"] = "AVE",
        ["AV"] = "AVE", ["AVDA"] = "AVE", ["BOULEVARD"] = "BLVD", ["BLVD"] = "BLVD", ["BD"] = "BLVD", ["LANE"] = "LN", ["LN"] = "LN",
        ["DRIVE"] = "DR", ["DR"] = "DR", ["PLACE"] = "PL", ["PL"] = "PL", ["SQUARE"] = "SQ", ["SQ"] = "SQ", ["COURT"] = "CT",
        ["CT"] = "CT", ["HIGHWAY"] = "HWY", ["HWY"] = "HWY", ["TERRACE"] = "TER", ["TER"] = "TER", ["CRESCENT"] = "CRES",
        ["CRES"] = "CRES", ["CLOSE"] = "CL", ["CL"] = "CL", ["PARKWAY"] = "PKWY", ["PKWY"] = "PKWY", ["STRASSE"] = "ST",
        ["GASSE"] = "G", ["WEG"] = "WEG", ["PLATZ"] = "PL", ["STRAAT"] = "STRAAT", ["CALLE"] = "C", ["C"] = "C",
        ["ULITSA"] = "UL", ["UL"] = "UL", ["ULICA"] = "UL",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> UnitWords = new[] { "APT", "APARTMENT", "UNIT", "FLAT", "SUITE", "STE", "APP", "APPT", "WOHNUNG", "WHG", "KV", "ROOM", "RM" }
        .ToFrozenSet(StringComparer.Ordinal);

    // Words that only announce the number that follows ("No. 12", "Nr 5", "Number 7").
    private static readonly FrozenSet<string> NumberWords = new[] { "NO", "NR", "NUMBER", "NUMMER", "NUM", "DOM" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Normalises one address; any part may be missing.</summary>
    public static NormalisedAddress Normalise(string? street, string? city, string? postcode, string? country)
    {
        var countryCode = (country ?? "").Trim().ToUpperInvariant();
        var (streetCore, number, unit) = SplitStreet(street);
        return new NormalisedAddress(streetCore, number, unit, Postcode(postcode, countryCode), TextFolding.Fold(city ?? ""), countryCode);
    }

    /// <summary>A postcode in upper case without spaces or hyphens; a US ZIP+4 keeps its five digits.</summary>
    public static string Postcode(string? postcode, string country = "")
    {
        if (string.IsNullOrWhiteSpace(postcode))
        {
            return "";
        }
        var folded = TextFolding.Fold(postcode).Replace(" ", "", StringComparison.Ordinal);
        if (string.Equals(country, "US", StringComparison.Ordinal) && folded.Length == 9 && folded.All(char.IsAsciiDigit))
        {
            return folded[..5];
        }
        return folded;
    }

    private static (string Street, string Number, string Unit) SplitStreet(string? street)
    {
        if (string.IsNullOrWhiteSpace(street))
        {
            return ("", "", "");
        }
        // "#4" is a unit; keep the mark as a word before folding drops it.
        var words = TextFolding.Fold(street.Replace("#", " APT ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var core = new List<string>(words.Length);
        var number = "";
        var unit = "";
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (UnitWords.Contains(word))
            {
                if (i + 1 < words.Length && IsNumberLike(words[i + 1]))
                {
                    unit = words[++i];
                }
                continue;
            }
            if (NumberWords.Contains(word) && i + 1 < words.Length && IsNumberLike(words[i + 1]))
            {
                continue;
            }
            if (IsNumberLike(word))
            {
                // A letter written apart from its number ("12 a") belongs to it.
                if (char.IsAsciiDigit(word[0]) && i + 1 < words.Length && words[i + 1].Length == 1 && char.IsAsciiLetter(words[i + 1][0])
                    && !StreetTypes.ContainsKey(words[i + 1]))
                {
                    word += words[++i];
                }
                if (number.Length == 0)
                {
                    number = word;
                }
                else if (unit.Length == 0)
                {
                    // "12 Baker St 4" or "Hauptstr. 5 / 3": a second number is the flat.
                    unit = word;
                }
                continue;
            }
            core.Add(Abbreviate(word));
        }
        return (string.Join(' ', core), number, unit);
    }

    private static string Abbreviate(string word)
    {
        if (StreetTypes.TryGetValue(word, out var shortForm))
        {
            return shortForm;
        }
        // German compounds: HAUPTSTRASSE and HAUPTSTR are one street.
        if (word.Length > 7 && word.EndsWith("STRASSE", StringComparison.Ordinal))
        {
            return word[..^4];
        }
        return word;
    }

    // Digits with at most one letter after them (12, 12A); "5TH" is part of a street's name.
    private static bool IsNumberLike(string word)
    {
        if (word.Length == 0 || word.Length > 6 || !char.IsAsciiDigit(word[0]))
        {
            return false;
        }
        var digits = 0;
        while (digits < word.Length && char.IsAsciiDigit(word[digits]))
        {
            digits++;
        }
        return digits == word.Length || (digits == word.Length - 1 && char.IsAsciiLetter(word[^1]));
    }
}
