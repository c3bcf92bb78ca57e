namespace OpenCts.Screening.Matching;

/// <summary>The Jaro-Winkler similarity of two tokens, in 0..1, with the usual prefix scale 0.1 over at most four characters.</summary>
/// <remarks>Written for short tokens without allocation: the matched flags live on the stack.</remarks>
public static class JaroWinkler
{
    private const int MaxLength = 64;

    public static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return a.IsEmpty ? 0 : 1;
        }
        if (a.IsEmpty || b.IsEmpty)
        {
            return 0;
        }
        if (a.Length > MaxLength || b.Length > MaxLength)
        {
            a = a[..Math.Min(a.Length, MaxLength)];
            b = b[..Math.Min(b.Length, MaxLength)];
        }
        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        Span<bool> aMatched = stackalloc bool[a.Length];
        Span<bool> bMatched = stackalloc bool[b.Length];
        aMatched.Clear();
        bMatched.Clear();
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
        var k = 0;
        for (var i = 0; i < a.Length; i++)
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
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3.0;
        var prefix = 0;
        var limit = Math.Min(4, Math.Min(a.Length, b.Length));
        while (prefix < limit && a[prefix] == b[prefix])
        {
            prefix++;
        }
        return jaro + (prefix * 0.1 * (1 - jaro));
    }
}
