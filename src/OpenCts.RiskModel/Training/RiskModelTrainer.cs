using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using OpenCts.RiskModel.Declarations;
using OpenCts.RiskModel.Features;
using OpenCts.RiskModel.Scoring;

namespace OpenCts.RiskModel.Training;

/// <summary>Trains the gradient-boosted risk model on examined declarations.</summary>
public static class RiskModelTrainer
{
    /// <summary>Trains a model: out-of-fold encodings of the rows, then boosted trees on them.</summary>
    public static TrainedRiskModel Train(IReadOnlyList<ExaminedDeclaration> rows, ModelSettings settings, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            throw new ArgumentException("there are no examined declarations to train on", nameof(rows));
        }
        var features = OutOfFoldEncoding.Encode(rows, settings.Features, settings.Target, settings.Seed);
        var encoder = FeatureEncoder.Fit(rows, settings.Features, settings.Target);
        cancellationToken.ThrowIfCancellationRequested();

        var ml = new MLContext(settings.Seed);
        var examples = new TrainingExample[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            examples[i] = new TrainingExample { Label = rows[i].Label(settings.Target), Features = features[i] };
        }
        var data = ml.Data.LoadFromEnumerable(examples, TrainingExample.Schema(encoder.FeatureCount));
        var transformer = Fit(ml, data, settings);
        cancellationToken.ThrowIfCancellationRequested();
        return new TrainedRiskModel(settings, encoder, ml, transformer, data.Schema, TreeEnsemble.From(transformer));
    }

    private static ITransformer Fit(MLContext ml, IDataView data, ModelSettings settings) => settings.Learner switch
    {
        TreeLearner.LightGbm => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfIterations = settings.Trees,
            NumberOfLeaves = settings.Leaves,
            LearningRate = settings.LearningRate,
            MinimumExampleCountPerLeaf = settings.MinRowsPerLeaf,
            Booster = new GradientBooster.Options { FeatureFraction = settings.FeatureFraction, MaximumTreeDepth = settings.MaxDepth },
            Seed = settings.Seed,
            NumberOfThreads = settings.Threads,
            Deterministic = true,
            Silent = true,
        }).Fit(data),
        TreeLearner.FastTree => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = settings.Trees,
            NumberOfLeaves = settings.Leaves,
            LearningRate = settings.LearningRate,
            MinimumExampleCountPerLeaf = settings.MinRowsPerLeaf,
            FeatureFraction = settings.FeatureFraction,
            Seed = settings.Seed,
            NumberOfThreads = settings.Threads,
        }).Fit(data),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Learner, "not a tree learner"),
    };

    /// <summary>One row as ML.NET reads it.</summary>
    internal sealed class TrainingExample
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];

        public static SchemaDefinition Schema(int featureCount)
        {
            var schema = SchemaDefinition.Create(typeof(TrainingExample));
            schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
            return schema;
        }
    }
}
