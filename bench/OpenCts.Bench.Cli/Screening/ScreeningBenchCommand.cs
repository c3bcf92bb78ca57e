using System.Diagnostics;
using System.Text.Json;
using OpenCts.Bench.Quality;
using OpenCts.Cli.Common;
using OpenCts.Cli.Screening;
using OpenCts.Screening.Matching;
using OpenCts.Screening.Watchlists;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Bench.Cli.Screening;

/// <summary><c>cts-bench screening</c> (and <c>cts bench screening</c>, which forwards here): recall on generated variants of listed names (by kind), false alerts on ordinary names (by naming tradition), and names screened per second.</summary>
internal sealed class ScreeningBenchCommand : Command<ScreeningBenchSettings>
{
    public override int Execute(CommandContext context, ScreeningBenchSettings settings, CancellationToken cancellationToken)
    {
        var lists = settings.Lists ?? RepositoryData.Find("watchlists");
        if (lists is null)
        {
            Output.Error("the repository's data/watchlists was not found; give --lists");
            return 2;
        }
        var clock = Stopwatch.StartNew();
        WatchlistLoad load;
        try
        {
            load = WatchlistLoader.Load(lists);
        }
        catch (Exception e) when (e is WatchlistFormatException or IOException)
        {
            Output.Error(e.Message);
            return 2;
        }
        var loadSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var index = ScreeningIndex.Build(load.Entries);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        AnsiConsole.MarkupLineInterpolated($"{index.EntryCount:N0} entries, {index.NameCount:N0} names and aliases: read in {loadSeconds:0.00} s, indexed in {buildSeconds:0.00} s");

        var variants = new VariantGenerator(settings.Seed).Generate(load.Entries, settings.Variants);
        var ordinary = new OrdinaryNames(settings.Seed + 1).Generate(load.Entries, settings.Ordinary);
        var report = QualityReport.Measure(index, variants, ordinary, settings.Threshold);

        var mix = variants.Variants.Select(v => v.Query).Concat(ordinary.Select(o => o.Name)).ToArray();
        new Random(settings.Seed).Shuffle(mix);
        var duration = TimeSpan.FromSeconds(settings.Seconds);
        var explainOptions = new ScreeningOptions(AlertThreshold: settings.Threshold, MinScore: Math.Min(0.6, settings.Threshold), MaxHits: 5);
        var fastOptions = new ScreeningOptions(AlertThreshold: settings.Threshold, MinScore: settings.Threshold, MaxHits: 3);
        var explained = ScreeningSpeed.NamesPerSecond(index, mix, explainOptions, duration, explained: true);
        var fast = ScreeningSpeed.NamesPerSecond(index, mix, fastOptions, duration, explained: false);
        var threads = Environment.ProcessorCount;
        var parallel = ScreeningSpeed.NamesPerSecondParallel(index, mix, fastOptions, duration, threads);

        var table = new Table().AddColumns("measure", "OpenCTS", "goal");
        table.AddRow(
            $"recall on {report.Variants:N0} variants at {settings.Threshold:0.00} ({report.DroppedIdentity:N0} more dropped: they normalise to their listed name)",
            $"{report.Recall:0.0000} ({report.Found:N0})", "≥ 0.97");
        foreach (var kind in report.ByKind)
        {
            table.AddRow(
                $"  recall, {kind.Kind} ({kind.Screened:N0} screened, {kind.DroppedIdentity:N0} dropped)",
                kind.Screened == 0 ? "none left" : $"{kind.Recall:0.000} ({kind.Found:N0})", "");
        }
        table.AddRow($"false alerts on {report.Ordinary:N0} ordinary names", $"{report.FalseAlertRate:0.0000} ({report.FalseAlerts:N0})", "< 0.01");
        foreach (var tradition in report.ByTradition)
        {
            table.AddRow($"  false alerts, {tradition.Tradition} ({tradition.Pool:N0} names)", $"{tradition.Rate:0.0000} ({tradition.Alerts:N0})", "");
        }
        table.AddRow("names/s, one thread, ranked hits with explanations", $"{explained:N0}", "≥ 20,000");
        table.AddRow("names/s, one thread, best score only (assessment path)", $"{fast:N0}", "≥ 20,000");
        table.AddRow($"names/s, {threads} threads, best score only", $"{parallel:N0}", "");
        AnsiConsole.Write(table);

        if (settings.Json is not null)
        {
            File.WriteAllText(settings.Json, JsonSerializer.Serialize(new
            {
                entries = index.EntryCount,
                names = index.NameCount,
                threshold = settings.Threshold,
                recall = report.Recall,
                falseAlertRate = report.FalseAlertRate,
                recallByKind = report.RecallByKind.ToDictionary(p => p.Key.ToString(), p => p.Value),
                variantsScreened = report.Variants,
                identityVariantsDropped = report.DroppedIdentity,
                variantsByKind = report.ByKind.ToDictionary(k => k.Kind.ToString(), k => new { screened = k.Screened, found = k.Found, droppedIdentity = k.DroppedIdentity }),
                ordinaryNames = report.Ordinary,
                falseAlerts = report.FalseAlerts,
                falseAlertsByTradition = report.ByTradition.ToDictionary(
                    t => t.Tradition.ToString(), t => new { count = t.Alerts, pool = t.Pool, rate = t.Pool == 0 ? 0 : t.Rate }),
                screeningNamesPerSecond = explained,
                bestScoreNamesPerSecond = fast,
                parallelNamesPerSecond = parallel,
            }));
        }
        return 0;
    }
}
