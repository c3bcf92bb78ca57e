namespace OpenCts.Domain.Values;

/// <summary>Check-digit algorithms used by identifiers in the transport chain.</summary>
internal static class CheckDigits
{
    /// <summary>ISO 6346 letter values skip 11 and its multiples, so that A=10, B=12, ... Z=38.</summary>
    private static int Iso6346LetterValue(char c)
    {
        var value = 10 + (c - 'A');
        return value + (value - 1) / 10;
    }

    public static int Iso6346(ReadOnlySpan<char> firstTen)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var c = firstTen[i];
            var v = char.IsAsciiDigit(c) ? c - '0' : Iso6346LetterValue(c);
            sum += v << i;
        }
        return sum % 11 % 10;
    }

    /// <summary>IMO ship numbers: the first six digits weighted 7..2, the sum's last digit is the seventh.</summary>
    public static int Imo(ReadOnlySpan<char> firstSix)
    {
        var sum = 0;
        for (var i = 0; i < 6; i++)
        {
            sum += (firstSix[i] - '0') * (7 - i);
        }
        return sum % 10;
    }
}
