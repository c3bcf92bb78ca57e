using Microsoft.ML;
using Microsoft.ML.Data;
using OpenCts.RiskModel.Declarations;
using OpenCts.RiskModel.Features;
using OpenCts.RiskModel.Scoring;

namespace OpenCts.RiskModel.Training;

/// <summary>A model just trained: its settings, fitted encodings, the ML.NET model and its trees ready to score.</summary>
public sealed class TrainedRiskModel
{
    internal TrainedRiskModel(ModelSettings settings, FeatureEncoder encoder, MLContext ml, ITransformer transformer, DataViewSchema inputSchema, TreeEnsemble trees)
    {
        Settings = settings;
        Encoder = encoder;
        Ml = ml;
        Transformer = transformer;
        InputSchema = inputSchema;
        Trees = trees;
    }

    public ModelSettings Settings { get; }

    public FeatureEncoder Encoder { get; }

    /// <summary>The ML.NET model, as saved in the model's zip.</summary>
    public ITransformer Transformer { get; }

    public TreeEnsemble Trees { get; }

    internal MLContext Ml { get; }

    internal DataViewSchema InputSchema { get; }

    /// <summary>The probability that each declaration is found irregular, in order.</summary>
    public double[] Score(IReadOnlyList<Declaration> declarations) => BatchScoring.Score(Encoder, Trees, declarations);

    /// <summary>Scores through ML.NET's own batch transform: the reference the flat trees are checked and benchmarked against.</summary>
    public double[] ScoreWithMlNet(IReadOnlyList<Declaration> declarations)
    {
        var examples = new RiskModelTrainer.TrainingExample[declarations.Count];
        for (var i = 0; i < examples.Length; i++)
        {
            examples[i] = new RiskModelTrainer.TrainingExample { Features = Encoder.Encode(declarations[i]) };
        }
        var data = Ml.Data.LoadFromEnumerable(examples, RiskModelTrainer.TrainingExample.Schema(Encoder.FeatureCount));
        var probabilities = Transformer.Transform(data).GetColumn<float>("Probability");
        var scores = new double[declarations.Count];
        var n = 0;
        foreach (var p in probabilities)
        {
            scores[n++] = p;
        }
        return scores;
    }

    /// <summary>Scores examined declarations (their labels are not read).</summary>
    public double[] Score(IReadOnlyList<ExaminedDeclaration> rows)
    {
        var declarations = new Declaration[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            declarations[i] = rows[i].Declaration;
        }
        return Score(declarations);
    }
}
