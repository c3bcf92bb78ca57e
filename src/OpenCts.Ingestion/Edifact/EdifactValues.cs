using System.Globalization;
using System.Text;

namespace OpenCts.Ingestion.Edifact;

/// <summary>Reads and writes EDIFACT numbers and dates, and escapes text with the release character.</summary>
public static class EdifactValues
{
    /// <summary>Reads a numeric data element; either <c>.</c> or <c>,</c> is taken as the decimal mark.</summary>
    public static bool TryParseDecimal(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }
        var normal = text.Trim().Replace(',', '.');
        return decimal.TryParse(normal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseInt(string? text, out int value)
    {
        value = 0;
        return text is not null && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// The common case of <see cref="TryParseDecimal(string?, out decimal)"/> straight from the bytes: digits, a point
    /// and a sign only. False means "not in that form", and the caller then reads the text.
    /// </summary>
    internal static bool TryParsePlainDecimal(ReadOnlySpan<byte> plain, out decimal value)
    {
        if (TryParseDigits(plain, out value))
        {
            return true;
        }
        value = 0;
        if (plain.IsEmpty || plain.Length > 40 || plain.ContainsAnyExcept(PlainNumber))
        {
            return false;
        }
        return decimal.TryParse(plain, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// The commonest number, up to 18 digits with at most one point between two of them (<c>12000.50</c>), read as
    /// <see cref="decimal.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out decimal)"/> reads it, scale
    /// (the digits after the point, trailing zeros included) and all; false for any other form.
    /// </summary>
    internal static bool TryParseDigits(ReadOnlySpan<byte> plain, out decimal value)
    {
        value = 0;
        if (plain.IsEmpty || plain.Length > 19)
        {
            return false;
        }
        ulong mantissa = 0;
        var point = -1;
        for (var i = 0; i < plain.Length; i++)
        {
            var digit = (uint)(plain[i] - '0');
            if (digit <= 9)
            {
                mantissa = mantissa * 10 + digit;
            }
            else if (plain[i] == '.' && point < 0 && i > 0 && i < plain.Length - 1)
            {
                point = i;
            }
            else
            {
                return false;
            }
        }
        if ((point < 0 ? plain.Length : plain.Length - 1) > 18)
        {
            return false;
        }
        var scale = point < 0 ? 0 : plain.Length - 1 - point;
        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, false, (byte)scale);
        return true;
    }

    /// <summary>The common case of <see cref="TryParseInt"/> straight from the bytes: digits only; false otherwise.</summary>
    internal static bool TryParsePlainInt(ReadOnlySpan<byte> plain, out int value)
    {
        value = 0;
        if (plain.IsEmpty || plain.Length > 10 || plain.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return false;
        }
        return int.TryParse(plain, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// The common case of <see cref="TryParseDate"/> straight from the bytes: all digits in format 102, 203 or 204.
    /// False means "not in that form", and the caller then reads the text.
    /// </summary>
    internal static bool TryParsePlainDate(ReadOnlySpan<byte> plain, string? format, out DateTimeOffset value)
    {
        value = default;
        var length = format switch
        {
            "102" or null => 8,
            "203" => 12,
            "204" => 14,
            _ => 0,
        };
        if (length == 0 || plain.Length != length || plain.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return false;
        }
        int At(ReadOnlySpan<byte> digits, int i, int n)
        {
            var v = 0;
            for (var k = i; k < i + n; k++)
            {
                v = v * 10 + (digits[k] - '0');
            }
            return v;
        }
        var (year, month, day) = (At(plain, 0, 4), At(plain, 4, 2), At(plain, 6, 2));
        var (hour, minute, second) = (length >= 12 ? At(plain, 8, 2) : 0, length >= 12 ? At(plain, 10, 2) : 0, length >= 14 ? At(plain, 12, 2) : 0);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified), TimeSpan.Zero);
        return true;
    }

    private static readonly System.Buffers.SearchValues<byte> PlainNumber = System.Buffers.SearchValues.Create("0123456789.+-"u8);

    /// <summary>Reads a date/time in format 101, 102, 201, 203, 204 or 303 (code list 2379); times without a zone are UTC.</summary>
    public static bool TryParseDate(string? text, string? format, out DateTimeOffset value, out string expected)
    {
        value = default;
        var (pattern, name) = format switch
        {
            "101" => ("yyMMdd", "YYMMDD (101)"),
            "102" or null => ("yyyyMMdd", "CCYYMMDD (102)"),
            "201" => ("yyMMddHHmm", "YYMMDDHHMM (201)"),
            "203" => ("yyyyMMddHHmm", "CCYYMMDDHHMM (203)"),
            "204" => ("yyyyMMddHHmmss", "CCYYMMDDHHMMSS (204)"),
            "303" => ("yyyyMMddHHmm", "CCYYMMDDHHMMZZZ (303)"),
            _ => ("", ""),
        };
        if (pattern.Length == 0)
        {
            expected = "a date format of code list 2379 OpenCTS reads: 101, 102, 201, 203, 204 or 303";
            return false;
        }
        expected = $"a date as {name}";
        if (text is null)
        {
            return false;
        }
        var zone = TimeSpan.Zero;
        var digits = text.Trim();
        if (format == "303" && digits.Length > 12)
        {
            if (!TryParseZone(digits[12..], out zone))
            {
                return false;
            }
            digits = digits[..12];
        }
        if (!TryDigits(digits, pattern, out var local) &&
            !DateTime.TryParseExact(digits, pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
        {
            return false;
        }
        value = new DateTimeOffset(local, zone);
        return true;
    }

    /// <summary>Writes an instant in UTC as format 203, or 204 when it has seconds.</summary>
    public static (string Text, string Format) FormatDate(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return utc.Second == 0 && utc.Millisecond == 0
            ? (utc.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture), "203")
            : (utc.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), "204");
    }

    public static string FormatDecimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Appends text with every service character released; line breaks become spaces.</summary>
    public static void AppendEscaped(StringBuilder builder, string? text, EdifactDelimiters d)
    {
        if (text is null)
        {
            return;
        }
        foreach (var c in text)
        {
            if (c is '\r' or '\n')
            {
                builder.Append(' ');
                continue;
            }
            if (c < 128 && d.IsSpecial((byte)c))
            {
                builder.Append((char)d.Release);
            }
            builder.Append(c);
        }
    }

    /// <summary>The common all-digit forms (102, 203, 204) without the cost of a format parser.</summary>
    private static bool TryDigits(string digits, string pattern, out DateTime value)
    {
        value = default;
        if (!pattern.StartsWith("yyyy", StringComparison.Ordinal) || digits.Length != pattern.Length)
        {
            return false;
        }
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        int At(int i, int n)
        {
            var v = 0;
            for (var k = i; k < i + n; k++)
            {
                v = v * 10 + (digits[k] - '0');
            }
            return v;
        }
        var (year, month, day) = (At(0, 4), At(4, 2), At(6, 2));
        var (hour, minute, second) = (digits.Length >= 12 ? At(8, 2) : 0, digits.Length >= 12 ? At(10, 2) : 0, digits.Length >= 14 ? At(12, 2) : 0);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    private static bool TryParseZone(string zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (zone is "UTC" or "GMT" or "Z")
        {
            return true;
        }
        // A signed offset in hours, or hours and minutes: +01, -0530.
        if (zone.Length is 3 or 5 && zone[0] is '+' or '-' &&
            int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours) && hours <= 14)
        {
            var minutes = 0;
            if (zone.Length == 5 && (!int.TryParse(zone.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out minutes) || minutes > 59))
            {
                return false;
            }
            offset = new TimeSpan(hours, minutes, 0) * (zone[0] == '-' ? -1 : 1);
            return true;
        }
        return false;
    }
}
