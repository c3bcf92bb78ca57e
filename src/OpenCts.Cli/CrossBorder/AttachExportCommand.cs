using System.ComponentModel;
using OpenCts.Application.CrossBorder;
using OpenCts.Cli.Common;
using OpenCts.Domain.CrossBorder;
using OpenCts.Cli.Ledger;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.CrossBorder;

/// <summary>
/// <c>cts export attach DOCUMENT --bundle F --record F --vkey KEY</c>: attaches an exporting administration's record of
/// a shipment to the import consignment, after checking its proof against that administration's key and witnesses.
/// </summary>
internal sealed class AttachExportCommand : AsyncCommand<AttachExportCommand.Settings>
{
    public sealed class Settings : ProofKeySettings
    {
        [CommandArgument(0, "<DOCUMENT>")]
        [Description("The import consignment's document key, such as OceanBillOfLading:MAEU123456789.")]
        public string Document { get; init; } = "";

        [CommandOption("--bundle <FILE>")]
        [Description("The exporting administration's proof bundle (cts ledger prove on their side).")]
        public string Bundle { get; init; } = "";

        [CommandOption("--record <FILE>")]
        [Description("The record's canonical bytes (cts ledger prove --record-out on their side).")]
        public string Record { get; init; } = "";


        [CommandOption("--export-document <NUMBER>")]
        [Description("Which consignment of the export message is this shipment (default: the only one).")]
        public string? ExportDocument { get; init; }

        public override ValidationResult Validate() =>
            Bundle.Length == 0 || Record.Length == 0 ? ValidationResult.Error("--bundle and --record are required")
            : VerifierKeys.Length == 0 ? ValidationResult.Error("--vkey (the exporting administration's verifier key) is required")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Read(settings.Bundle, settings.Record, storeKeysByDefault: false) is not { } read)
        {
            return 2;
        }
        var (bundle, record, verifier) = read;
        await using var store = Workspace.OpenExistingStore(settings);
        try
        {
            var attached = await Workspace.Application(store).Exports.AttachAsync(
                settings.Document, bundle, record, settings.Record, settings.ExportDocument, verifier, settings.VerifierKeys[0].Split('+')[0], cancellationToken);
            Print(settings.Document, attached.Comparison, attached.Verification.Failure);
            AnsiConsole.MarkupLine("Run [bold]cts assess --all[/] to assess the consignment with it.");
            return attached.Verification.IsValid ? 0 : 1;
        }
        catch (ExportAttachmentException e)
        {
            Output.Error(e.Message);
            return 2;
        }
    }

    private static void Print(string document, ExportComparison comparison, string? failure)
    {
        var table = new Table().AddColumns("import document", "exported by", "proof", "value", "mass", "differences");
        table.AddRow(
            Markup.Escape(document),
            Markup.Escape(comparison.Administration),
            comparison.Verified ? "[green]verified[/]" : $"[red]failed[/] {Markup.Escape(failure ?? "")}",
            comparison.ValueDifference is { } v ? $"{v:+0.#%;-0.#%;0%}" : "n/a",
            comparison.MassDifference is { } m ? $"{m:+0.#%;-0.#%;0%}" : "n/a",
            Markup.Escape(comparison.Differences.Count == 0 ? "none" : string.Join("\n", comparison.Differences)));
        AnsiConsole.Write(table);
    }
}

/// <summary>Registers <c>cts export</c>.</summary>
internal static class CrossBorderCommands
{
    public static void AddCrossBorderCommands(this IConfigurator config) =>
        config.AddBranch("export", export =>
        {
            export.SetDescription("Records of the same shipment from the exporting administration.");
            export.AddCommand<AttachExportCommand>("attach").WithDescription("Verify an export record's proof bundle and compare it with the import consignment.");
        });
}
