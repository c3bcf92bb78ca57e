namespace OpenCts.Commerce.Ipr;

/// <summary>How brand names are compared: lower case, accents dropped, homoglyphs folded (<c>0</c> to <c>o</c>, Cyrillic <c>а</c> to <c>a</c>).</summary>
/// <remarks>
/// Counterfeiters write <c>Lum0ra</c> or <c>Z3phyra</c> so that a plain text search misses them; folding maps each
/// look-alike character to the letter it imitates, so the folded token equals the brand. Digits are folded only in a
/// token that also has a letter: <c>150</c> stays a number.
/// </remarks>
internal static class BrandText
{
    /// <summary>The folded letter of a character, or the character itself lower-cased; '\0' for a character that separates tokens.</summary>
    public static char Fold(char c)
    {
        if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
        {
            return c;
        }
        if (char.IsAsciiLetterUpper(c))
        {
            return (char)(c | 0x20);
        }
        return c switch
        {
            '@' => 'a',
            '$' => 's',
            '\'' or '’' => '\0',
            // Cyrillic and Greek letters that look like Latin ones, upper and lower case.
            'а' or 'А' or 'α' or 'Α' => 'a',
            'в' or 'В' or 'β' or 'Β' => 'b',
            'с' or 'С' => 'c',
            'е' or 'Е' or 'ε' or 'Ε' or 'ё' => 'e',
            'н' or 'Н' or 'η' or 'Η' => 'h',
            'і' or 'І' or 'ι' or 'Ι' or 'ı' => 'i',
            'к' or 'К' or 'κ' or 'Κ' => 'k',
            'м' or 'М' or 'Μ' => 'm',
            'ν' or 'Ν' => 'v',
            'о' or 'О' or 'ο' or 'Ο' => 'o',
            'р' or 'Р' or 'ρ' or 'Ρ' => 'p',
            'т' or 'Т' or 'τ' or 'Τ' => 't',
            'у' or 'У' or 'υ' => 'y',
            'х' or 'Х' or 'χ' or 'Χ' => 'x',
            'ѕ' or 'Ѕ' => 's',
            'ј' or 'Ј' => 'j',
            'ԁ' => 'd',
            // Latin letters with accents.
            'à' or 'á' or 'â' or 'ã' or 'ä' or 'å' or 'À' or 'Á' or 'Â' or 'Ã' or 'Ä' or 'Å' => 'a',
            'ç' or 'Ç' => 'c',
            'è' or 'é' or 'ê' or 'ë' or 'È' or 'É' or 'Ê' or 'Ë' => 'e',
            'ì' or 'í' or 'î' or 'ï' or 'Ì' or 'Í' or 'Î' or 'Ï' => 'i',
            'ñ' or 'Ñ' => 'n',
            'ò' or 'ó' or 'ô' or 'õ' or 'ö' or 'ø' or 'Ò' or 'Ó' or 'Ô' or 'Õ' or 'Ö' or 'Ø' => 'o',
            'ù' or 'ú' or 'û' or 'ü' or 'Ù' or 'Ú' or 'Û' or 'Ü' => 'u',
            'ý' or 'ÿ' or 'Ý' => 'y',
            _ => '\0',
        };
    }

    /// <summary>The letter a digit imitates inside a word.</summary>
    public static char FoldDigit(char c) => c switch
    {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '8' => 'b',
        _ => c,
    };

    /// <summary>A whole name folded, its spaces and hyphens dropped: <c>Nord Haven</c> gives <c>nordhaven</c>.</summary>
    public static string Key(string name)
    {
        Span<char> buffer = stackalloc char[name.Length];
        var length = 0;
        var hasLetter = false;
        foreach (var c in name)
        {
            var f = Fold(c);
            if (f != '\0')
            {
                buffer[length++] = f;
                hasLetter |= char.IsAsciiLetterLower(f);
            }
        }
        if (hasLetter)
        {
            for (var i = 0; i < length; i++)
            {
                buffer[i] = FoldDigit(buffer[i]);
            }
        }
        return new string(buffer[..length]);
    }

    /// <summary>Optimal string alignment distance (edits and swaps of neighbours), or <paramref name="max"/> + 1 as soon as it must exceed it.</summary>
    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }
        Span<int> before = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var d = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d = Math.Min(d, before[j - 2] + 1);
                }
                current[j] = d;
                rowMin = Math.Min(rowMin, d);
            }
            if (rowMin > max)
            {
                return max + 1;
            }
            var spare = before;
            before = previous;
            previous = current;
            current = spare;
        }
        return Math.Min(previous[b.Length], max + 1);
    }
}
