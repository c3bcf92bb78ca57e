using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using OpenCts.Application.Privacy;
using OpenCts.Cli.Common;
using OpenCts.Domain.Common;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Privacy;

/// <summary><c>cts retention apply</c>: finds every record past its rule's period and purges it, or with <c>--dry-run</c> lists them.</summary>
internal sealed class RetentionApplyCommand : AsyncCommand<RetentionApplyCommand.Settings>
{
    public sealed class Settings : SharedStoreSettings
    {
        [CommandOption("--keep <RULE>")]
        [Description("A rule KIND=PERIOD, such as audit=400d or consignment=5y (days or calendar years); repeat for each kind. Kinds: consignment, assessment, decision, examination, audit, referral, webhook-delivery, assignment.")]
        public string[] Keep { get; init; } = [];

        [CommandOption("--rules <FILE>")]
        [Description("A rules file, one KIND PERIOD a line, # comments (default: retention.rules in the data folder, when there is one).")]
        public string? Rules { get; init; }

        [CommandOption("--dry-run")]
        [Description("List what would be purged; change nothing.")]
        public bool DryRun { get; init; }

        [CommandOption("--by <NAME>")]
        [Description("Who runs the purge, recorded in each tombstone (default: retention).")]
        [DefaultValue("retention")]
        public string By { get; init; } = "retention";

        [CommandOption("--json")]
        [Description("One JSON object per rule instead of a table.")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // Bad rules are refused before the store is opened, so a typo never purges anything.
        var rules = Rules(settings);
        if (rules.Count == 0)
        {
            Output.Error($"no retention rules: give --keep KIND=PERIOD or --rules FILE, or write {RetentionRules.FileName} in the data folder");
            return 2;
        }
        if (!settings.IsPostgres)
        {
            Workspace.RequireStore(settings);
        }
        await using var store = await Workspace.OpenStoreAsync(settings, cancellationToken);
        var run = new RetentionRun(store);
        var results = settings.DryRun
            ? await run.PlanAsync(rules, cancellationToken)
            : await run.ApplyAsync(rules, settings.By, cancellationToken);
        if (settings.Json)
        {
            foreach (var result in results)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    rule = result.Rule.Name,
                    cutoff = result.Cutoff,
                    expired = result.Expired.Count,
                    purged = result.Purged,
                    dryRun = settings.DryRun,
                    records = result.Expired.Select(c => c.Key),
                    skipped = result.Skipped.Select(s => new { key = s.Candidate.Key, reason = s.Skipped }),
                }));
            }
            return 0;
        }
        var table = new Table().AddColumns("rule", "older than", settings.DryRun ? "would purge" : "expired", "purged", "kept");
        foreach (var result in results)
        {
            table.AddRow(
                Markup.Escape(result.Rule.Name),
                result.Cutoff.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
                result.Expired.Count.ToString("N0", CultureInfo.InvariantCulture),
                settings.DryRun ? "-" : result.Purged.ToString("N0", CultureInfo.InvariantCulture),
                settings.DryRun ? "-" : result.Skipped.Count().ToString("N0", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
        foreach (var skipped in results.SelectMany(r => r.Skipped).Take(50))
        {
            Output.Warning($"kept {skipped.Candidate.Kind} {skipped.Candidate.Key}: {skipped.Skipped}");
        }
        if (!settings.DryRun && results.Any(r => r.Purged > 0))
        {
            AnsiConsole.MarkupLine("Run [bold]cts ledger checkpoint[/] so the purge tombstones enter the log; [bold]cts ledger audit[/] then names the records purged.");
        }
        return 0;
    }

    private static List<RetentionRule> Rules(Settings settings)
    {
        var rules = new List<RetentionRule>();
        foreach (var keep in settings.Keep)
        {
            RetentionRules.Add(rules, RetentionRule.Parse(keep, "--keep"), "--keep");
        }
        var file = settings.Rules ?? (settings.Keep.Length == 0 ? Path.Combine(settings.DataDirectory, RetentionRules.FileName) : null);
        if (file is not null && (settings.Rules is not null || File.Exists(file)))
        {
            if (!File.Exists(file))
            {
                throw new InputFormatException($"{file}: no such rules file", file);
            }
            foreach (var rule in RetentionRules.Parse(File.ReadAllText(file), file))
            {
                RetentionRules.Add(rules, rule, file);
            }
        }
        return rules;
    }
}
