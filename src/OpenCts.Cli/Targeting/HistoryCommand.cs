using System.ComponentModel;
using OpenCts.Cli.Common;
using OpenCts.Domain.Serialization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Targeting;

/// <summary><c>cts history DOCUMENT</c>: every version of a consignment, what each amendment changed, and whether it was cancelled.</summary>
internal sealed class HistoryCommand : AsyncCommand<HistoryCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<DOCUMENT>")]
        [Description("The document key (OceanBillOfLading:MAEU123456789) or just the document number.")]
        public string Document { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = Workspace.OpenExistingStore(settings);
        var key = settings.Document.Contains(':', StringComparison.Ordinal) ? settings.Document : await store.Messages.KeyOfAsync(settings.Document, cancellationToken);
        var versions = key is null ? [] : await store.Messages.VersionsAsync(key, cancellationToken);
        if (versions.Count == 0)
        {
            Output.Error($"no consignment {settings.Document} in {settings.DataDirectory}");
            return 2;
        }
        AnsiConsole.MarkupLineInterpolated($"[bold]{key}[/]: {versions.Count} version(s), {versions[0].Status}.");
        var table = new Table().AddColumns("version", "sender / message", "received", "field", "before", "after");
        for (var i = 0; i < versions.Count; i++)
        {
            var v = versions[i];
            var p = v.Consignment.Provenance!;
            var origin = $"{p.Sender} / {p.MessageId}";
            if (i == 0)
            {
                table.AddRow($"{v.Version}", Markup.Escape(origin), $"{p.ReceivedAt:u}", "[grey](first version)[/]", "", "");
                continue;
            }
            var changes = ConsignmentDiff.Between(versions[i - 1].Consignment, v.Consignment);
            if (changes.Count == 0)
            {
                table.AddRow($"{v.Version}", Markup.Escape(origin), $"{p.ReceivedAt:u}", "[grey](no change)[/]", "", "");
            }
            foreach (var change in changes)
            {
                table.AddRow($"{v.Version}", Markup.Escape(origin), $"{p.ReceivedAt:u}", Markup.Escape(change.Field), Markup.Escape(change.Before ?? "—"), Markup.Escape(change.After ?? "—"));
            }
        }
        AnsiConsole.Write(table);
        return 0;
    }
}
