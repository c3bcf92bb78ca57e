using System.Diagnostics;
using OpenCts.Application.Engine;
using OpenCts.RiskModel.Declarations;
using OpenCts.RiskModel.Evaluation;
using OpenCts.RiskModel.Training;
using OpenCts.Storage;

namespace OpenCts.Application.Model;

/// <summary>What to train the risk model on.</summary>
/// <param name="TrainFiles">Labelled declaration files (the customs-declarations layout).</param>
/// <param name="ValidFile">A later labelled file to measure the model on, or null.</param>
/// <param name="FromStore">Also train on the examination results recorded in the store (always when no file is given).</param>
/// <param name="Learner">LightGBM or FastTree.</param>
/// <param name="Seed">The training seed.</param>
public sealed record ModelTrainingRequest(IReadOnlyList<string> TrainFiles, string? ValidFile, bool FromStore, TreeLearner Learner, int Seed);

/// <summary>The labelled rows of a request's files, read before the store is opened so that a bad file leaves nothing behind.</summary>
public sealed record LabelledFiles(ModelTrainingRequest Request, IReadOnlyList<ExaminedDeclaration> Rows, IReadOnlyList<ExaminedDeclaration>? Valid);

/// <summary>What training made: the saved model's manifest, what it learnt from, and its figures on the valid file.</summary>
public sealed record ModelTrainingResult(ModelManifest Manifest, int Rows, int Features, TimeSpan Elapsed, StoredExaminations.Result? FromStore, EvaluationMetrics? Valid);

/// <summary>Nothing to train on: no file given and no examination result in the store.</summary>
public sealed class NothingToTrainOnException() : InvalidOperationException("nothing to train on: give --train FILE or record examination results with cts examinations import");

/// <summary>Trains the risk model on labelled files and the store's examination results, saves it versioned beside the store, and puts it in force.</summary>
public sealed class ModelTraining(ICtsStore store, TargetingEngineHost engines)
{
    /// <summary>Reads the request's files, all of them, before anything else is touched.</summary>
    /// <exception cref="DeclarationFileException">A file cannot be read.</exception>
    public static LabelledFiles Read(ModelTrainingRequest request, CancellationToken cancellationToken)
    {
        var rows = new List<ExaminedDeclaration>();
        foreach (var file in request.TrainFiles)
        {
            rows.AddRange(DeclarationCsvReader.ReadExamined(file, cancellationToken));
        }
        var valid = request.ValidFile is null ? null : DeclarationCsvReader.ReadExamined(request.ValidFile, cancellationToken);
        return new LabelledFiles(request, rows, valid);
    }

    /// <summary>Trains on files already read (see <see cref="Read"/>) and, as asked, on the store's examination results.</summary>
    /// <exception cref="NothingToTrainOnException">There is nothing to learn from.</exception>
    public async Task<ModelTrainingResult> TrainAsync(LabelledFiles files, CancellationToken cancellationToken)
    {
        var request = files.Request;
        var rows = new List<ExaminedDeclaration>(files.Rows);
        var sources = request.TrainFiles.Select(Path.GetFullPath).ToList();
        var valid = files.Valid;
        StoredExaminations.Result? stored = null;
        if (request.FromStore || request.TrainFiles.Count == 0)
        {
            stored = await StoredExaminations.TrainingRowsAsync(store, cancellationToken).ConfigureAwait(false);
            rows.AddRange(stored.Rows);
            sources.Add("store:" + store.Location);
        }
        if (rows.Count == 0)
        {
            throw new NothingToTrainOnException();
        }
        var watch = Stopwatch.StartNew();
        var model = RiskModelTrainer.Train(rows, ModelSettings.Default with { Learner = request.Learner, Seed = request.Seed }, cancellationToken);
        var elapsed = watch.Elapsed;
        var metrics = new Dictionary<string, EvaluationMetrics>();
        if (valid is not null)
        {
            metrics["valid"] = ModelEvaluation.Measure(model, valid);
        }
        var manifest = ModelRepository.InStore(store.DataDirectory).Save(model, rows, sources, metrics, store.Clock.GetUtcNow());
        await engines.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return new ModelTrainingResult(manifest, rows.Count, model.Encoder.FeatureCount, elapsed, stored, metrics.GetValueOrDefault("valid"));
    }
}
