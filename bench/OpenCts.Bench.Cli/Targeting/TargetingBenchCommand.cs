using System.Diagnostics;
using System.Text.Json;
using OpenCts.Bench.Quality.Profiles;
using OpenCts.Cli.Common;
using OpenCts.Cli.Profiles;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.Samples;
using OpenCts.Screening.Matching;
using OpenCts.Screening.Watchlists;
using OpenCts.Targeting.Assessment;
using OpenCts.Targeting.Profiles.Compilation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Bench.Cli.Targeting;

/// <summary>
/// <c>cts-bench targeting</c> (and <c>cts bench targeting</c>, which forwards here): a realistic mix of 1,000 profiles over 100,000 generated consignments, with every party
/// screened against OFAC SDN and the UN list, beside Microsoft RulesEngine and NRules on the same profiles and data.
/// </summary>
internal sealed class TargetingBenchCommand : AsyncCommand<TargetingBenchSettings>
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private const double MinimumCpuSeconds = 2;

    public override async Task<int> ExecuteAsync(CommandContext context, TargetingBenchSettings settings, CancellationToken cancellationToken)
    {
        AnsiConsole.MarkupLineInterpolated($"generating {settings.Consignments:N0} consignments and {settings.Profiles:N0} profiles...");
        var consignments = new SampleGenerator(settings.Seed, new SampleOptions(Start)).Generate(settings.Consignments);
        var rules = ProfileMix.Generate(settings.Profiles, settings.Seed);

        var watch = Stopwatch.StartNew();
        var set = new CompiledProfileSet(rules.Select(r => r.ToProfile()), clock: new StoppedClock(Start));
        var compileSeconds = watch.Elapsed.TotalSeconds;
        var evaluation = set.NewContext().At(Start);
        var reasons = new List<Reason>();
        long hits = 0, candidates = 0, meetingNone = 0;
        foreach (var consignment in consignments)
        {
            var met = set.CountHits(consignment, evaluation);
            hits += met;
            meetingNone += met == 0 ? 1 : 0;
            candidates += set.CountCandidates(consignment, evaluation);
        }
        AnsiConsole.MarkupLineInterpolated($"compiled {set.Count:N0} profiles in {compileSeconds:N1} s; index: {set.IndexStatistics.AlwaysRun} always run, {set.IndexStatistics.Combined} keyed on two fields together; guards: {string.Join(", ", set.IndexStatistics.ByField.Select(p => $"{p.Value} on {p.Key}"))}");
        AnsiConsole.MarkupLineInterpolated($"{(double)candidates / consignments.Count:N1} profiles run per consignment; {hits / (double)consignments.Count:N2} hits per consignment; {meetingNone / (double)consignments.Count:P1} meet none");

        var profilesOnlyRate = Measure(consignments, c =>
        {
            reasons.Clear();
            set.Evaluate(c, evaluation, reasons);
        });
        var profilesOnly = profilesOnlyRate.Cpu;
        AnsiConsole.MarkupLineInterpolated($"profiles alone: {profilesOnlyRate} (one thread, evidence built for every hit)");

        double? withScreening = null, namesPerSecond = null;
        Rate? withScreeningRate = null;
        var watchlists = settings.Watchlists ?? RepositoryData.Find("watchlists");
        var lists = watchlists is null ? null : LoadScreening(watchlists);
        if (lists is { } screening)
        {
            var names = consignments.Sum(c => c.Parties.Count);
            var screeningOnly = Measure(consignments, c =>
            {
                reasons.Clear();
                screening.Screen(c, reasons);
            });
            namesPerSecond = screeningOnly.Cpu * names / consignments.Count;
            withScreeningRate = Measure(consignments, c =>
            {
                reasons.Clear();
                set.Evaluate(c, evaluation, reasons);
                screening.Screen(c, reasons);
            });
            withScreening = withScreeningRate.Value.Cpu;
            AnsiConsole.MarkupLineInterpolated($"screening: {namesPerSecond:N0} names per CPU second against {screening.Entries:N0} listed entries; with profiles: {withScreeningRate}");
        }
        else
        {
            Output.Warning($"no watch lists at {watchlists ?? "the repository's data/watchlists"}: the screening figures are left out");
        }

        AnsiConsole.MarkupLine("flattening the consignments for the peers (not timed)...");
        var peers = consignments.Select(c => PeerConsignment.From(c, Start)).ToList();
        watch.Restart();
        var rulesEngine = new RulesEngineRunner(rules);
        var (rulesEngineRate, rulesEngineCount, rulesEngineHits) = await MeasurePeer(peers, settings.PeerSeconds, async batch =>
        {
            var found = 0;
            foreach (var peer in batch)
            {
                found += await rulesEngine.Hits(peer);
            }
            return found;
        }, batchSize: 50);
        var rulesEnginePerSecond = rulesEngineRate.Cpu;
        AnsiConsole.MarkupLineInterpolated($"RulesEngine: {rulesEngineRate} on {rulesEngineCount:N0} consignments (set up in {watch.Elapsed.TotalSeconds:N1} s)");
        watch.Restart();
        var nrules = new NRulesRunner(rules);
        var nrulesSetup = watch.Elapsed.TotalSeconds;
        var (nrulesRate, nrulesCount, nrulesHits) = await MeasurePeer(peers, settings.PeerSeconds, batch => Task.FromResult(nrules.Hits(batch)), batchSize: 1_000);
        var nrulesPerSecond = nrulesRate.Cpu;
        AnsiConsole.MarkupLineInterpolated($"NRules: {nrulesRate} on {nrulesCount:N0} consignments (compiled in {nrulesSetup:N1} s)");

        var ours = (int Count) => consignments.Take(Count).Sum(c => (long)set.CountHits(c, evaluation));
        var table = new Table().AddColumns("engine", "consignments per CPU second", "per wall second", "measured on", "hits (theirs vs ours, same consignments)", "OpenCTS is");
        table.AddRow("OpenCTS profiles (compiled, indexed)", $"{profilesOnly:N0}", $"{profilesOnlyRate.Wall:N0}", $"{consignments.Count:N0}", $"{hits:N0}", "");
        if (withScreeningRate is { } both)
        {
            table.AddRow("OpenCTS profiles + screening of every party", $"{both.Cpu:N0}", $"{both.Wall:N0}", $"{consignments.Count:N0}", "", "");
        }
        table.AddRow("Microsoft RulesEngine (FastExpressionCompiler, no scoped params, case-sensitive)", $"{rulesEnginePerSecond:N0}", $"{rulesEngineRate.Wall:N0}", Sample(rulesEngineCount, consignments.Count),
            $"{rulesEngineHits:N0} vs {ours(rulesEngineCount):N0}", $"{profilesOnly / rulesEnginePerSecond:N0}× faster");
        table.AddRow("NRules (one session, batches of 1,000)", $"{nrulesPerSecond:N0}", $"{nrulesRate.Wall:N0}", Sample(nrulesCount, consignments.Count),
            $"{nrulesHits:N0} vs {ours(nrulesCount):N0}", $"{profilesOnly / nrulesPerSecond:N0}× faster");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("Rates are per CPU second of this process, so that other work on a shared machine does not tilt the ratios; wall-clock rates beside them.");
        AnsiConsole.MarkupLine("Goals: ≥ 100,000 consignments/s on the profiles alone, ≥ 50,000 with screening, ≥ 10× NRules, ≥ 100× RulesEngine.");

        if (settings.Json is not null)
        {
            await File.WriteAllTextAsync(settings.Json, JsonSerializer.Serialize(new
            {
                consignmentsPerSecond = withScreening is { } w ? Math.Round(w) : (double?)null,
                profilesOnlyPerSecond = Math.Round(profilesOnly),
                rulesEnginePerSecond = Math.Round(rulesEnginePerSecond, 1),
                nrulesPerSecond = Math.Round(nrulesPerSecond, 1),
                rulesEngineRatio = Math.Round(profilesOnly / rulesEnginePerSecond, 1),
                nrulesRatio = Math.Round(profilesOnly / nrulesPerSecond, 1),
                screeningNamesPerSecond = namesPerSecond is { } n ? Math.Round(n) : (double?)null,
                wallClock = new
                {
                    consignmentsPerSecond = withScreeningRate is { } ws ? Math.Round(ws.Wall) : (double?)null,
                    profilesOnlyPerSecond = Math.Round(profilesOnlyRate.Wall),
                    rulesEnginePerSecond = Math.Round(rulesEngineRate.Wall, 1),
                    nrulesPerSecond = Math.Round(nrulesRate.Wall, 1),
                },
                consignments = consignments.Count,
                profiles = set.Count,
                rulesEngineSample = rulesEngineCount,
                nrulesSample = nrulesCount,
                profilesRunPerConsignment = Math.Round((double)candidates / consignments.Count, 1),
                hitsPerConsignment = Math.Round(hits / (double)consignments.Count, 3),
            }), cancellationToken);
        }
        return 0;
    }

    private static string Sample(int count, int total) => count >= total ? $"{count:N0}" : $"{count:N0} (first of {total:N0}: too slow for all)";

    /// <summary>Consignments per second over whole passes for at least two CPU seconds, after as long a warm-up.</summary>
    /// <remarks>
    /// The warm-up builds, once per profile, the instrumented form that records evidence on a hit, and lets the JIT
    /// settle on its optimised code (its background recompilation would otherwise be counted as our CPU time); timing several passes then averages out the noise of a shared machine, as the
    /// peers' longer runs do.
    /// </remarks>
    private static Rate Measure(IReadOnlyList<Consignment> consignments, Action<Consignment> work)
    {
        var warmUp = Clocks.Start();
        for (var pass = 0; pass < 2 || warmUp.CpuSeconds < MinimumCpuSeconds; pass++)
        {
            foreach (var consignment in consignments)
            {
                work(consignment);
            }
        }
        var clock = Clocks.Start();
        var done = 0;
        do
        {
            foreach (var consignment in consignments)
            {
                work(consignment);
            }
            done += consignments.Count;
        }
        while (clock.CpuSeconds < MinimumCpuSeconds);
        return clock.RateOf(done);
    }

    /// <summary>Runs a peer batch by batch until all consignments are done or the time is up; returns its rate, how many it ran and its hits.</summary>
    private static async Task<(Rate Rate, int Count, long Hits)> MeasurePeer(List<PeerConsignment> peers, double seconds, Func<IReadOnlyList<PeerConsignment>, Task<int>> run, int batchSize)
    {
        // The same warm-up as ours, so that the JIT has settled on each engine's code before the clock starts.
        var warmUp = Clocks.Start();
        for (var at = 0; at < peers.Count && (at == 0 || warmUp.CpuSeconds < MinimumCpuSeconds); at += batchSize)
        {
            await run(peers.GetRange(at, Math.Min(batchSize, peers.Count - at)));
        }
        var clock = Clocks.Start();
        var done = 0;
        long hits = 0;
        while (done < peers.Count && clock.Wall.Elapsed.TotalSeconds < seconds)
        {
            var batch = peers.GetRange(done, Math.Min(batchSize, peers.Count - done));
            hits += await run(batch);
            done += batch.Count;
        }
        return (clock.RateOf(done), done, hits);
    }

    private static PartyScreening? LoadScreening(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }
        var load = WatchlistLoader.Load(folder);
        return new PartyScreening(ScreeningIndex.Build(load.Entries), new AllowList([]), weight: 50);
    }

    /// <summary>A rate measured both per CPU second of the process and per wall-clock second.</summary>
    private readonly record struct Rate(double Cpu, double Wall)
    {
        public override string ToString() => $"{Cpu:N0} consignments per CPU second ({Wall:N0} per wall second)";
    }

    /// <summary>Wall clock and the process's CPU time, started together.</summary>
    private sealed record Clocks(Stopwatch Wall, TimeSpan CpuAtStart)
    {
        public static Clocks Start() => new(Stopwatch.StartNew(), CpuTime());

        public double CpuSeconds => (CpuTime() - CpuAtStart).TotalSeconds;

        public Rate RateOf(int count) => new(count / Math.Max(1e-9, CpuSeconds), count / Wall.Elapsed.TotalSeconds);

        private static TimeSpan CpuTime()
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>A clock stopped at the benchmark's instant, so that arrival windows give the same hits on every run.</summary>
    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
