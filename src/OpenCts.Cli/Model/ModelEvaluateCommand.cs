using System.ComponentModel;
using System.Text.Json;
using OpenCts.Cli.Common;
using OpenCts.RiskModel.Declarations;
using OpenCts.RiskModel.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Model;

/// <summary><c>cts model evaluate</c>: train on one period, choose on the next, report on a later one.</summary>
internal sealed class ModelEvaluateCommand : Command<ModelEvaluateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--train <FILE>")]
        [Description("The labelled training period.")]
        public string? Train { get; init; }

        [CommandOption("--valid <FILE>")]
        [Description("The labelled period every setting is chosen on.")]
        public string? Valid { get; init; }

        [CommandOption("--test <FILE>")]
        [Description("The labelled later period that is only scored; any file in the same layout.")]
        public string? Test { get; init; }

        [CommandOption("--json <FILE>")]
        [Description("Write the test figures (precisionAt1..10, recallAt1..10, auc) and every candidate's valid figures.")]
        public string? Json { get; init; }

        [CommandOption("--no-refit")]
        [Description("Score test with the model trained on --train alone, instead of refitting on train and valid.")]
        public bool NoRefit { get; init; }

        [CommandOption("--default-only")]
        [Description("Try only the default settings instead of every candidate.")]
        public bool DefaultOnly { get; init; }

        public override ValidationResult Validate() =>
            Train is null || Valid is null || Test is null
                ? ValidationResult.Error("--train, --valid and --test are all required")
                : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var train = DeclarationCsvReader.ReadExamined(settings.Train!, cancellationToken);
            var valid = DeclarationCsvReader.ReadExamined(settings.Valid!, cancellationToken);
            var test = DeclarationCsvReader.ReadExamined(settings.Test!, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"train {train.Count:N0}, valid {valid.Count:N0}, test {test.Count:N0} declarations");

            var candidates = settings.DefaultOnly ? [SettingsCandidate.Standard[0]] : SettingsCandidate.Standard;
            var report = ModelEvaluation.Run(
                train, valid, test, candidates, refit: !settings.NoRefit,
                progress: c => AnsiConsole.MarkupLineInterpolated($"  {c.Name}: valid P@5% {c.Valid.PrecisionAt5:0.000}, P@10% {c.Valid.PrecisionAt10:0.000} ({c.TrainingSeconds:0.0} s)"),
                cancellationToken: cancellationToken);

            var table = new Table().AddColumns("candidate (valid, precision of Fraud)", "P@1%", "P@2%", "P@5%", "P@10%", "R@10%", "AUC", "train s");
            foreach (var c in report.Candidates)
            {
                var v = c.Valid;
                var name = c == report.Chosen ? $"[bold]{Markup.Escape(c.Name)} (chosen)[/]" : Markup.Escape(c.Name);
                table.AddRow(name, MetricsTable.F(v.PrecisionAt1), MetricsTable.F(v.PrecisionAt2), MetricsTable.F(v.PrecisionAt5), MetricsTable.F(v.PrecisionAt10), MetricsTable.F(v.RecallAt10), MetricsTable.F(v.Auc), $"{c.TrainingSeconds:0.0}");
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"test: {report.Chosen.Name}, {(report.Refitted ? "refitted on train and valid" : "trained on train only")}");
            MetricsTable.Print("test", report.Test);

            if (settings.Json is not null)
            {
                var t = report.Test;
                File.WriteAllText(settings.Json, JsonSerializer.Serialize(new
                {
                    precisionAt1 = t.PrecisionAt1,
                    precisionAt2 = t.PrecisionAt2,
                    precisionAt5 = t.PrecisionAt5,
                    precisionAt10 = t.PrecisionAt10,
                    recallAt1 = t.RecallAt1,
                    recallAt2 = t.RecallAt2,
                    recallAt5 = t.RecallAt5,
                    recallAt10 = t.RecallAt10,
                    auc = t.Auc,
                    rows = t.Rows,
                    positives = t.Positives,
                    label = "Fraud",
                    chosen = report.Chosen.Name,
                    refitted = report.Refitted,
                    candidates = report.Candidates.Select(c => new { name = c.Name, valid = c.Valid, trainingSeconds = c.TrainingSeconds }),
                }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
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
