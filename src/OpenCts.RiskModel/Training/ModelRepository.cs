using System.Globalization;
using Microsoft.ML;
using OpenCts.RiskModel.Declarations;
using OpenCts.RiskModel.Evaluation;
using OpenCts.RiskModel.Features;
using OpenCts.RiskModel.Scoring;

namespace OpenCts.RiskModel.Training;

/// <summary>The saved models of a store, one folder per version under <c>&lt;data&gt;/models/</c>.</summary>
/// <remarks>
/// A version folder holds <c>model.zip</c> (the ML.NET model), <c>encodings.bin</c> (the fitted encodings) and
/// <c>manifest.json</c>. It is written under a temporary name and renamed when complete, so a crash never leaves a
/// version that loads half a model.
/// </remarks>
public sealed class ModelRepository
{
    public const string ModelFile = "model.zip";
    public const string EncodingsFile = "encodings.bin";
    public const string ManifestFile = "manifest.json";

    public ModelRepository(string directory) => Directory = directory;

    /// <summary>The folder that holds the version folders.</summary>
    public string Directory { get; }

    /// <summary>The repository of a store folder (<c>--data</c>).</summary>
    public static ModelRepository InStore(string dataDirectory) => new(Path.Combine(dataDirectory, "models"));

    /// <summary>Saves a trained model as a new version and returns its manifest.</summary>
    public ModelManifest Save(
        TrainedRiskModel model,
        IReadOnlyList<ExaminedDeclaration> trainingRows,
        IReadOnlyList<string> sources,
        IReadOnlyDictionary<string, EvaluationMetrics> metrics,
        DateTimeOffset now)
    {
        var hash = TrainingDataHash.Of(trainingRows);
        var positives = trainingRows.Count(r => r.Label(model.Settings.Target));
        System.IO.Directory.CreateDirectory(Directory);
        var version = NewVersion(now, hash);
        var manifest = new ModelManifest(
            version, now, hash, trainingRows.Count, positives, sources, model.Encoder.FeatureNames,
            ManifestSettings.From(model.Settings), metrics);

        var partial = Path.Combine(Directory, "." + version + ".partial");
        System.IO.Directory.CreateDirectory(partial);
        try
        {
            using (var zip = File.Create(Path.Combine(partial, ModelFile)))
            {
                model.Ml.Model.Save(model.Transformer, model.InputSchema, zip);
            }
            using (var encodings = File.Create(Path.Combine(partial, EncodingsFile)))
            {
                EncoderFile.Write(model.Encoder, encodings);
            }
            File.WriteAllText(Path.Combine(partial, ManifestFile), manifest.ToJson());
            System.IO.Directory.Move(partial, Path.Combine(Directory, version));
        }
        catch
        {
            System.IO.Directory.Delete(partial, recursive: true);
            throw;
        }
        return manifest;
    }

    /// <summary>Every saved version, oldest first.</summary>
    public IReadOnlyList<ModelManifest> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }
        var manifests = new List<ModelManifest>();
        foreach (var folder in System.IO.Directory.GetDirectories(Directory))
        {
            var path = Path.Combine(folder, ManifestFile);
            if (!Path.GetFileName(folder).StartsWith('.') && File.Exists(path))
            {
                manifests.Add(ModelManifest.FromJson(File.ReadAllText(path), path));
            }
        }
        return [.. manifests.OrderBy(m => m.CreatedAt).ThenBy(m => m.Version, StringComparer.Ordinal)];
    }

    /// <summary>The newest version, or null when none is saved.</summary>
    public ModelManifest? Latest() => List().LastOrDefault();

    /// <summary>Loads a saved version for scoring.</summary>
    public RiskModelScorer Load(string version)
    {
        var folder = Path.Combine(Directory, version);
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"model version '{version}' is not saved in {Directory}", manifestPath);
        }
        var manifest = ModelManifest.FromJson(File.ReadAllText(manifestPath), manifestPath);
        var settings = manifest.Settings.ToSettings();
        FeatureEncoder encoder;
        using (var encodings = File.OpenRead(Path.Combine(folder, EncodingsFile)))
        {
            encoder = EncoderFile.Read(encodings, settings.Features, Path.Combine(folder, EncodingsFile));
        }
        ITransformer transformer;
        using (var zip = File.OpenRead(Path.Combine(folder, ModelFile)))
        {
            transformer = new MLContext(settings.Seed).Model.Load(zip, out _);
        }
        if (!encoder.FeatureNames.SequenceEqual(manifest.Features, StringComparer.Ordinal))
        {
            throw new InvalidDataException($"{manifestPath} lists features that its settings do not compute");
        }
        return new RiskModelScorer(manifest.Version, encoder, TreeEnsemble.From(transformer));
    }

    /// <summary>Loads the newest version, or returns null when none is saved.</summary>
    public RiskModelScorer? LoadLatest() => Latest() is { } latest ? Load(latest.Version) : null;

    private string NewVersion(DateTimeOffset now, string hash)
    {
        var version = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture) + "-" + hash[..8];
        var candidate = version;
        for (var n = 2; System.IO.Directory.Exists(Path.Combine(Directory, candidate)); n++)
        {
            candidate = version + "-" + n.ToString(CultureInfo.InvariantCulture);
        }
        return candidate;
    }
}
