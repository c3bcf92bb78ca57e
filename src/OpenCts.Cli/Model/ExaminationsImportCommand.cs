using System.ComponentModel;
using OpenCts.Application.Examinations;
using OpenCts.Cli.Common;
using OpenCts.RiskModel.Declarations;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Model;

/// <summary><c>cts examinations import FILE</c>: records examination results until officers record them in the web workflow.</summary>
internal sealed class ExaminationsImportCommand : AsyncCommand<ExaminationsImportCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("CSV with documentKey, outcome (compliant/irregular), amountRecovered, examinedAt, and optional notes and resultId. Each row is recorded once: by its resultId, or by its content without one, so importing a file again records nothing twice.")]
        public string File { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var rows = ExaminationFile.Read(settings.File, cancellationToken);
            await using var store = Workspace.OpenStore(settings);
            var summary = await Workspace.Application(store).Examinations.RecordFileAsync(settings.File, rows, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"recorded {summary.Recorded:N0} examination results ({summary.Irregular:N0} irregular); {summary.AlreadyRecorded:N0} already recorded");
            if (summary.UnknownDocuments > 0)
            {
                Output.Warning($"{summary.UnknownDocuments:N0} results name a document key with no stored consignment; they count once the consignment is ingested");
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
