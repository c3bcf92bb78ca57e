using System.Text.Json;
using System.Text.Json.Serialization;
using OpenCts.Domain.Common;
using OpenCts.RiskModel.Declarations;
using OpenCts.RiskModel.Evaluation;
using OpenCts.RiskModel.Features;

namespace OpenCts.RiskModel.Training;

/// <summary>What a saved model is: version, training data hash, features, settings and validation metrics (<c>manifest.json</c>).</summary>
/// <param name="Version">The folder name under <c>models/</c>: creation time and the start of the data hash.</param>
/// <param name="CreatedAt">When the model was trained.</param>
/// <param name="DataHash">SHA-256 of the training rows (<see cref="TrainingDataHash"/>).</param>
/// <param name="TrainingRows">Rows trained on.</param>
/// <param name="TrainingPositives">Of them, rows with the target finding.</param>
/// <param name="Sources">Where the rows came from: file paths or the store.</param>
/// <param name="Features">Feature names in vector order.</param>
/// <param name="Settings">Every setting, enough to train the same model again.</param>
/// <param name="Metrics">Figures by period name, such as <c>valid</c>.</param>
public sealed record ModelManifest(
    string Version,
    DateTimeOffset CreatedAt,
    string DataHash,
    int TrainingRows,
    int TrainingPositives,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Features,
    ManifestSettings Settings,
    IReadOnlyDictionary<string, EvaluationMetrics> Metrics)
{
    internal static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ModelManifest FromJson(string json, string name) =>
        JsonSerializer.Deserialize<ModelManifest>(json, Json) ?? throw new InvalidDataException($"{name} is empty");
}

/// <summary>Model settings in the plain form the manifest stores; groups are written as <c>Hs6*Origin</c>.</summary>
public sealed record ManifestSettings(
    ModelTarget Target,
    TreeLearner Learner,
    int Trees,
    int Leaves,
    double LearningRate,
    int MinRowsPerLeaf,
    double FeatureFraction,
    int MaxDepth,
    int Seed,
    int Threads,
    IReadOnlyList<string> Groups,
    double Smoothing,
    int Folds,
    bool TimeFeatures)
{
    public static ManifestSettings From(ModelSettings s) => new(
        s.Target, s.Learner, s.Trees, s.Leaves, s.LearningRate, s.MinRowsPerLeaf, s.FeatureFraction, s.MaxDepth, s.Seed, s.Threads,
        [.. s.Features.Groups.Select(g => g.Name)], s.Features.Smoothing, s.Features.Folds, s.Features.TimeFeatures);

    public ModelSettings ToSettings()
    {
        var groups = new List<EncodingGroup>();
        foreach (var name in Groups)
        {
            var fields = name.Split('*').Select(part => Enum.TryParse<DeclarationField>(part, ignoreCase: false, out var field)
                ? field
                : throw new InvalidDataException($"manifest group '{name}' names '{part}', which is not a declaration field"));
            groups.Add(new EncodingGroup(new ValueList<DeclarationField>(fields)));
        }
        var features = new FeatureSettings(new ValueList<EncodingGroup>(groups), Smoothing, Folds, TimeFeatures);
        return new ModelSettings(features, Target, Learner, Trees, Leaves, LearningRate, MinRowsPerLeaf, FeatureFraction, MaxDepth, Seed, Threads);
    }
}
