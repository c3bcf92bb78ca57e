using OpenCts.Domain.Examinations;
using System.ComponentModel;
using OpenCts.Cli.Common;
using OpenCts.RiskModel.Declarations;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Model;

/// <summary><c>cts examinations import FILE</c>: records examination results until officers record them in the web workflow.</summary>
internal sealed class ExaminationsImportCommand : Command<ExaminationsImportCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("CSV with documentKey, outcome (compliant/irregular), amountRecovered, examinedAt and optional notes.")]
        public string File { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var results = ExaminationFile.Read(settings.File, cancellationToken);
            using var store = Workspace.OpenStore(settings);
            var unknown = results.Count(r => store.Messages.Versions(r.DocumentKey).Count == 0);
            store.Examinations.Record(results);
            AnsiConsole.MarkupLineInterpolated($"recorded {results.Count:N0} examination results ({results.Count(r => r.Outcome == Domain.Examinations.ExaminationOutcome.Irregular):N0} irregular)");
            if (unknown > 0)
            {
                Output.Warning($"{unknown:N0} results name a document key with no stored consignment; they count once the consignment is ingested");
            }
            return 0;
        }
        catch (DeclarationFileException e)
        {
            Output.Error(e.Message);
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Output.Error($"{settings.File}: {e.Message}");
            return 2;
        }
    }
}
