namespace OpenCts.RiskModel.Evaluation;

/// <summary>How well a ranking by score finds the irregular declarations when only the top share is inspected.</summary>
public static class RankingMetrics
{
    /// <summary>The inspection shares the issue reports: 1, 2, 5 and 10 %.</summary>
    public static IReadOnlyList<double> StandardShares { get; } = [0.01, 0.02, 0.05, 0.10];

    /// <summary>How many rows an inspection share covers: the share of the count, rounded down, at least one.</summary>
    public static int Inspected(int count, double share) => Math.Clamp((int)Math.Floor((count * share) + 1e-9), 1, count);

    /// <summary>Of the top <paramref name="share"/> by score, the fraction that is irregular.</summary>
    public static double PrecisionAt(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, double share)
    {
        var k = Inspected(scores.Length, share);
        return (double)HitsInTop(scores, labels, k) / k;
    }

    /// <summary>Of all irregular rows, the fraction found in the top <paramref name="share"/> by score; 0 with none.</summary>
    public static double RecallAt(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, double share)
    {
        var positives = 0;
        foreach (var label in labels)
        {
            positives += label ? 1 : 0;
        }
        return positives == 0 ? 0 : (double)HitsInTop(scores, labels, Inspected(scores.Length, share)) / positives;
    }

    /// <summary>The area under the ROC curve: the chance that a random irregular row outscores a random regular one, ties counting half.</summary>
    public static double Auc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        Check(scores, labels);
        var order = Order(scores, descending: false);
        double positives = 0, negatives = 0, rankSum = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }
            // Tied scores share the mean of their ranks (1-based).
            var meanRank = ((i + 1) + (j + 1)) / 2.0;
            for (var t = i; t <= j; t++)
            {
                if (labels[order[t]])
                {
                    positives++;
                    rankSum += meanRank;
                }
                else
                {
                    negatives++;
                }
            }
            i = j + 1;
        }
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }
        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }

    /// <summary>Irregular rows among the <paramref name="k"/> highest scores; ties broken by row order, first row first.</summary>
    public static int HitsInTop(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, int k)
    {
        Check(scores, labels);
        var order = Order(scores, descending: true);
        var hits = 0;
        for (var i = 0; i < Math.Min(k, order.Length); i++)
        {
            hits += labels[order[i]] ? 1 : 0;
        }
        return hits;
    }

    /// <summary>Row indices by score; equal scores keep row order.</summary>
    public static int[] Order(ReadOnlySpan<double> scores, bool descending)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        var keys = scores.ToArray();
        Array.Sort(order, (a, b) =>
        {
            var byScore = descending ? keys[b].CompareTo(keys[a]) : keys[a].CompareTo(keys[b]);
            return byScore != 0 ? byScore : a.CompareTo(b);
        });
        return order;
    }

    private static void Check(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException($"{scores.Length} scores but {labels.Length} labels");
        }
        if (scores.Length == 0)
        {
            throw new ArgumentException("no scores to rank");
        }
    }
}
