using OpenCts.Cli.Common;
using OpenCts.RiskModel.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Model;

/// <summary><c>cts model list</c>: the saved versions, newest last.</summary>
internal sealed class ModelListCommand : Command<StoreSettings>
{
    public override int Execute(CommandContext context, StoreSettings settings, CancellationToken cancellationToken)
    {
        Workspace.RequireStore(settings);
        var manifests = ModelRepository.InStore(settings.DataDirectory).List();
        if (manifests.Count == 0)
        {
            AnsiConsole.WriteLine("no saved models");
            return 0;
        }
        var table = new Table().AddColumns("version", "rows", "data hash", "learner", "valid P@5%", "valid P@10%");
        foreach (var m in manifests)
        {
            var valid = m.Metrics.TryGetValue("valid", out var v) ? v : null;
            table.AddRow(
                Markup.Escape(m.Version),
                $"{m.TrainingRows:N0}",
                m.DataHash[..16],
                m.Settings.Learner.ToString(),
                valid is null ? "" : $"{valid.PrecisionAt5:0.000}",
                valid is null ? "" : $"{valid.PrecisionAt10:0.000}");
        }
        AnsiConsole.Write(table);
        return 0;
    }
}
