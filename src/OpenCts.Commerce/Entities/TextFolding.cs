using System.Text;

namespace OpenCts.Commerce.Entities;

/// <summary>
/// Folds text to upper-case ASCII words: Latin diacritics dropped (Ø to O, ß to SS, Æ to AE), Cyrillic and Greek
/// transliterated, apostrophes joined (O'Brien to OBRIEN), every other character a word break.
/// </summary>
/// <remarks>
/// A table rather than Unicode decomposition: the build runs with invariant globalisation, the table is several times
/// faster, and decomposition alone does not fold Ø, Ł, Đ, ß or any non-Latin script.
/// </remarks>
public static class TextFolding
{
    private static readonly string?[] Table = BuildTable();

    /// <summary>The folded words of <paramref name="text"/>, separated by single spaces, with no leading or trailing space.</summary>
    public static string Fold(ReadOnlySpan<char> text)
    {
        // One builder per thread: folding runs several times for every party record.
        var builder = cachedBuilder ??= new StringBuilder(256);
        builder.Clear();
        Fold(text, builder);
        return builder.ToString();
    }

    [ThreadStatic]
    private static StringBuilder? cachedBuilder;

    /// <summary>Appends the folded words of <paramref name="text"/> to <paramref name="builder"/>.</summary>
    public static void Fold(ReadOnlySpan<char> text, StringBuilder builder)
    {
        var start = builder.Length;
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? mapped;
            if (c < 128)
            {
                if (c is >= 'a' and <= 'z')
                {
                    Append(builder, (char)(c - 32), ref pendingSpace, start);
                    continue;
                }
                if (c is >= 'A' and <= 'Z' or >= '0' and <= '9')
                {
                    Append(builder, c, ref pendingSpace, start);
                    continue;
                }
                if (c == '\'')
                {
                    continue;
                }
                pendingSpace = true;
                continue;
            }
            mapped = c < Table.Length ? Table[c] : null;
            // Greek ου is one sound, written OU in Latin letters.
            if (c is ('Ο' or 'ο') && i + 1 < text.Length && text[i + 1] is ('Υ' or 'υ' or 'Ύ' or 'ύ'))
            {
                mapped = "OU";
                i++;
            }
            if (c is '\u2019' or '\u2018' or '\u02BC')
            {
                continue;
            }
            if (mapped is null)
            {
                pendingSpace = true;
                continue;
            }
            foreach (var m in mapped)
            {
                Append(builder, m, ref pendingSpace, start);
            }
        }
    }

    private static void Append(StringBuilder builder, char c, ref bool pendingSpace, int start)
    {
        if (pendingSpace && builder.Length > start)
        {
            builder.Append(' ');
        }
        pendingSpace = false;
        builder.Append(c);
    }

    private static string?[] BuildTable()
    {
        var table = new string?[0x500];
        // Latin-1 Supplement and Latin Extended-A, upper and lower case in one list: each letter, then its folding.
        const string latin =
            "ÀAÁAÂAÃAÄAÅAàAáAâAãAäAåAĀAāAĂAăAĄAąAÇCçCĆCćCĈCĉCĊCċCČCčCĎDďDĐDđDÐDðD" +
            "ÈEÉEÊEËEèEéEêEëEĒEēEĔEĕEĖEėEĘEęEĚEěEĜGĝGĞGğGĠGġGĢGģGĤHĥHĦHħH" +
            "ÌIÍIÎIÏIìIíIîIïIĨIĩIĪIīIĬIĭIĮIįIİIıIĴJĵJĶKķKĹLĺLĻLļLĽLľLĿLŀLŁLłL" +
            "ÑNñNŃNńNŅNņNŇNňNÒOÓOÔOÕOÖOØOòOóOôOõOöOøOŌOōOŎOŏOŐOőO" +
            "ŔRŕRŖRŗRŘRřRŚSśSŜSŝSŞSşSŠSšSŢTţTŤTťTŦTŧTÙUÚUÛUÜUùUúUûUüUŨUũUŪUūUŬUŭUŮUůUŰUűUŲUųU" +
            "ŴWŵWÝYýYÿYŶYŷYŸYŹZźZŻZżZŽZžZ";
        for (var i = 0; i < latin.Length; i += 2)
        {
            table[latin[i]] = latin[i + 1].ToString();
        }
        foreach (var (c, s) in new[] { ('ß', "SS"), ('Æ', "AE"), ('æ', "AE"), ('Œ', "OE"), ('œ', "OE"), ('Þ', "TH"), ('þ', "TH"), ('Ĳ', "IJ"), ('ĳ', "IJ") })
        {
            table[c] = s;
        }
        // Cyrillic (Russian, Ukrainian, Belarusian, Bulgarian, Serbian letters) in a simple passport-style romanisation.
        string[] cyrillic =
        [
            "A", "B", "V", "G", "D", "E", "ZH", "Z", "I", "Y", "K", "L", "M", "N", "O", "P",
            "R", "S", "T", "U", "F", "KH", "TS", "CH", "SH", "SHCH", "", "Y", "", "E", "YU", "YA",
        ];
        for (var i = 0; i < 32; i++)
        {
            table[0x410 + i] = cyrillic[i];
            table[0x430 + i] = cyrillic[i];
        }
        foreach (var (c, s) in new[]
                 {
                     ('Ё', "E"), ('ё', "E"), ('І', "I"), ('і', "I"), ('Ї', "YI"), ('ї', "YI"), ('Є', "YE"), ('є', "YE"),
                     ('Ґ', "G"), ('ґ', "G"), ('Ў', "U"), ('ў', "U"), ('Ј', "J"), ('ј', "J"), ('Љ', "LJ"), ('љ', "LJ"),
                     ('Њ', "NJ"), ('њ', "NJ"), ('Ћ', "C"), ('ћ', "C"), ('Ђ', "DJ"), ('ђ', "DJ"), ('Џ', "DZ"), ('џ', "DZ"),
                 })
        {
            table[c] = s;
        }
        // Greek, with the accented vowels folded to their plain letters.
        string[] greek =
        [
            "A", "V", "G", "D", "E", "Z", "I", "TH", "I", "K", "L", "M", "N", "X", "O", "P",
            "R", "", "S", "T", "Y", "F", "CH", "PS", "O",
        ];
        for (var i = 0; i < greek.Length; i++)
        {
            if (greek[i].Length > 0)
            {
                table[0x391 + i] = greek[i];
                table[0x3B1 + i] = greek[i];
            }
        }
        table['ς'] = "S";
        foreach (var (c, s) in new[]
                 {
                     ('Ά', "A"), ('ά', "A"), ('Έ', "E"), ('έ', "E"), ('Ή', "I"), ('ή', "I"), ('Ί', "I"), ('ί', "I"),
                     ('Ϊ', "I"), ('ϊ', "I"), ('ΐ', "I"), ('Ό', "O"), ('ό', "O"), ('Ύ', "Y"), ('ύ', "Y"), ('Ϋ', "Y"),
                     ('ϋ', "Y"), ('ΰ', "Y"), ('Ώ', "O"), ('ώ', "O"),
                 })
        {
            table[c] = s;
        }
        return table;
    }
}
