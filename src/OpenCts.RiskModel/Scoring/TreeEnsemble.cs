using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace OpenCts.RiskModel.Scoring;

/// <summary>The boosted trees of a trained model in flat arrays, scored without ML.NET's per-row machinery.</summary>
/// <remarks>
/// ML.NET's prediction engine costs a few microseconds a row in copying and schema work; walking the same trees over
/// a span of floats is several times faster and allocates nothing, which is what batch scoring needs. The trees are
/// read from the ML.NET model, so the saved zip stays the single source of truth; a test checks both agree.
/// </remarks>
public sealed class TreeEnsemble
{
    private readonly Tree[] _trees;

    private TreeEnsemble(Tree[] trees, double bias, double slope, double offset)
    {
        _trees = trees;
        Bias = bias;
        Slope = slope;
        Offset = offset;
    }

    public int TreeCount => _trees.Length;

    public double Bias { get; }

    /// <summary>Platt calibration: probability = 1 / (1 + exp(Slope * raw + Offset)).</summary>
    public double Slope { get; }

    public double Offset { get; }

    /// <summary>Reads the trees and calibrator of a binary tree model (LightGBM or FastTree), as trained or as loaded.</summary>
    public static TreeEnsemble From(ITransformer transformer)
    {
        var model = (transformer as ISingleFeaturePredictionTransformer<object>)?.Model
            ?? throw new InvalidOperationException($"{transformer.GetType().Name} is not a single prediction transformer");
        var (ensemble, platt) = model switch
        {
            CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator> c => (c.SubModel.TrainedTreeEnsemble, c.Calibrator),
            CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator> c => (c.SubModel.TrainedTreeEnsemble, c.Calibrator),
            _ => throw new InvalidOperationException($"{model.GetType()} is not a Platt-calibrated LightGBM or FastTree model"),
        };
        var trees = new Tree[ensemble.Trees.Count];
        for (var t = 0; t < trees.Length; t++)
        {
            trees[t] = Tree.From(ensemble.Trees[t], ensemble.TreeWeights[t]);
        }
        return new TreeEnsemble(trees, ensemble.Bias, platt.Slope, platt.Offset);
    }

    /// <summary>The raw (log-odds scale) score of a feature vector.</summary>
    public double RawScore(ReadOnlySpan<float> features)
    {
        var sum = Bias;
        foreach (var tree in _trees)
        {
            sum += tree.Weight * tree.LeafValues[tree.LeafOf(features)];
        }
        return sum;
    }

    /// <summary>The calibrated probability of a feature vector.</summary>
    public double Probability(ReadOnlySpan<float> features) => Calibrate(RawScore(features));

    public double Calibrate(double raw) => 1 / (1 + Math.Exp((Slope * raw) + Offset));

    /// <summary>Adds each feature's contribution to the raw score into <paramref name="contributions"/>.</summary>
    /// <remarks>
    /// At each split on a row's path, the feature of the split is credited with how much the tree's output would change
    /// had the row gone the other way (and on down the tree as it would). This needs no training statistics, and a
    /// feature that decides nothing gets nothing.
    /// </remarks>
    public void AddContributions(ReadOnlySpan<float> features, Span<double> contributions)
    {
        foreach (var tree in _trees)
        {
            tree.AddContributions(features, contributions);
        }
    }

    private sealed class Tree
    {
        public required int[] Feature { get; init; }

        public required float[] Threshold { get; init; }

        public required int[] Left { get; init; }

        public required int[] Right { get; init; }

        public required double[] LeafValues { get; init; }

        public required double Weight { get; init; }

        public static Tree From(RegressionTree tree, double weight)
        {
            for (var n = 0; n < tree.NumberOfNodes; n++)
            {
                if (tree.CategoricalSplitFlags[n])
                {
                    throw new NotSupportedException("categorical splits are not used by the risk model's features");
                }
            }
            return new Tree
            {
                Feature = [.. tree.NumericalSplitFeatureIndexes],
                Threshold = [.. tree.NumericalSplitThresholds],
                Left = [.. tree.LeftChild],
                Right = [.. tree.RightChild],
                LeafValues = [.. tree.LeafValues],
                Weight = weight,
            };
        }

        /// <summary>Children below zero are leaves, numbered by their complement.</summary>
        public int LeafOf(ReadOnlySpan<float> features) => Feature.Length == 0 ? 0 : ~Descend(0, features);

        private int Descend(int node, ReadOnlySpan<float> features)
        {
            while (node >= 0)
            {
                node = features[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
            }
            return node;
        }

        public void AddContributions(ReadOnlySpan<float> features, Span<double> contributions)
        {
            if (Feature.Length == 0)
            {
                return;
            }
            var actual = LeafValues[LeafOf(features)];
            var node = 0;
            while (node >= 0)
            {
                var goesLeft = features[Feature[node]] <= Threshold[node];
                var other = goesLeft ? Right[node] : Left[node];
                var otherLeaf = other < 0 ? other : Descend(other, features);
                contributions[Feature[node]] += Weight * (actual - LeafValues[~otherLeaf]);
                node = goesLeft ? Left[node] : Right[node];
            }
        }
    }
}
