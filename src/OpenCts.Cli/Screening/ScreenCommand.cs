using System.ComponentModel;
using System.Globalization;
using OpenCts.Cli.Common;
using OpenCts.Screening.Matching;
using OpenCts.Screening.Watchlists;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Screening;

/// <summary><c>cts screen</c>: screens names against the store's watch lists, or against list files with <c>--lists</c> and no store.</summary>
internal sealed class ScreenCommand : Command<ScreenCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--name <TEXT>")]
        [Description("A name to screen.")]
        public string? Name { get; init; }

        [CommandOption("--file <FILE>")]
        [Description("A file of names to screen, one a line.")]
        public string? File { get; init; }

        [CommandOption("--id <SCHEME:VALUE>")]
        [Description("An identifier to match exactly, such as IMO:9187629, CONTAINER:MSCU1234566 or TIN:7707083893 (scheme * for any).")]
        public string? Id { get; init; }

        [CommandOption("--lists <DIR>")]
        [Description("Screen against the list files in this folder (or this file) instead of the store.")]
        public string? Lists { get; init; }

        [CommandOption("--list <NAME>")]
        [Description("Screen against this list only, such as ofac-sdn.")]
        public string? List { get; init; }

        [CommandOption("--threshold <X>")]
        [Description("Alert threshold in 0..1 (default 0.85).")]
        public double Threshold { get; init; } = ScreeningOptions.DefaultAlertThreshold;

        [CommandOption("--max-hits <N>")]
        [Description("At most this many hits per name (default 5).")]
        public int MaxHits { get; init; } = 5;

        [CommandOption("--json")]
        [Description("Write one JSON object a line, in input order: query, alert, hits.")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            if ((Name is null ? 0 : 1) + (File is null ? 0 : 1) + (Id is null ? 0 : 1) != 1)
            {
                return ValidationResult.Error("give one of --name TEXT, --file FILE or --id SCHEME:VALUE");
            }
            if (Id is not null && (Id.IndexOf(':', StringComparison.Ordinal) <= 0 || Id.EndsWith(':')))
            {
                return ValidationResult.Error($"--id '{Id}' is not SCHEME:VALUE, as in IMO:9187629");
            }
            if (Threshold is < 0 or > 1 || double.IsNaN(Threshold))
            {
                return ValidationResult.Error($"--threshold {Threshold.ToString(CultureInfo.InvariantCulture)} is not in 0..1");
            }
            return MaxHits < 1 ? ValidationResult.Error("--max-hits must be at least 1") : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        IEnumerable<string> names;
        if (settings.File is not null)
        {
            if (!System.IO.File.Exists(settings.File))
            {
                Output.Error($"no file {settings.File}");
                return 2;
            }
            names = System.IO.File.ReadLines(settings.File).Where(l => l.Trim().Length > 0);
        }
        else
        {
            names = settings.Name is null ? [] : [settings.Name];
        }
        ScreeningIndex index;
        AllowList allowList;
        try
        {
            (index, allowList) = OpenIndex(settings);
        }
        catch (Exception e) when (e is WatchlistFormatException or IOException)
        {
            Output.Error(e.Message);
            return 2;
        }
        if (index.EntryCount == 0)
        {
            Output.Error(settings.Lists is null
                ? $"the store {settings.DataDirectory} holds no watch lists; run cts watchlists load DIR first, or screen files with --lists DIR"
                : $"no watch-list entries in {settings.Lists}");
            return 2;
        }
        if (settings.Id is not null)
        {
            ScreenIdentifier(index, settings);
            return 0;
        }
        var options = new ScreeningOptions(AlertThreshold: settings.Threshold, MinScore: Math.Min(0.6, settings.Threshold), MaxHits: settings.MaxHits, List: settings.List, AllowList: allowList);
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = index.Screen(name.Trim(), options);
            if (settings.Json)
            {
                Console.Out.WriteLine(ScreeningJson.Line(result));
            }
            else
            {
                Print(result);
            }
        }
        return 0;
    }

    private static (ScreeningIndex Index, AllowList AllowList) OpenIndex(Settings settings)
    {
        if (settings.Lists is not null)
        {
            return (ScreeningIndex.Build(WatchlistLoader.Load(settings.Lists).Entries), new AllowList([]));
        }
        if (!Workspace.StoreExists(settings))
        {
            throw new IOException($"no store at {settings.DataDirectory}; load lists with cts watchlists load DIR --data {settings.DataDirectory}, or screen files with --lists DIR");
        }
        using var store = Workspace.OpenExistingStore(settings);
        return (ScreeningIndex.Build(store.Watchlists.EntriesAsync(CancellationToken.None).GetAwaiter().GetResult()), new AllowList(store.Watchlists.AllowListAsync(CancellationToken.None).GetAwaiter().GetResult()));
    }

    private static void ScreenIdentifier(ScreeningIndex index, Settings settings)
    {
        var colon = settings.Id!.IndexOf(':', StringComparison.Ordinal);
        var scheme = settings.Id[..colon].Trim();
        var hits = index.ScreenIdentifier(scheme == "*" ? null : scheme, settings.Id[(colon + 1)..])
            .Where(h => settings.List is null || h.Entry.List == settings.List).ToList();
        if (settings.Json)
        {
            Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
            {
                query = settings.Id,
                alert = hits.Count > 0,
                hits = hits.Select(h => new { list = h.Entry.List, id = h.Entry.Id, name = h.Entry.Name, score = 1.0, identifier = h.Identifier.ToString() }),
            }));
            return;
        }
        if (hits.Count == 0)
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(settings.Id)}[/]: [green]not listed[/]");
            return;
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(settings.Id)}[/]: [red bold]ALERT[/]");
        var table = new Table().AddColumns("list", "id", "listed name", "listed identifier");
        foreach (var hit in hits)
        {
            table.AddRow(Markup.Escape(hit.Entry.List), Markup.Escape(hit.Entry.Id), Markup.Escape(hit.Entry.Name), Markup.Escape(hit.Identifier.ToString()));
        }
        AnsiConsole.Write(table);
    }

    private static void Print(ScreeningResult result)
    {
        var verdict = result.Alert ? "[red bold]ALERT[/]" : result.Hits.Count == 0 ? "[green]no hit[/]" : "[yellow]below threshold[/]";
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(result.Query)}[/]: {verdict}");
        if (result.Hits.Count == 0)
        {
            return;
        }
        var table = new Table().AddColumns("score", "list", "id", "listed name", "matched", "tokens");
        foreach (var hit in result.Hits)
        {
            var tokens = string.Join(", ", hit.Matches.Select(m => m.Similarity >= 1 ? m.QueryToken : FormattableString.Invariant($"{m.QueryToken}~{m.ListedToken} {m.Similarity:0.00}")));
            if (hit.UnmatchedQueryTokens.Count > 0)
            {
                tokens += $"; unmatched: {string.Join(' ', hit.UnmatchedQueryTokens)}";
            }
            var matched = hit.MatchedAlias ? $"alias {hit.MatchedName}" : "name";
            if (hit.AllowedBy is not null)
            {
                matched += $" (allowed by {hit.AllowedBy.DecidedBy}: {hit.AllowedBy.Why})";
            }
            table.AddRow(
                Markup.Escape(hit.Score.ToString("0.000", CultureInfo.InvariantCulture)), Markup.Escape(hit.List), Markup.Escape(hit.EntryId),
                Markup.Escape(hit.Entry.Name), Markup.Escape(matched), Markup.Escape(tokens));
        }
        AnsiConsole.Write(table);
    }
}
