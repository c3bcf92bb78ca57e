using System.ComponentModel;
using OpenCts.Cli.Common;
using OpenCts.Domain.Watchlists;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Screening;

/// <summary><c>cts watchlists list</c>: the lists in the store, with their source and size.</summary>
internal sealed class WatchlistsListCommand : AsyncCommand<SharedStoreSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SharedStoreSettings settings, CancellationToken cancellationToken)
    {
        await using var store = await Workspace.OpenSharedAsync(settings, existing: true, cancellationToken);
        var lists = await store.Watchlists.ListsAsync(cancellationToken);
        if (lists.Count == 0)
        {
            AnsiConsole.MarkupLine("No watch lists. Load some with [bold]cts watchlists load DIR[/].");
            return 0;
        }
        var table = new Table().AddColumns("list", "entries", "source", "loaded at");
        foreach (var (list, source, entries, loadedAt, _) in lists)
        {
            table.AddRow(Markup.Escape(list), $"{entries:N0}", Markup.Escape(source), loadedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
        return 0;
    }
}

/// <summary><c>cts watchlists allow</c>: records that a party is not a listed entry, so that pair no longer alerts.</summary>
internal sealed class WatchlistsAllowCommand : AsyncCommand<WatchlistsAllowCommand.Settings>
{
    public sealed class Settings : SharedStoreSettings
    {
        [CommandOption("--party <NAME>")]
        [Description("The party's name as it appears on consignments.")]
        public string Party { get; init; } = "";

        [CommandOption("--list <LIST>")]
        [Description("The list of the entry, such as ofac-sdn.")]
        public string List { get; init; } = "";

        [CommandOption("--entry <ID>")]
        [Description("The entry the party was confused with.")]
        public string Entry { get; init; } = "";

        [CommandOption("--by <WHO>")]
        [Description("Who confirmed the false positive.")]
        public string By { get; init; } = "";

        [CommandOption("--why <TEXT>")]
        [Description("Why the party is not the entry.")]
        public string Why { get; init; } = "";

        public override ValidationResult Validate()
        {
            foreach (var (option, value) in (ReadOnlySpan<(string, string)>)[("--party", Party), ("--list", List), ("--entry", Entry), ("--by", By), ("--why", Why)])
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    return ValidationResult.Error($"{option} is required");
                }
            }
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await Workspace.OpenSharedAsync(settings, existing: true, cancellationToken);
        if (!(await store.Watchlists.EntriesAsync(cancellationToken)).Any(e => e.List == settings.List && e.Id == settings.Entry))
        {
            Output.Error($"no entry {settings.Entry} in list {settings.List} of the store");
            return 2;
        }
        await Workspace.Application(store).Lists.AllowAsync(new AllowListEntry(settings.Party.Trim(), settings.List, settings.Entry, settings.By.Trim(), settings.Why.Trim(), store.Clock.GetUtcNow()), cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"'{settings.Party}' is no longer an alert for {settings.List} {settings.Entry}.");
        return 0;
    }
}
