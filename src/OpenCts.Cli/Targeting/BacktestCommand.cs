using OpenCts.Domain.Examinations;
using System.ComponentModel;
using OpenCts.Cli.Common;
using OpenCts.Domain.Profiles;
using OpenCts.Storage.Examinations;
using OpenCts.Targeting.Backtesting;
using OpenCts.Targeting.Catalog;
using OpenCts.Targeting.Profiles.Compilation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Targeting;

/// <summary>
/// <c>cts profiles backtest FILE</c>: runs draft profiles over the stored history and reports how many consignments they
/// would have hit, over which period, and their hit rate among examined ones, beside the active profile set.
/// </summary>
internal sealed class BacktestCommand : AsyncCommand<BacktestCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("A profile file ({\"profiles\": [[...]]}), its profiles tested whatever their status.")]
        public string File { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // The file is read before the store is opened, so a bad file is reported whatever the --data folder holds; its criteria
        // are checked after, against the store's reference lists.
        IReadOnlyList<RiskProfile> drafts;
        try
        {
            Profiles.ProfileSources.RequireFile(settings.File);
            drafts = ProfileFile.Load(settings.File);
        }
        catch (Exception e) when (Profiles.ProfileSources.IsUnreadable(e))
        {
            Output.Error(e.Message);
            return 2;
        }
        await using var store = Workspace.OpenExistingStore(settings);
        var results = await Workspace.Application(store).Backtests.RunAsync(drafts, settings.File, cancellationToken);

        var table = new Table().AddColumns("profiles", "consignments", "would hit", "share", "period (arrival)", "examined hits", "irregular", "hit rate");
        foreach (var r in results)
        {
            table.AddRow(
                Markup.Escape(r.Name),
                $"{r.Consignments:N0}",
                $"{r.Hit:N0}",
                $"{r.HitShare:P1}",
                r.FirstArrival is { } from && r.LastArrival is { } to ? $"{from:yyyy-MM-dd} to {to:yyyy-MM-dd}" : "-",
                $"{r.ExaminedHits:N0}",
                $"{r.IrregularHits:N0}",
                r.HitRate is { } rate ? $"{rate:P1}" : "-");
        }
        AnsiConsole.Write(table);
        return 0;
    }
}
