using System.ComponentModel;
using System.Diagnostics;
using OpenCts.Application.Model;
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
        var files = ModelTraining.Read(new ModelTrainingRequest(settings.Train, settings.Valid, settings.FromStore, settings.Learner, settings.Seed), cancellationToken);
        // The model is saved in the store's folder, so training creates the store as the other writing commands do; after the files are read, so a bad one leaves nothing behind.
        await using var store = Workspace.OpenStore(settings);
        try
        {
            var result = await Workspace.Application(store).Training.TrainAsync(files, cancellationToken);
            if (result.FromStore is { } stored)
            {
                AnsiConsole.MarkupLineInterpolated($"{stored.Rows.Count:N0} goods items from {stored.Examinations:N0} examination results in the store ({stored.Missing:N0} results name no stored consignment)");
            }
            AnsiConsole.MarkupLineInterpolated($"trained on {result.Rows:N0} declarations in {result.Elapsed.TotalSeconds:0.0} s ({settings.Learner}, {result.Features} features)");
            AnsiConsole.MarkupLineInterpolated($"saved model [bold]{result.Manifest.Version}[/] (data SHA-256 {result.Manifest.DataHash})");
            if (result.Valid is { } valid)
            {
                MetricsTable.Print("valid", valid);
            }
            return 0;
        }
        catch (NothingToTrainOnException e)
        {
            Output.Error(e.Message);
            return 2;
        }
    }
}
