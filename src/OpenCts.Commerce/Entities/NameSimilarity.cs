namespace OpenCts.Commerce.Entities;

/// <summary>
/// How alike two normalised names are, from 0 to 1: words paired in any order, an initial standing for a word it
/// begins, and a word with a typo counting almost as the word.
/// </summary>
/// <remarks>
/// Each word pair scores Jaro-Winkler, but only while the edit distance stays small for the words' length (one edit up
/// to five letters, two up to ten, three beyond): Jaro-Winkler alone rates <c>SMITH</c> and <c>SMITHSON</c> at 0.93,
/// yet they are different names. The name score is the mean over the shorter name's words, lowered by a tenth for
/// each word the longer name has in addition, and it is zero when only initials agree.
/// </remarks>
public static class NameSimilarity
{
    private const double InitialScore = 0.9;
    private const int MaxWords = 12;

    /// <summary>The similarity of two normalised name keys (<see cref="NormalisedName.Key"/>).</summary>
    public static double Score(string left, string right)
    {
        if (left.Length == 0 || right.Length == 0)
        {
            return 0;
        }
        if (string.Equals(left, right, StringComparison.Ordinal))
        {
            return 1;
        }
        Span<Range> a = stackalloc Range[MaxWords];
        Span<Range> b = stackalloc Range[MaxWords];
        var na = left.AsSpan().Split(a, ' ');
        var nb = right.AsSpan().Split(b, ' ');
        if (na > nb)
        {
            (left, right) = (right, left);
            var swap = a;
            a = b;
            b = swap;
            (na, nb) = (nb, na);
        }
        Span<bool> used = stackalloc bool[MaxWords];
        double sum = 0;
        var fullWordAgrees = false;
        for (var i = 0; i < na; i++)
        {
            var word = left.AsSpan()[a[i]];
            var best = 0.0;
            var bestAt = -1;
            for (var j = 0; j < nb; j++)
            {
                if (used[j])
                {
                    continue;
                }
                var score = WordScore(word, right.AsSpan()[b[j]]);
                if (score > best)
                {
                    best = score;
                    bestAt = j;
                }
            }
            if (bestAt >= 0)
            {
                used[bestAt] = true;
                sum += best;
                if (best > InitialScore || (best > 0 && word.Length > 1 && right.AsSpan()[b[bestAt]].Length > 1))
                {
                    fullWordAgrees = true;
                }
            }
        }
        if (!fullWordAgrees)
        {
            return 0;
        }
        var score01 = sum / na;
        for (var extra = nb - na; extra > 0; extra--)
        {
            score01 *= 0.9;
        }
        return score01;
    }

    /// <summary>The similarity of two words: 1 when equal, 0.9 for an initial and the word it begins, else bounded Jaro-Winkler.</summary>
    public static double WordScore(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return 1;
        }
        if (a.Length == 1 || b.Length == 1)
        {
            return a[0] == b[0] ? InitialScore : 0;
        }
        var longest = Math.Max(a.Length, b.Length);
        var allowed = longest <= 5 ? 1 : longest <= 10 ? 2 : 3;
        if (Math.Abs(a.Length - b.Length) > allowed || EditDistance(a, b, allowed) > allowed)
        {
            return 0;
        }
        return JaroWinkler(a, b);
    }

    /// <summary>The Jaro-Winkler similarity (prefix scale 0.1, up to four letters).</summary>
    public static double JaroWinkler(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }
        var window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        Span<bool> aMatched = stackalloc bool[a.Length];
        Span<bool> bMatched = stackalloc bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0)
        {
            return 0;
        }
        var transpositions = 0;
        for (int i = 0, k = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }
            while (!bMatched[k])
            {
                k++;
            }
            if (a[i] != b[k])
            {
                transpositions++;
            }
            k++;
        }
        double m = matches;
        var jaro = (m / a.Length + m / b.Length + (m - transpositions / 2.0) / m) / 3;
        var prefix = 0;
        while (prefix < 4 && prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    /// <summary>The optimal-string-alignment edit distance (insert, delete, substitute, swap two neighbours), stopping early past <paramref name="limit"/>.</summary>
    public static int EditDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit = int.MaxValue)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            return Math.Max(a.Length, b.Length);
        }
        Span<int> previous2 = stackalloc int[b.Length + 1];
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
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > limit)
            {
                return rowMin;
            }
            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }
        return previous[b.Length];
    }
}
