using OpenCts.RiskModel.Declarations;
using OpenCts.RiskModel.Features;

namespace OpenCts.RiskModel.Training;

/// <summary>The gradient-boosting library that grows the trees.</summary>
public enum TreeLearner
{
    /// <summary>LightGBM (native library, through ML.NET).</summary>
    LightGbm,

    /// <summary>ML.NET's managed FastTree, for machines where LightGBM's native library does not load.</summary>
    FastTree,
}

/// <summary>Every setting of a model: features, target, learner and its hyper-parameters, seed.</summary>
/// <param name="Features">Which features and how the encodings are fitted.</param>
/// <param name="Target">The examination finding the model learns.</param>
/// <param name="Learner">The boosting library.</param>
/// <param name="Trees">Boosting rounds.</param>
/// <param name="Leaves">Leaves per tree.</param>
/// <param name="LearningRate">Shrinkage of each tree.</param>
/// <param name="MinRowsPerLeaf">Training rows a leaf needs at least.</param>
/// <param name="FeatureFraction">Share of features each tree may split on (LightGBM).</param>
/// <param name="MaxDepth">Splits on the longest path of a tree, 0 for no limit; shallow trees score faster.</param>
/// <param name="Seed">Seed of the folds and of the learner, so that training is repeatable.</param>
/// <param name="Threads">Threads the learner uses; results are repeatable for a given number.</param>
/// <remarks>
/// One thread by default: LightGBM's OpenMP workers spin while they wait, so on a busy two-core machine two threads
/// took 26 to 44 s where one took 6 s, with the same trees.
/// </remarks>
public sealed record ModelSettings(
    FeatureSettings Features,
    ModelTarget Target = ModelTarget.Fraud,
    TreeLearner Learner = TreeLearner.LightGbm,
    int Trees = 400,
    int Leaves = 31,
    double LearningRate = 0.05,
    int MinRowsPerLeaf = 20,
    double FeatureFraction = 0.8,
    int MaxDepth = 0,
    int Seed = 42,
    int Threads = 1)
{
    /// <summary>The settings chosen on the 2021-Q1 validation period.</summary>
    public static ModelSettings Default { get; } = new(FeatureSettings.Default);
}
