using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;

namespace OpenCts.Targeting.Profiles.Fields;

/// <summary>The run-time readers behind the field catalogue: null-safe, allocation-free, NaN for a missing number.</summary>
public static class FieldAccess
{
    private static readonly string[] Countries = BuildCountries();

    public static double Seconds(DateTimeOffset? instant) => instant is { } i ? i.ToUnixTimeMilliseconds() / 1000.0 : double.NaN;

    public static double Number(decimal? value) => value is { } v ? (double)v : double.NaN;

    /// <summary>The country of a UN/LOCODE, as a shared string.</summary>
    public static string? CountryOf(UnLocode? place) => place is { } p ? Country(p.Value) : null;

    /// <summary>The first two letters of a code as a shared string (they are a country code once validated).</summary>
    public static string? Country(string? code)
    {
        if (code is null || code.Length < 2 || !char.IsAsciiLetterUpper(code[0]) || !char.IsAsciiLetterUpper(code[1]))
        {
            return null;
        }
        return Countries[(code[0] - 'A') * 26 + (code[1] - 'A')];
    }

    public static string? Hs(HsCode? hs) => hs?.Value;

    /// <summary>Declared value per kg of gross mass, computed in binary floating point (decimal division costs more than the whole criterion).</summary>
    public static double ValuePerKg(GoodsItem item) =>
        item.Value is { } value && item.GrossMassKg > 0 ? (double)value.Amount / (double)item.GrossMassKg : double.NaN;

    public static string? HsPrefix(HsCode? hs, int digits) => TextCache.Prefix(hs?.Value, digits);

    public static double Days(double fromSeconds, double toSeconds) => (toSeconds - fromSeconds) / 86_400.0;

    public static double TotalValue(Consignment c)
    {
        var total = 0.0;
        foreach (var item in c.Goods)
        {
            if (item.Value is { } v)
            {
                total += (double)v.Amount;
            }
        }
        return total;
    }

    public static double TotalGrossMass(Consignment c)
    {
        var total = 0.0;
        foreach (var item in c.Goods)
        {
            total += (double)item.GrossMassKg;
        }
        return total;
    }

    public static string? Identifier(Party? party, string scheme) => party?.IdentifierOf(scheme);

    public static string? Address(Party? party) => party?.Address?.ToString();

    private static string[] BuildCountries()
    {
        var all = new string[26 * 26];
        for (var a = 0; a < 26; a++)
        {
            for (var b = 0; b < 26; b++)
            {
                all[a * 26 + b] = string.Concat((char)('A' + a), (char)('A' + b));
            }
        }
        return all;
    }
}
