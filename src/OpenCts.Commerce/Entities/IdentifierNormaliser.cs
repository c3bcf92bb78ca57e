namespace OpenCts.Commerce.Entities;

/// <summary>Normalises registry identifiers (EORI, TIN, VAT, AEO...): the scheme, a colon, and the value's letters and digits in upper case.</summary>
public static class IdentifierNormaliser
{
    /// <summary>The key of an identifier, such as <c>EORI:GB123456789000</c>, or null when the value has no letter or digit.</summary>
    public static string? Normalise(string scheme, string? value)
    {
        if (string.IsNullOrWhiteSpace(scheme) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        Span<char> buffer = stackalloc char[Math.Min(value.Length, 128)];
        var length = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) && length < buffer.Length)
            {
                buffer[length++] = char.ToUpperInvariant(c);
            }
        }
        return length == 0 ? null : scheme.Trim().ToUpperInvariant() + ":" + buffer[..length].ToString();
    }
}
