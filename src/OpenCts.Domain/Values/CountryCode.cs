using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using OpenCts.Domain.Common;

namespace OpenCts.Domain.Values;

/// <summary>An ISO 3166-1 alpha-2 country code, checked against the list of assigned codes.</summary>
public readonly record struct CountryCode
{
    // ISO 3166-1 alpha-2 as published (249 codes), plus XK (Kosovo), which customs systems use by convention.
    private static readonly FrozenSet<string> Assigned = (
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
        "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
        "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO " +
        "JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR " +
        "MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO " +
        "RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV " +
        "TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK")
        .Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private CountryCode(string value) => Value = value;

    /// <summary>The two upper-case letters.</summary>
    public string Value { get; }

    public static bool IsAssigned(ReadOnlySpan<char> code) =>
        code.Length == 2 && Assigned.GetAlternateLookup<ReadOnlySpan<char>>().Contains(code);

    /// <summary>The code of two upper-case characters that are an assigned code, as the one string the list holds for it.</summary>
    /// <remarks>Every country read is then the same string: consignments keep thousands of them, and a place's country costs no allocation.</remarks>
    internal static bool TryAssigned(ReadOnlySpan<char> code, [NotNullWhen(true)] out CountryCode? result)
    {
        result = null;
        if (code.Length != 2 || !Assigned.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(code, out var value))
        {
            return false;
        }
        result = new CountryCode(value);
        return true;
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out CountryCode? result, out string error)
    {
        result = null;
        var code = (text ?? "").Trim().ToUpperInvariant();
        if (!TryAssigned(code, out result))
        {
            error = $"country '{text}' is not an ISO 3166-1 alpha-2 code";
            return false;
        }
        error = "";
        return true;
    }

    public static CountryCode Parse(string text, string field = "country") =>
        TryParse(text, out var result, out var error) ? result.Value : throw new DomainException(field, error);

    public override string ToString() => Value;
}
