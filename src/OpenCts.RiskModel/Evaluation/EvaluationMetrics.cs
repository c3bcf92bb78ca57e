namespace OpenCts.RiskModel.Evaluation;

/// <summary>Precision and recall at 1, 2, 5 and 10 % inspection, and the AUC, of one scored period.</summary>
public sealed record EvaluationMetrics(
    int Rows,
    int Positives,
    double PrecisionAt1,
    double PrecisionAt2,
    double PrecisionAt5,
    double PrecisionAt10,
    double RecallAt1,
    double RecallAt2,
    double RecallAt5,
    double RecallAt10,
    double Auc)
{
    public static EvaluationMetrics Of(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        var positives = 0;
        foreach (var label in labels)
        {
            positives += label ? 1 : 0;
        }
        return new EvaluationMetrics(
            scores.Length,
            positives,
            RankingMetrics.PrecisionAt(scores, labels, 0.01),
            RankingMetrics.PrecisionAt(scores, labels, 0.02),
            RankingMetrics.PrecisionAt(scores, labels, 0.05),
            RankingMetrics.PrecisionAt(scores, labels, 0.10),
            RankingMetrics.RecallAt(scores, labels, 0.01),
            RankingMetrics.RecallAt(scores, labels, 0.02),
            RankingMetrics.RecallAt(scores, labels, 0.05),
            RankingMetrics.RecallAt(scores, labels, 0.10),
            RankingMetrics.Auc(scores, labels));
    }

    /// <summary>What settings are chosen by: the mean of precision at 5 and 10 %, the goals of the issue.</summary>
    public double SelectionScore => (PrecisionAt5 + PrecisionAt10) / 2;
}
