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
        var width = encoder.FeatureCount;
        var block = new float[4 * width];
        Span<double> raw = stackalloc double[4];
        var i = 0;
        for (; i + 4 <= declarations.Count; i += 4)
        {
            for (var k = 0; k < 4; k++)
            {
                encoder.Encode(declarations[i + k], block.AsSpan(k * width, width));
            }
            trees.RawScore4(block, width, raw);
            for (var k = 0; k < 4; k++)
            {
                scores[i + k] = trees.Calibrate(raw[k]);
            }
        }
        for (; i < declarations.Count; i++)
        {
            encoder.Encode(declarations[i], block.AsSpan(0, width));
            scores[i] = trees.Probability(block.AsSpan(0, width));
        }
    }
}
