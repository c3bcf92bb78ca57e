using OpenCts.RiskModel.Evaluation;

namespace OpenCts.RiskModel.Tests.Evaluation;

public sealed class RankingMetricsTests
{
    // Ten rows ranked by hand: the top three by score are rows 4 (fraud), 0 (fraud) and 7 (not).
    private static readonly double[] Scores = [0.9, 0.1, 0.3, 0.2, 0.95, 0.4, 0.05, 0.8, 0.6, 0.7];
    private static readonly bool[] Labels = [true, false, true, false, true, false, false, false, false, true];

    [Fact]
    public void PrecisionCountsFraudAmongTheTopShareRoundedDown()
    {
        Assert.Equal(1.0, RankingMetrics.PrecisionAt(Scores, Labels, 0.10));
        Assert.Equal(1.0, RankingMetrics.PrecisionAt(Scores, Labels, 0.20));
        Assert.Equal(2.0 / 3, RankingMetrics.PrecisionAt(Scores, Labels, 0.35), 12);
        Assert.Equal(0.6, RankingMetrics.PrecisionAt(Scores, Labels, 0.50), 12);
        Assert.Equal(1.0, RankingMetrics.PrecisionAt(Scores, Labels, 0.01));
    }

    [Fact]
    public void RecallIsTheShareOfAllFraudFoundInTheTop()
    {
        Assert.Equal(0.25, RankingMetrics.RecallAt(Scores, Labels, 0.10));
        Assert.Equal(0.75, RankingMetrics.RecallAt(Scores, Labels, 0.50));
        Assert.Equal(1.0, RankingMetrics.RecallAt(Scores, Labels, 1.0));
        Assert.Equal(0.0, RankingMetrics.RecallAt(Scores, [false, false, false, false, false, false, false, false, false, false], 0.5));
    }

    [Fact]
    public void AucIsThePairwiseShareOfFraudRankedAboveCompliance()
    {
        // Fraud rows score 0.95 and 0.9 (above all six compliant rows), 0.7 (above five) and 0.3 (above three): 20 of 24 pairs.
        Assert.Equal(20.0 / 24, RankingMetrics.Auc(Scores, Labels), 12);
    }

    [Fact]
    public void TiedScoresCountHalfInTheAuc()
    {
        Assert.Equal(0.5, RankingMetrics.Auc([0.5, 0.5], [true, false]));
        Assert.Equal(0.75, RankingMetrics.Auc([0.9, 0.5, 0.5], [true, true, false]));
        Assert.Equal(1.0, RankingMetrics.Auc([0.9, 0.1], [true, false]));
        Assert.Equal(0.0, RankingMetrics.Auc([0.1, 0.9], [true, false]));
        Assert.True(double.IsNaN(RankingMetrics.Auc([0.1, 0.9], [true, true])));
    }

    [Fact]
    public void TiesInTheTopAreBrokenByRowOrder()
    {
        Assert.Equal(1.0, RankingMetrics.PrecisionAt([0.5, 0.5, 0.5, 0.5], [true, false, false, false], 0.25));
        Assert.Equal(0.0, RankingMetrics.PrecisionAt([0.5, 0.5, 0.5, 0.5], [false, true, false, false], 0.25));
    }

    [Fact]
    public void TheFiguresOfAPerfectRankingAreAllOne()
    {
        var scores = Enumerable.Range(0, 200).Select(i => 1.0 - (i / 200.0)).ToArray();
        var labels = Enumerable.Range(0, 200).Select(i => i < 40).ToArray();
        var m = EvaluationMetrics.Of(scores, labels);
        Assert.Equal((1.0, 1.0, 1.0, 1.0, 1.0), (m.PrecisionAt1, m.PrecisionAt2, m.PrecisionAt5, m.PrecisionAt10, m.Auc));
        Assert.Equal((2.0 / 40, 4.0 / 40, 10.0 / 40, 20.0 / 40), (m.RecallAt1, m.RecallAt2, m.RecallAt5, m.RecallAt10));
    }
}
