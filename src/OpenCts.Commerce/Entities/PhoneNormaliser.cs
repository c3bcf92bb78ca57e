namespace OpenCts.Commerce.Entities;

/// <summary>Normalises phone numbers to E.164 (<c>+447700900123</c>), using the party's country for national numbers.</summary>
/// <remarks>
/// The national trunk prefix is dropped (0; 8 in Russia and Kazakhstan; kept for Italy, San Marino and the Vatican, where the 0 belongs to the number);
/// <c>00</c> and <c>011</c> international prefixes become <c>+</c>. Numbers too short or too long for E.164, and filler
/// such as all one digit, give null: they would otherwise link strangers.
/// </remarks>
public static class PhoneNormaliser
{
    /// <summary>The E.164 form of <paramref name="phone"/>, or null when it cannot be read as a number of that country.</summary>
    public static string? Normalise(string? phone, string? country)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }
        Span<char> digits = stackalloc char[32];
        var length = 0;
        var plus = false;
        foreach (var c in phone)
        {
            if (char.IsAsciiDigit(c))
            {
                if (length == digits.Length)
                {
                    return null;
                }
                digits[length++] = c;
            }
            else if (c == '+' && length == 0)
            {
                plus = true;
            }
            else if (char.IsAsciiLetter(c))
            {
                // "ext. 12" and the like end the number.
                break;
            }
        }
        var number = digits[..length];
        string e164;
        if (plus)
        {
            e164 = "+" + number.ToString();
        }
        else if (number.StartsWith("00"))
        {
            e164 = "+" + number[2..].ToString();
        }
        else if (number.StartsWith("011") && CallingCodes.Of(country) == "1")
        {
            e164 = "+" + number[3..].ToString();
        }
        else
        {
            var code = CallingCodes.Of(country);
            if (code is null)
            {
                return null;
            }
            var national = number;
            if (code == "1" && national.Length == 11 && national[0] == '1')
            {
                national = national[1..];
            }
            else if (code == "7" && national.Length == 11 && national[0] == '8')
            {
                // Russia and Kazakhstan dial 8 before the area code at home.
                national = national[1..];
            }
            else if (national.Length > 0 && national[0] == '0' && code is not ("39" or "378"))
            {
                national = national.TrimStart('0');
            }
            e164 = "+" + code + national.ToString();
        }
        var significant = e164.Length - 1;
        if (significant is < 8 or > 15 || e164[1] == '0' || IsFiller(e164.AsSpan(1)))
        {
            return null;
        }
        return e164;
    }

    private static bool IsFiller(ReadOnlySpan<char> digits)
    {
        // A country code followed by one digit over and over ("+440000000000") is nobody's number.
        var tail = digits[^7..];
        return !tail.ContainsAnyExcept(tail[0]);
    }
}
