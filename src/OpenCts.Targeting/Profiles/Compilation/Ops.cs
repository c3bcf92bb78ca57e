using System.Text.RegularExpressions;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.Targeting.Profiles.Fields;

namespace OpenCts.Targeting.Profiles.Compilation;

/// <summary>The run-time operators compiled criteria call: texts compare without regard to case, and any test on a missing value is false.</summary>
public static class Ops
{
    public static bool TextEquals(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    public static bool TextNotEquals(string? a, string? b) => a is not null && b is not null && !string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    public static bool NumberNotEquals(double a, double b) => !double.IsNaN(a) && !double.IsNaN(b) && a != b;

    public static bool StartsWith(string? a, string? b) => a is not null && b is not null && a.StartsWith(b, StringComparison.OrdinalIgnoreCase);

    public static bool EndsWith(string? a, string? b) => a is not null && b is not null && a.EndsWith(b, StringComparison.OrdinalIgnoreCase);

    public static bool Contains(string? a, string? b) => a is not null && b is not null && a.Contains(b, StringComparison.OrdinalIgnoreCase);

    public static bool In(string? a, TextSet set) => set.Contains(a);

    public static bool NotIn(string? a, TextSet set) => a is not null && !set.Contains(a);

    public static bool In(double a, double[] set) => Array.IndexOf(set, a) >= 0;

    public static bool NotIn(double a, double[] set) => !double.IsNaN(a) && Array.IndexOf(set, a) < 0;

    public static bool In(string? a, ValueList<CountryCode> route)
    {
        if (a is null)
        {
            return false;
        }
        foreach (var c in route.AsSpan())
        {
            if (string.Equals(c.Value, a, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    public static bool NotIn(string? a, ValueList<CountryCode> route) => a is not null && !In(a, route);

    public static bool Between(double value, double low, double high) => value >= low && value <= high;

    public static bool Matches(string? text, Regex regex)
    {
        if (text is null)
        {
            return false;
        }
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pattern that runs away on one consignment must not stall the stream; it counts as no match.
            return false;
        }
    }

    /// <summary>True when the place of loading, of discharge or a country of the route is the country.</summary>
    /// <summary>True when a data-quality finding is about the field or a part of it: <c>goods.hsCode</c> matches <c>goods[2].hsCode</c>, <c>goods</c> matches <c>goods[0].description</c>.</summary>
    /// <remarks>Indices in the finding's path are skipped unless the path asked for has one itself (<c>goods[0].hsCode</c>).</remarks>
    public static bool HasFinding(Consignment c, string path)
    {
        foreach (var finding in c.DataQuality.AsSpan())
        {
            if (PathMatches(finding.Path, path, skipIndices: false) || PathMatches(finding.Path, path, skipIndices: true))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when <paramref name="path"/> equals <paramref name="wanted"/> or starts with it followed by '.' or '['; with <paramref name="skipIndices"/>, every <c>[n]</c> of the path is passed over.</summary>
    private static bool PathMatches(string path, string wanted, bool skipIndices)
    {
        var i = 0;
        var j = 0;
        while (true)
        {
            if (skipIndices)
            {
                while (i < path.Length && path[i] == '[')
                {
                    var close = path.IndexOf(']', i);
                    if (close < 0)
                    {
                        break;
                    }
                    i = close + 1;
                }
            }
            if (j == wanted.Length)
            {
                return i == path.Length || path[i] is '.' or '[';
            }
            if (i == path.Length || !char.ToUpperInvariant(path[i]).Equals(char.ToUpperInvariant(wanted[j])))
            {
                return false;
            }
            i++;
            j++;
        }
    }

    public static bool PassesThrough(Consignment c, string? country)
    {
        if (country is null)
        {
            return false;
        }
        if (TextEquals(FieldAccess.CountryOf(c.PlaceOfLoading), country) || TextEquals(FieldAccess.CountryOf(c.PlaceOfDischarge), country))
        {
            return true;
        }
        return In(country, c.Route);
    }

    /// <summary>True when the place of loading, of discharge or a country of the route is in the set.</summary>
    public static bool PassesThrough(Consignment c, TextSet countries)
    {
        if (countries.Contains(FieldAccess.CountryOf(c.PlaceOfLoading)) || countries.Contains(FieldAccess.CountryOf(c.PlaceOfDischarge)))
        {
            return true;
        }
        foreach (var country in c.Route.AsSpan())
        {
            if (countries.Contains(country.Value))
            {
                return true;
            }
        }
        return false;
    }

    public static double Length(string? text) => text is null ? double.NaN : text.Length;
}
