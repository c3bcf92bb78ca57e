using Spectre.Console.Cli;

namespace OpenCts.Cli.Model;

/// <summary>Registers the `cts model` and `cts examinations` commands and `cts bench model`.</summary>
internal static class ModelCommands
{
    public static void AddModelCommands(this IConfigurator config)
    {
        config.AddBranch("model", model =>
        {
            model.SetDescription("The gradient-boosted risk model trained on examination results.");
            model.AddCommand<ModelTrainCommand>("train")
                .WithDescription("Train a model on declaration files and/or the store's examination results; save it as a new version under <data>/models/.")
                .WithExample("model", "train", "--data", "cts-data", "--train", "train.csv", "--valid", "valid.csv");
            model.AddCommand<ModelEvaluateCommand>("evaluate")
                .WithDescription("Train on --train, choose settings on --valid, refit on both, and print precision and recall at 1/2/5/10 % inspection and the AUC on --test.")
                .WithExample("model", "evaluate", "--train", "train.csv", "--valid", "valid.csv", "--test", "test.csv", "--json", "figures.json");
            model.AddCommand<ModelListCommand>("list")
                .WithDescription("List the saved model versions with their data hash and validation figures.");
        });
        config.AddBranch("examinations", examinations =>
        {
            examinations.SetDescription("Examination results, the labels the risk model learns from.");
            examinations.AddCommand<ExaminationsImportCommand>("import")
                .WithDescription("Record examination results from a CSV file (documentKey, outcome, amountRecovered, examinedAt, optional notes); all of the file or nothing.");
        });
    }

    /// <summary>Registers this feature's `cts bench` subcommands.</summary>
    public static void AddModelBenchmarks(this IConfigurator<CommandSettings> bench)
    {
        bench.AddCommand<ModelBenchCommand>("model")
            .WithDescription("Risk model training time on the 37,385 training declarations and scoring rows/s, beside ML.NET's own batch scoring.");
    }
}
