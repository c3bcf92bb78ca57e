using System.ComponentModel;
using OpenCts.Cli.Common;
using OpenCts.Screening.Watchlists;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Screening;

/// <summary><c>cts watchlists load DIR|FILE</c>: reads watch lists (OFAC CSV, UN XML, our CSV or JSON, recognised by content) and replaces each list in the store.</summary>
internal sealed class WatchlistsLoadCommand : AsyncCommand<WatchlistsLoadCommand.Settings>
{
    public sealed class Settings : SharedStoreSettings
    {
        [CommandArgument(0, "<PATH>")]
        [Description("A folder of list files, or one file.")]
        public string Path { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        WatchlistLoad load;
        try
        {
            // Everything is read and checked before the store is touched.
            load = WatchlistLoader.Load(settings.Path);
        }
        catch (Exception e) when (e is WatchlistFormatException or IOException)
        {
            Output.Error(e.Message);
            return 2;
        }
        foreach (var note in load.Notes)
        {
            Output.Warning(note);
        }
        if (load.Entries.Count == 0)
        {
            Output.Error($"no watch-list entries in {settings.Path}");
            return 2;
        }
        await using var store = await Workspace.OpenSharedAsync(settings, existing: false, cancellationToken);
        // All the lists of one load are stored together, each as a new version: a failure leaves the earlier lists as they were.
        var changes = (await Workspace.Application(store).Lists.ReplaceWatchlistsAsync(load, settings.Path, cancellationToken)).ToDictionary(c => c.List, StringComparer.Ordinal);
        var table = new Table().AddColumns("list", "entries", "aliases", "identifiers", "added", "removed", "amended", "from");
        foreach (var list in load.ByList())
        {
            var entries = list.ToList();
            var change = changes[list.Key];
            table.AddRow(
                Markup.Escape(list.Key), $"{entries.Count:N0}", $"{entries.Sum(e => e.Aliases.Count):N0}", $"{entries.Sum(e => e.Identifiers.Count):N0}",
                $"{change.Added:N0}", $"{change.Removed:N0}", $"{change.Amended:N0}",
                Markup.Escape(load.Sources.GetValueOrDefault(list.Key, "")));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"Loaded into {settings.StoreLocation}.");
        return 0;
    }
}
