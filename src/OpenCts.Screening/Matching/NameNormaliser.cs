using System.Text;

namespace OpenCts.Screening.Matching;

/// <summary>Turns a name as written into the tokens that screening compares: lower case, accents folded, punctuation dropped, company forms removed, "LAST, First" put in reading order.</summary>
/// <remarks>
/// The same function runs on listed names and on screened names, so whatever it drops on one side it drops on the other.
/// Dots and apostrophes join rather than split ("S.A." is "sa", "Sa'id" is "said"); every other punctuation mark splits.
/// </remarks>
public static class NameNormaliser
{
    /// <summary>Legal-form words removed at the end of a name (and "de" between them, as in "S. de R.L. de C.V.").</summary>
    private static readonly HashSet<string> TrailingForms = new(StringComparer.Ordinal)
    {
        "ltd", "limited", "llc", "lc", "llp", "lp", "inc", "incorporated", "corp", "corporation", "co", "company", "cos",
        "plc", "sa", "sas", "sarl", "sl", "sau", "spa", "srl", "sro", "gmbh", "mbh", "ag", "kg", "ug", "bv", "nv", "ab", "as", "asa",
        "oy", "oyj", "aps", "kft", "zrt", "doo", "dd", "ad", "ood", "eood", "pte", "pty", "pvt", "bhd", "sdn", "tbk", "jsc", "pjsc", "ojsc",
        "cjsc", "ooo", "oao", "zao", "pao", "fze", "fzc", "fzco", "fzllc", "dmcc", "wll", "sae", "sal", "cv", "rl", "ca",
        "sac", "saa", "oo", "spr", "sapi", "eirl", "ltda", "cia", "lda", "kk", "scs", "snc", "establishment",
    };

    /// <summary>Fragments of a multi-word legal form ("S. de R.L. de C.V."), removed only next to a legal form already removed.</summary>
    private static readonly HashSet<string> FormFragments = new(StringComparer.Ordinal) { "de", "y", "and", "et", "en", "s", "c", "sc", "z", "sp" };

    /// <summary>The long legal forms, recognised even with a typo.</summary>
    private static readonly string[] LongForms = ["limited", "company", "corporation", "incorporated", "establishment"];

    /// <summary>Legal forms that also begin ordinary names ("Company of ...", "Establishment for ..."), so never removed at the start.</summary>
    private static readonly HashSet<string> CommonWordForms = new(StringComparer.Ordinal) { "company", "corporation", "establishment", "cia", "est" };

    /// <summary>Legal-form words removed at the start of a name, where Russian, Ukrainian and Indonesian forms stand.</summary>
    private static readonly HashSet<string> LeadingForms = new(StringComparer.Ordinal)
    {
        "ooo", "oao", "zao", "pao", "ao", "tov", "too", "pjsc", "ojsc", "cjsc", "jsc", "pt", "cv", "ip", "chp", "dp", "pp",
    };

    /// <summary>The normalised tokens of a name, in reading order; never empty for a name with a letter or digit.</summary>
    public static string[] Tokens(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var folded = Fold(name);
        var comma = folded.IndexOf(',', StringComparison.Ordinal);
        List<string> tokens;
        if (comma >= 0 && folded.IndexOf(',', comma + 1) < 0)
        {
            var before = Split(folded.AsSpan(0, comma));
            var after = Split(folded.AsSpan(comma + 1));
            // "HANIYA, Ismail" is a surname first; "ACME, INC." and "X, S.A." only set off the company form.
            if (after.Count > 0 && before.Count > 0 && !after.TrueForAll(t => IsLegalForm(t) || FormFragments.Contains(t)))
            {
                after.AddRange(before);
                tokens = after;
            }
            else
            {
                before.AddRange(after);
                tokens = before;
            }
        }
        else
        {
            tokens = Split(folded);
        }
        StripForms(tokens);
        return [.. tokens];
    }

    /// <summary>Whether a normalised token is a company legal form such as <c>ltd</c>, <c>gmbh</c> or <c>ooo</c>.</summary>
    public static bool IsLegalForm(string token) => TrailingForms.Contains(token) || LeadingForms.Contains(token);

    /// <summary>The normalised name as one string, tokens joined by single spaces.</summary>
    public static string Normalise(string name) => string.Join(' ', Tokens(name));

    private static void StripForms(List<string> tokens)
    {
        var strippedForm = false;
        while (tokens.Count > 1)
        {
            var last = tokens[^1];
            if (TrailingForms.Contains(last) || (FormFragments.Contains(last) && (strippedForm || (tokens.Count > 2 && TrailingForms.Contains(tokens[^2])))))
            {
                tokens.RemoveAt(tokens.Count - 1);
                strippedForm = true;
                continue;
            }
            break;
        }
        // A misspelt long form ("LIMTED", "COMPAYN") is still a form: left in, it would count as a rare word matching nothing.
        while (tokens.Count > 1 && tokens[^1].Length >= 5 && LongForms.Any(form => JaroWinkler.Similarity(tokens[^1], form) >= 0.9))
        {
            tokens.RemoveAt(tokens.Count - 1);
        }
        while (tokens.Count > 1 && (LeadingForms.Contains(tokens[0]) || (tokens[0].Length >= 3 && TrailingForms.Contains(tokens[0]) && !CommonWordForms.Contains(tokens[0]))))
        {
            tokens.RemoveAt(0);
        }
    }

    private static List<string> Split(ReadOnlySpan<char> text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                tokens.Add(new string(text[start..i]));
                start = -1;
            }
        }
        return tokens;
    }

    /// <summary>Lower case, accents and ligatures folded, joining marks dropped; the separators that matter (letters, digits, spaces, commas) kept.</summary>
    private static string Fold(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c < 128)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    builder.Append(char.ToLowerInvariant(c));
                }
                else if (c is '.' or '\'' or '`')
                {
                    // joins: "S.A." → "sa", "Sa'id" → "said"
                }
                else
                {
                    builder.Append(c == ',' ? ',' : ' ');
                }
                continue;
            }
            AppendFolded(builder, c);
        }
        return builder.ToString();
    }

    private static void AppendFolded(StringBuilder builder, char c)
    {
        if (AccentFolding.Fold(c) is { } folded)
        {
            builder.Append(folded.Length == 0 ? " " : folded);
            return;
        }
        switch (c)
        {
            case '\u2019' or '\u2018' or '\u02BC' or '\u02BB' or '\u00B4':
                return;
            case >= '\u0300' and <= '\u036F':
                // combining accents written apart from their letter
                return;
            default:
                builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : c == '\uFF0C' ? ',' : ' ');
                return;
        }
    }
}
