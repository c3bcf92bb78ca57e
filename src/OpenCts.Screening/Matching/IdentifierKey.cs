namespace OpenCts.Screening.Matching;

/// <summary>The comparison key of an identifier: scheme and value upper-cased, with spaces, dashes, dots and slashes removed.</summary>
internal static class IdentifierKey
{
    public static string Of(string? scheme, string value)
    {
        Span<char> buffer = stackalloc char[Math.Min(value.Length, 128)];
        var length = 0;
        foreach (var c in value)
        {
            if (char.IsLetterOrDigit(c) && length < buffer.Length)
            {
                buffer[length++] = char.ToUpperInvariant(c);
            }
        }
        ReadOnlySpan<char> compact = buffer[..length];
        // "IMO 9187629" and "9187629" are the same ship.
        if (compact.StartsWith("IMO", StringComparison.Ordinal) && compact.Length == 10 && IsDigits(compact[3..]))
        {
            compact = compact[3..];
        }
        return string.Concat(scheme is null ? "*" : Scheme(scheme), ":", compact);
    }

    /// <summary>The canonical name of a scheme: upper case, with the common spellings of container and tax numbers merged.</summary>
    public static string Scheme(string scheme) => scheme.Trim().ToUpperInvariant() switch
    {
        "CONTAINER" or "CONTAINERNUMBER" or "CONTAINER-NUMBER" or "CONTAINER_NUMBER" => "CONTAINER",
        "TAX-ID" or "TAXID" or "TAX_ID" or "VAT" => "TIN",
        var other => other,
    };

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
