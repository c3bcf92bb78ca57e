using System.Diagnostics.CodeAnalysis;
using OpenCts.Domain.Common;

namespace OpenCts.Domain.Values;

/// <summary>A UN/LOCODE: the ISO country code and three letters or digits 2-9 for the place (<c>NLRTM</c>, Rotterdam).</summary>
/// <remarks>The space that UNECE prints between country and place (<c>NL RTM</c>) is accepted and dropped.</remarks>
public readonly record struct UnLocode
{
    private UnLocode(string value) => Value = value;

    /// <summary>The five characters.</summary>
    public string Value { get; }

    /// <summary>The country the place lies in.</summary>
    public CountryCode Country => Value is { Length: >= 2 } value && CountryCode.TryAssigned(value.AsSpan(0, 2), out var country) ? country.Value : CountryCode.Parse(Value[..2]);

    public static bool TryParse(string? text, [NotNullWhen(true)] out UnLocode? result, out string error)
    {
        result = null;
        var code = (text ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (code.Length != 5)
        {
            error = $"UN/LOCODE '{text}' must have 5 characters (country and place)";
            return false;
        }
        if (!CountryCode.IsAssigned(code.AsSpan(0, 2)))
        {
            error = $"UN/LOCODE '{text}' starts with '{code[..2]}', which is not an ISO 3166-1 country code";
            return false;
        }
        for (var i = 2; i < 5; i++)
        {
            var c = code[i];
            if (!char.IsAsciiLetterUpper(c) && c is not (>= '2' and <= '9'))
            {
                error = $"UN/LOCODE '{text}' has '{c}' in its place code; only letters and digits 2-9 are used";
                return false;
            }
        }
        error = "";
        result = new UnLocode(code);
        return true;
    }

    public static UnLocode Parse(string text, string field = "location") =>
        TryParse(text, out var result, out var error) ? result.Value : throw new DomainException(field, error);

    public override string ToString() => Value;
}
