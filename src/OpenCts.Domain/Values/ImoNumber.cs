using System.Diagnostics.CodeAnalysis;
using OpenCts.Domain.Common;

namespace OpenCts.Domain.Values;

/// <summary>A ship's IMO number: seven digits whose last is a check digit; written with or without the <c>IMO</c> prefix.</summary>
public readonly record struct ImoNumber
{
    private ImoNumber(string value) => Value = value;

    /// <summary>The seven digits.</summary>
    public string Value { get; }

    /// <summary>False when the seventh digit is not the check digit of the first six.</summary>
    public bool HasValidCheckDigit => Value is { Length: 7 } v && v[6] - '0' == CheckDigits.Imo(v.AsSpan(0, 6));

    public static bool TryParse(string? text, [NotNullWhen(true)] out ImoNumber? result, out string error) =>
        TryParse(text, checkDigit: true, out result, out error);

    /// <summary>Like <see cref="TryParse(string?, out ImoNumber?, out string)"/>, without saying why not: for callers that only try whether an identifier is an IMO number.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ImoNumber? result)
    {
        result = null;
        var compact = Compact(text);
        if (!IsSevenDigits(compact) || compact[6] - '0' != CheckDigits.Imo(compact.AsSpan(0, 6)))
        {
            return false;
        }
        result = new ImoNumber(compact);
        return true;
    }

    private static string Compact(string? text)
    {
        var compact = (text ?? "").Trim();
        return compact.StartsWith("IMO", StringComparison.OrdinalIgnoreCase) ? compact[3..].Trim() : compact;
    }

    private static bool IsSevenDigits(string compact) => compact.Length == 7 && !compact.AsSpan().ContainsAnyExceptInRange('0', '9');

    /// <summary>Reads seven digits whose check digit may be wrong, so that the number can be kept as given with a finding.</summary>
    public static bool TryParseUnchecked(string? text, [NotNullWhen(true)] out ImoNumber? result, out string error) =>
        TryParse(text, checkDigit: false, out result, out error);

    private static bool TryParse(string? text, bool checkDigit, [NotNullWhen(true)] out ImoNumber? result, out string error)
    {
        result = null;
        var compact = Compact(text);
        if (!IsSevenDigits(compact))
        {
            error = $"IMO number '{text}' must have 7 digits";
            return false;
        }
        var expected = CheckDigits.Imo(compact.AsSpan(0, 6));
        if (checkDigit && compact[6] - '0' != expected)
        {
            error = $"IMO number '{text}' fails its check digit (expected {expected})";
            return false;
        }
        error = "";
        result = new ImoNumber(compact);
        return true;
    }

    public static ImoNumber Parse(string text, string field = "imo") =>
        TryParse(text, out var result, out var error) ? result.Value : throw new DomainException(field, error);

    public override string ToString() => Value;
}
