using System.ComponentModel;
using OpenCts.Application.Lists;
using OpenCts.Cli.Common;
using OpenCts.Screening.Watchlists;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Screening;

/// <summary><c>cts watchlists update [--source URL]…</c>: downloads the publishers' current lists (OFAC SDN and consolidated, UN) and stores each as a new version.</summary>
internal sealed class WatchlistsUpdateCommand : AsyncCommand<WatchlistsUpdateCommand.Settings>
{
    public sealed class Settings : SharedStoreSettings
    {
        [CommandOption("--source <URL>")]
        [Description("An address to download (repeatable); given, it replaces the official set: OFAC sdn/alt/add.csv, cons_prim/cons_alt/cons_add.csv and the UN consolidated.xml.")]
        public string[] Sources { get; init; } = [];

        [CommandOption("--sources <FILE>")]
        [Description("A file of addresses to download, one a line (# starts a comment); added to any --source.")]
        public string? SourcesFile { get; init; }

        public override ValidationResult Validate()
        {
            foreach (var source in Sources)
            {
                if (!Uri.TryCreate(source, UriKind.Absolute, out _))
                {
                    return ValidationResult.Error($"--source: '{source}' is not an address");
                }
            }
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        IReadOnlyList<Uri>? sources;
        try
        {
            sources = Sources(settings);
            // Checked before the store is opened, so a mistyped address leaves no store behind.
            WatchlistUpdate.SavedAs(sources ?? WatchlistUpdate.DefaultSources);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or UriFormatException or ArgumentException)
        {
            Output.Error(e.Message);
            return 2;
        }
        await using var store = await Workspace.OpenSharedAsync(settings, existing: false, cancellationToken);
        // The update keeps its own limit per file; the client's overall timeout would cut a large file short.
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("OpenCTS");
        WatchlistUpdateResult result;
        try
        {
            result = await new WatchlistUpdate(http, Workspace.Application(store).Lists).UpdateAsync(sources, cancellationToken);
        }
        catch (Exception e) when (e is WatchlistDownloadException or WatchlistFormatException or IOException)
        {
            Output.Error(e.Message);
            return 2;
        }
        foreach (var note in result.Notes)
        {
            Output.Warning(note);
        }
        var table = new Table().AddColumns("list", "entries", "added", "removed", "amended", "source");
        foreach (var list in result.Lists)
        {
            table.AddRow(
                Markup.Escape(list.List), $"{list.Entries:N0}", $"{list.Added:N0}", $"{list.Removed:N0}", $"{list.Amended:N0}",
                Markup.Escape(string.Join('\n', list.Sources)));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"Updated {settings.StoreLocation} from {result.Sources.Count} file(s).");
        return 0;
    }

    /// <summary>The addresses given with --source and --sources, or null for the official set.</summary>
    private static List<Uri>? Sources(Settings settings)
    {
        var given = settings.Sources.ToList();
        if (settings.SourcesFile is { } file)
        {
            given.AddRange(File.ReadLines(file)
                .Select(line => line.Split('#', 2)[0].Trim())
                .Where(line => line.Length > 0));
        }
        return given.Count == 0 ? null : given.Select(s => new Uri(s, UriKind.Absolute)).ToList();
    }
}
