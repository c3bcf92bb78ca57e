using OpenCts.RiskModel.Declarations;
using OpenCts.RiskModel.Features;

namespace OpenCts.RiskModel.Scoring;

/// <summary>Scores many declarations with one feature buffer per thread.</summary>
internal static class BatchScoring
{
    public static double[] Score(FeatureEncoder encoder, TreeEnsemble trees, IReadOnlyList<Declaration> declarations)
    {
        var scores = new double[declarations.Count];
        Score(encoder, trees, declarations, scores);
        return scores;
    }

    public static void Score(FeatureEncoder encoder, TreeEnsemble trees, IReadOnlyList<Declaration> declarations, Span<double> scores)
    {
        var buffer = new float[encoder.FeatureCount];
        for (var i = 0; i < declarations.Count; i++)
        {
            encoder.Encode(declarations[i], buffer);
            scores[i] = trees.Probability(buffer);
        }
    }
}
