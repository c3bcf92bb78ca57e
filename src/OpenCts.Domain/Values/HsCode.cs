using System.Diagnostics.CodeAnalysis;
using OpenCts.Domain.Common;

namespace OpenCts.Domain.Values;

/// <summary>A Harmonized System commodity code of 6 to 10 digits (subheading plus national subdivisions).</summary>
/// <remarks>Dots and spaces as written on documents (<c>8517.13</c>) are accepted and dropped.</remarks>
public readonly record struct HsCode
{
    private HsCode(string value) => Value = value;

    /// <summary>The digits only.</summary>
    public string Value { get; }

    /// <summary>The HS chapter (2 digits).</summary>
    public string Chapter => Value[..2];

    /// <summary>The HS heading (4 digits).</summary>
    public string Heading => Value[..4];

    /// <summary>The international HS subheading (6 digits).</summary>
    public string Subheading => Value[..6];

    public static bool TryParse(string? text, [NotNullWhen(true)] out HsCode? result, out string error)
    {
        result = null;
        var compact = (text ?? "").Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (compact.Length is < 6 or > 10 || compact.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            error = $"HS code '{text}' must have 6 to 10 digits";
            return false;
        }
        // Chapter 77 is reserved for future use in the HS; 00 was never assigned.
        if (compact[..2] is "00" or "77")
        {
            error = $"HS code '{text}' names chapter {compact[..2]}, which the Harmonized System does not have";
            return false;
        }
        error = "";
        result = new HsCode(compact);
        return true;
    }

    /// <summary>Reads any 6 to 10 digits as a code, also one the Harmonized System does not have (<c>000000</c>).</summary>
    /// <remarks>For a sender's code that is kept as given with a data-quality finding; <see cref="TryParse"/> is the check.</remarks>
    public static bool TryParseUnchecked(string? text, [NotNullWhen(true)] out HsCode? result)
    {
        result = null;
        var compact = (text ?? "").Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (compact.Length is < 6 or > 10 || compact.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }
        result = new HsCode(compact);
        return true;
    }

    public static HsCode Parse(string text, string field = "hsCode") =>
        TryParse(text, out var result, out var error) ? result.Value : throw new DomainException(field, error);

    public override string ToString() => Value;
}
