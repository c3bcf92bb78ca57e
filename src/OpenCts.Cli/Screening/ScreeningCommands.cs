using Spectre.Console.Cli;

namespace OpenCts.Cli.Screening;

/// <summary>Registers the watch-list commands: <c>cts screen</c>, <c>cts watchlists load|update|list|allow</c> and <c>cts bench screening</c>.</summary>
internal static class ScreeningCommands
{
    public static void AddScreeningCommands(this IConfigurator config)
    {
        config.AddCommand<ScreenCommand>("screen").WithDescription("Screen names against the watch lists of the store, or of list files with --lists.")
            .WithExample("screen", "--name", "Banco Nacional de Cuba", "--lists", "data/watchlists")
            .WithExample("screen", "--file", "names.txt", "--json");
        config.AddBranch("watchlists", watchlists =>
        {
            watchlists.SetDescription("Load and inspect watch lists and the allow-list of confirmed false positives.");
            watchlists.AddCommand<WatchlistsLoadCommand>("load").WithDescription("Load OFAC CSV, UN XML or our own CSV/JSON lists (recognised by content) into the store.")
                .WithExample("watchlists", "load", "data/watchlists", "--data", "cts-data");
            watchlists.AddCommand<WatchlistsUpdateCommand>("update").WithDescription("Download the current OFAC SDN, OFAC consolidated and UN lists (or --source URLs) and store each as a new version.")
                .WithExample("watchlists", "update", "--data", "cts-data")
                .WithExample("watchlists", "update", "--source", "https://scsanctions.un.org/resources/xml/en/consolidated.xml", "--data", "cts-data");
            watchlists.AddCommand<WatchlistsListCommand>("list").WithDescription("Show the lists in the store.");
            watchlists.AddCommand<WatchlistsAllowCommand>("allow").WithDescription("Record that a party is not a listed entry (a confirmed false positive).");
        });
    }

    /// <summary>Registers `cts bench screening`, which runs the bench tool: the generated quality sets it measures on stay out of the product.</summary>
    public static void AddScreeningBenchmarks(this IConfigurator<CommandSettings> bench)
    {
        bench.AddCommand<Common.BenchToolCommand<ScreeningBenchSettings>>("screening").WithDescription(ScreeningBenchSettings.Summary);
    }
}
