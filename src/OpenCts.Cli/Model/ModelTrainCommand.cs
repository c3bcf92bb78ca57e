using System.ComponentModel;
using System.Diagnostics;
using OpenCts.Application.Examinations;
using OpenCts.Cli.Common;
using OpenCts.RiskModel.Declarations;
using OpenCts.RiskModel.Evaluation;
using OpenCts.RiskModel.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Model;

/// <summary><c>cts model train</c>: trains on declaration files and/or stored examination results and saves a new version.</summary>
internal sealed class ModelTrainCommand : AsyncCommand<ModelTrainCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--train <FILE>")]
        [Description("A declaration file with Fraud and Critical Fraud labels; repeat for several. Without it, the store's examination results are used.")]
        public string[] Train { get; init; } = [];

        [CommandOption("--from-store")]
        [Description("Also train on the examination results recorded in the store (cts examinations import).")]
        public bool FromStore { get; init; }

        [CommandOption("--valid <FILE>")]
        [Description("A later labelled file whose figures are stored in the manifest.")]
        public string? Valid { get; init; }

        [CommandOption("--learner <NAME>")]
        [Description("LightGbm (default) or FastTree.")]
        public TreeLearner Learner { get; init; } = TreeLearner.LightGbm;

        [CommandOption("--seed <N>")]
        [Description("Seed of the folds and the learner (default 42).")]
        public int Seed { get; init; } = 42;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var rows = new List<ExaminedDeclaration>();
            var sources = new List<string>();
            foreach (var file in settings.Train)
            {
                rows.AddRange(DeclarationCsvReader.ReadExamined(file, cancellationToken));
                sources.Add(Path.GetFullPath(file));
            }
            var valid = settings.Valid is null ? null : DeclarationCsvReader.ReadExamined(settings.Valid, cancellationToken);
            // The model is saved in the store's folder, so training creates the store as the other writing commands do; after the files are read, so a bad one leaves nothing behind.
            await using var store = Workspace.OpenStore(settings);
            if (settings.FromStore || settings.Train.Length == 0)
            {
                var stored = await StoredExaminations.TrainingRowsAsync(store, cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"{stored.Rows.Count:N0} goods items from {stored.Examinations:N0} examination results in the store ({stored.Missing:N0} results name no stored consignment)");
                rows.AddRange(stored.Rows);
                sources.Add("store:" + store.DatabasePath);
            }
            if (rows.Count == 0)
            {
                Output.Error("nothing to train on: give --train FILE or record examination results with cts examinations import");
                return 2;
            }

            var modelSettings = ModelSettings.Default with { Learner = settings.Learner, Seed = settings.Seed };
            var watch = Stopwatch.StartNew();
            var model = RiskModelTrainer.Train(rows, modelSettings, cancellationToken);
            var seconds = watch.Elapsed.TotalSeconds;
            var metrics = new Dictionary<string, EvaluationMetrics>();
            if (valid is not null)
            {
                metrics["valid"] = ModelEvaluation.Measure(model, valid);
            }
            var manifest = ModelRepository.InStore(settings.DataDirectory).Save(model, rows, sources, metrics, TimeProvider.System.GetUtcNow());

            AnsiConsole.MarkupLineInterpolated($"trained on {rows.Count:N0} declarations in {seconds:0.0} s ({settings.Learner}, {model.Encoder.FeatureCount} features)");
            AnsiConsole.MarkupLineInterpolated($"saved model [bold]{manifest.Version}[/] (data SHA-256 {manifest.DataHash})");
            if (metrics.TryGetValue("valid", out var v))
            {
                MetricsTable.Print("valid", v);
            }
            return 0;
        }
        catch (DeclarationFileException e)
        {
            Output.Error(e.Message);
            return 2;
        }
    }
}
