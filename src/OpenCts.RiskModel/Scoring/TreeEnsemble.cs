using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    private readonly Node[] _nodes;
    private readonly double[] _values;
    private readonly int[] _roots;
    private readonly int[] _depths;
    private readonly int _width;

    private TreeEnsemble(Tree[] trees, double bias, double slope, double offset)
    {
        _trees = trees;
        Bias = bias;
        Slope = slope;
        Offset = offset;
        (_nodes, _values, _roots, _depths) = Flatten(trees);
        _width = _nodes.Max(n => n.Feature) + 1;
    }

    /// <summary>A split of the flat layout: its right child sits just after its left one, so the step needs no branch.</summary>
    /// <remarks>A leaf is a node with threshold +infinity whose left child is itself: a row that reaches it stays.</remarks>
    private readonly record struct Node(int Feature, float Threshold, int Left);

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
        CheckWidth(features.Length);
        ref var f = ref MemoryMarshal.GetReference(features);
        ref var node0 = ref MemoryMarshal.GetArrayDataReference(_nodes);
        var sum = Bias;
        for (var t = 0; t < _roots.Length; t++)
        {
            var n = _roots[t];
            for (var d = _depths[t]; d > 0; d--)
            {
                ref readonly var node = ref Unsafe.Add(ref node0, n);
                n = node.Left + (Unsafe.Add(ref f, node.Feature) > node.Threshold ? 1 : 0);
            }
            sum += _values[n];
        }
        return sum;
    }

    /// <summary>The raw scores of four feature vectors laid end to end in <paramref name="block"/>, each <paramref name="width"/> long.</summary>
    /// <remarks>
    /// The hot loop of batch scoring. Each tree is walked to its full depth (leaves loop to themselves), so there is no
    /// branch that depends on the data to mispredict, and four rows walk side by side, so the processor overlaps their
    /// memory reads instead of waiting on one chain of them. Sums run in tree order, as <see cref="RawScore"/> does,
    /// so both give the same bits.
    /// </remarks>
    public void RawScore4(ReadOnlySpan<float> block, int width, Span<double> scores)
    {
        CheckWidth(width);
        if (block.Length < 4 * width || scores.Length < 4)
        {
            throw new ArgumentException("a block holds four feature vectors and four scores");
        }
        ref var f0 = ref MemoryMarshal.GetReference(block);
        ref var f1 = ref Unsafe.Add(ref f0, width);
        ref var f2 = ref Unsafe.Add(ref f0, 2 * width);
        ref var f3 = ref Unsafe.Add(ref f0, 3 * width);
        ref var node0 = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var value0 = ref MemoryMarshal.GetArrayDataReference(_values);
        double s0 = Bias, s1 = Bias, s2 = Bias, s3 = Bias;
        for (var t = 0; t < _roots.Length; t++)
        {
            int n0 = _roots[t], n1 = n0, n2 = n0, n3 = n0;
            for (var d = _depths[t]; d > 0; d--)
            {
                ref readonly var a = ref Unsafe.Add(ref node0, n0);
                ref readonly var b = ref Unsafe.Add(ref node0, n1);
                ref readonly var c = ref Unsafe.Add(ref node0, n2);
                ref readonly var e = ref Unsafe.Add(ref node0, n3);
                n0 = a.Left + (Unsafe.Add(ref f0, a.Feature) > a.Threshold ? 1 : 0);
                n1 = b.Left + (Unsafe.Add(ref f1, b.Feature) > b.Threshold ? 1 : 0);
                n2 = c.Left + (Unsafe.Add(ref f2, c.Feature) > c.Threshold ? 1 : 0);
                n3 = e.Left + (Unsafe.Add(ref f3, e.Feature) > e.Threshold ? 1 : 0);
            }
            s0 += Unsafe.Add(ref value0, n0);
            s1 += Unsafe.Add(ref value0, n1);
            s2 += Unsafe.Add(ref value0, n2);
            s3 += Unsafe.Add(ref value0, n3);
        }
        scores[0] = s0;
        scores[1] = s1;
        scores[2] = s2;
        scores[3] = s3;
    }

    private void CheckWidth(int width)
    {
        if (width < _width)
        {
            throw new ArgumentException($"{width} features where the trees read {_width}");
        }
    }

    private static (Node[] Nodes, double[] Values, int[] Roots, int[] Depths) Flatten(Tree[] trees)
    {
        var nodes = new List<Node>();
        var values = new List<double>();
        var roots = new int[trees.Length];
        var depths = new int[trees.Length];
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = trees[t];
            roots[t] = nodes.Count;
            depths[t] = tree.Feature.Length == 0 ? 0 : tree.Depth(0);
            // Breadth first, each split's two children take two adjacent slots. Source ids: splits >= 0, leaves < 0.
            var pending = new Queue<(int Source, int Slot)>();
            nodes.Add(default);
            values.Add(0);
            pending.Enqueue((tree.Feature.Length == 0 ? ~0 : 0, roots[t]));
            while (pending.Count > 0)
            {
                var (source, slot) = pending.Dequeue();
                if (source < 0)
                {
                    nodes[slot] = new Node(0, float.PositiveInfinity, slot);
                    values[slot] = tree.Weight * tree.LeafValues[~source];
                    continue;
                }
                var left = nodes.Count;
                nodes.Add(default);
                nodes.Add(default);
                values.Add(0);
                values.Add(0);
                nodes[slot] = new Node(tree.Feature[source], tree.Threshold[source], left);
                pending.Enqueue((tree.Left[source], left));
                pending.Enqueue((tree.Right[source], left + 1));
            }
        }
        return ([.. nodes], [.. values], roots, depths);
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

        /// <summary>The most splits on a path from <paramref name="node"/> down to a leaf.</summary>
        public int Depth(int node) => node < 0 ? 0 : 1 + Math.Max(Depth(Left[node]), Depth(Right[node]));

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
