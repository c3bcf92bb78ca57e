using System.ComponentModel;
using OpenCts.Cli.Common;
using OpenCts.Screening.Watchlists;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Screening;

/// <summary><c>cts watchlists load DIR|FILE</c>: reads watch lists (OFAC CSV, UN XML, our CSV or JSON, recognised by content) and replaces each list in the store.</summary>
internal sealed class WatchlistsLoadCommand : Command<WatchlistsLoadCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<PATH>")]
        [Description("A folder of list files, or one file.")]
        public string Path { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
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
        using var store = Workspace.OpenStore(settings);
        var table = new Table().AddColumns("list", "entries", "aliases", "identifiers", "from");
        var lists = load.ByList().Select(list => (list.Key, load.Sources.GetValueOrDefault(list.Key, settings.Path), (IReadOnlyCollection<Domain.Watchlists.WatchlistEntry>)list.ToList())).ToList();
        // All the lists of one load are stored together: a failure leaves the earlier lists as they were.
        store.Watchlists.Replace(lists);
        foreach (var list in load.ByList())
        {
            var entries = list.ToList();
            table.AddRow(
                Markup.Escape(list.Key), $"{entries.Count:N0}", $"{entries.Sum(e => e.Aliases.Count):N0}", $"{entries.Sum(e => e.Identifiers.Count):N0}",
                Markup.Escape(load.Sources.GetValueOrDefault(list.Key, "")));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"Loaded into {settings.DataDirectory}.");
        return 0;
    }
}
