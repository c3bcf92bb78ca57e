using OpenCts.RiskModel.Declarations;
using OpenCts.RiskModel.Features;
using OpenCts.RiskModel.Training;

namespace OpenCts.RiskModel.Scoring;

/// <summary>One feature's part in a score: its name, its value for the declaration, and what it added (log-odds).</summary>
public sealed record FeatureContribution(string Feature, float Value, double Contribution);

/// <summary>The model's probability that a declaration is found irregular, with the features that moved it most.</summary>
public sealed record ModelScore(string ModelVersion, double Probability, IReadOnlyList<FeatureContribution> TopContributions);

/// <summary>Scores declarations with a saved model version; thread-safe.</summary>
public sealed class RiskModelScorer
{
    private readonly FeatureEncoder _encoder;
    private readonly TreeEnsemble _trees;

    internal RiskModelScorer(string version, FeatureEncoder encoder, TreeEnsemble trees)
    {
        Version = version;
        _encoder = encoder;
        _trees = trees;
    }

    /// <summary>The model version, as the folder under <c>models/</c> names it.</summary>
    public string Version { get; }

    public IReadOnlyList<string> FeatureNames => _encoder.FeatureNames;

    /// <summary>A scorer over a model just trained, before it is saved.</summary>
    public static RiskModelScorer For(TrainedRiskModel model, string version) => new(version, model.Encoder, model.Trees);

    /// <summary>The probability alone: the fast path for ranking many declarations.</summary>
    public double Probability(Declaration declaration)
    {
        Span<float> features = stackalloc float[_encoder.FeatureCount];
        _encoder.Encode(declaration, features);
        return _trees.Probability(features);
    }

    /// <summary>Scores a batch into <paramref name="probabilities"/>, in order.</summary>
    public void Score(IReadOnlyList<Declaration> declarations, Span<double> probabilities)
    {
        if (probabilities.Length < declarations.Count)
        {
            throw new ArgumentException($"room for {probabilities.Length} scores but {declarations.Count} declarations", nameof(probabilities));
        }
        BatchScoring.Score(_encoder, _trees, declarations, probabilities);
    }

    /// <summary>The probability and the <paramref name="top"/> features with the largest contributions either way.</summary>
    public ModelScore Explain(Declaration declaration, int top = 5)
    {
        var features = _encoder.Encode(declaration);
        var contributions = new double[features.Length];
        _trees.AddContributions(features, contributions);
        var order = Enumerable.Range(0, features.Length)
            .Where(i => contributions[i] != 0)
            .OrderByDescending(i => Math.Abs(contributions[i]))
            .ThenBy(i => i)
            .Take(top)
            .Select(i => new FeatureContribution(_encoder.FeatureNames[i], features[i], contributions[i]))
            .ToList();
        return new ModelScore(Version, _trees.Probability(features), order);
    }
}
