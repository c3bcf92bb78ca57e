using System.Diagnostics.CodeAnalysis;
using OpenCts.Domain.Common;

namespace OpenCts.Domain.Values;

/// <summary>A freight container's ISO 6346 identification: owner code, category, serial and check digit (<c>MSKU1234565</c>).</summary>
public readonly record struct ContainerNumber
{
    private ContainerNumber(string value) => Value = value;

    /// <summary>The eleven characters without spaces, upper case.</summary>
    public string Value { get; }

    /// <summary>The three-letter owner code (BIC), such as <c>MSK</c>.</summary>
    public string OwnerCode => Value[..3];

    /// <summary>False when the last digit is not the ISO 6346 check digit of the first ten characters.</summary>
    public bool HasValidCheckDigit => Value is { Length: 11 } v && v[10] - '0' == CheckDigits.Iso6346(v.AsSpan(0, 10));

    public static bool TryParse(string? text, [NotNullWhen(true)] out ContainerNumber? result, out string error) =>
        TryParse(text, checkDigit: true, out result, out error);

    /// <summary>Reads a container number whose shape is right but whose check digit may be wrong, so that it can be kept as given with a finding.</summary>
    public static bool TryParseUnchecked(string? text, [NotNullWhen(true)] out ContainerNumber? result, out string error) =>
        TryParse(text, checkDigit: false, out result, out error);

    private static bool TryParse(string? text, bool checkDigit, [NotNullWhen(true)] out ContainerNumber? result, out string error)
    {
        result = null;
        var compact = (text ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length != 11)
        {
            error = $"container number '{text}' must have 11 characters (4 letters, 6 digits, check digit)";
            return false;
        }
        for (var i = 0; i < 4; i++)
        {
            if (!char.IsAsciiLetterUpper(compact[i]))
            {
                error = $"container number '{text}' must start with 4 letters";
                return false;
            }
        }
        if (compact[3] is not ('U' or 'J' or 'Z'))
        {
            error = $"container number '{text}' has category '{compact[3]}', expected U, J or Z";
            return false;
        }
        for (var i = 4; i < 11; i++)
        {
            if (!char.IsAsciiDigit(compact[i]))
            {
                error = $"container number '{text}' must end with 7 digits";
                return false;
            }
        }
        var expected = CheckDigits.Iso6346(compact.AsSpan(0, 10));
        if (checkDigit && compact[10] - '0' != expected)
        {
            error = $"container number '{text}' fails the ISO 6346 check digit (expected {expected})";
            return false;
        }
        error = "";
        result = new ContainerNumber(compact);
        return true;
    }

    public static ContainerNumber Parse(string text, string field = "containerNumber") =>
        TryParse(text, out var result, out var error) ? result.Value : throw new DomainException(field, error);

    public override string ToString() => Value;
}
