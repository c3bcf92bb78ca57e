using CsCheck;
using OpenCts.Commerce.Ipr;

namespace OpenCts.Commerce.Tests.Ipr;

public sealed class BrandTextProperties
{
    private static readonly Gen<string> Word = Gen.Char["abcdeklmnorstvz"].Array[0, 12].Select(c => new string(c));

    [Fact]
    public void The_bounded_distance_is_the_full_alignment_distance_cut_at_the_bound()
    {
        Gen.Select(Word, Word, Gen.Int[0, 3]).Sample((a, b, max) =>
            BrandText.Distance(a, b, max) == Math.Min(Alignment(a, b), max + 1));
    }

    [Fact]
    public void The_distance_is_symmetric_and_zero_only_between_equal_words()
    {
        Gen.Select(Word, Word).Sample((a, b) =>
            BrandText.Distance(a, b, 20) == BrandText.Distance(b, a, 20) && (BrandText.Distance(a, b, 20) == 0) == (a == b));
    }

    [Fact]
    public void Folding_a_folded_name_changes_nothing()
    {
        Gen.String[Gen.Char["aAbBeE0135@$ оаеКк-"], 1, 16].Sample(name => BrandText.Key(BrandText.Key(name)) == BrandText.Key(name));
    }

    /// <summary>Optimal string alignment distance, unbounded, written the plain way.</summary>
    private static int Alignment(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
