using System.ComponentModel;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OpenCts.Application.Assessing;
using OpenCts.Application.Users;
using OpenCts.Cli.Common;
using OpenCts.Storage.Sqlite;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Bench;

/// <summary><c>cts bench load</c>: an open-loop HTTP load on a server: single-consignment messages at a fixed rate, then the same beside worklist reads; p50, p99 and errors of each.</summary>
internal sealed class LoadBenchCommand : AsyncCommand<LoadBenchCommand.Settings>
{
    private const string SampleAwb = "160-12345675";

    /// <summary>The server's default allowance per credential and minute; the bench spreads its requests over enough keys to stay under it.</summary>
    private const int RequestsPerMinutePerKey = 6000;

    /// <summary>How many steps the warm-up rises in, from a fifth of the rate to the rate.</summary>
    private const int WarmupSteps = 5;

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--rate <N>")]
        [Description("Messages per second, in both phases (default 1000).")]
        [DefaultValue(1000)]
        public int Rate { get; init; } = 1000;

        [CommandOption("--read-rate <N>")]
        [Description("Worklist reads per second in the second phase (default 100).")]
        [DefaultValue(100)]
        public int ReadRate { get; init; } = 100;

        [CommandOption("--seconds <S>")]
        [Description("Length of each phase in seconds (default 60); a smoke test uses a few.")]
        [DefaultValue(60)]
        public int Seconds { get; init; } = 60;

        [CommandOption("--warmup <S>")]
        [Description("Seconds of messages (and worklist reads, when there are readers) before phase 1, rising in five steps from a fifth of the rate to the rate, each step reported on a row of its own and left out of the goal (default 20): a server that has just started compiles its code and builds its indicators from the store first, and the full rate at once leaves a backlog that phase 1 would inherit. 0 for none.")]
        [DefaultValue(20)]
        public int Warmup { get; init; } = 20;

        [CommandOption("--url <URL>")]
        [Description("A running server to load; default: a cts serve of this build on a temporary store with the samples, stopped after.")]
        public string? Url { get; init; }

        [CommandOption("--api-key <KEY>")]
        [Description("With --url: a submitter's API key; repeat to spread the load over several (each key may make 6000 requests a minute by default).")]
        public string[] ApiKeys { get; init; } = [];

        [CommandOption("--read-key <KEY>")]
        [Description("With --url: the API key of a user who may read consignments (a targeter), for the worklist reads; repeat for several. Without one the reads are skipped.")]
        public string[] ReadKeys { get; init; } = [];

        [CommandOption("--json <FILE>")]
        [Description("Also write the figures as JSON.")]
        public string? Json { get; init; }

        public override ValidationResult Validate()
        {
            if (Rate is < 1 or > 100_000)
            {
                return ValidationResult.Error($"--rate {Rate} is not between 1 and 100000");
            }
            if (ReadRate is < 0 or > 100_000)
            {
                return ValidationResult.Error($"--read-rate {ReadRate} is not between 0 and 100000");
            }
            if (Seconds is < 1 or > 3600)
            {
                return ValidationResult.Error($"--seconds {Seconds} is not between 1 and 3600");
            }
            if (Warmup is < 0 or > 600)
            {
                return ValidationResult.Error($"--warmup {Warmup} is not between 0 and 600");
            }
            if ((long)Rate * ((2L * Seconds) + Warmup) > 8_000_000)
            {
                return ValidationResult.Error($"--rate {Rate} for --seconds {Seconds} and --warmup {Warmup} makes {(long)Rate * ((2L * Seconds) + Warmup)} messages; at most 8000000 get AWB numbers of their own");
            }
            if (Url is not null && (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                return ValidationResult.Error($"--url '{Url}' is not an http or https address");
            }
            if (Url is not null && ApiKeys.Length == 0)
            {
                return ValidationResult.Error("--url needs --api-key: the key of a submitter to post messages with");
            }
            if (Url is null && (ApiKeys.Length > 0 || ReadKeys.Length > 0))
            {
                return ValidationResult.Error("--api-key and --read-key go with --url; without it the bench makes its own users");
            }
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var template = RepositoryData.FindInCheckout("samples", "messages", "cargo-xml-xfwb.xml")
            ?? throw new InvalidOperationException("samples/messages/cargo-xml-xfwb.xml not found: run the bench from an OpenCTS checkout");
        var waybill = await File.ReadAllTextAsync(template, cancellationToken);
        var folder = Path.Combine(Path.GetTempPath(), "opencts-bench-load-" + Guid.NewGuid().ToString("N")[..8]);
        ServeProcess? server = null;
        try
        {
            Uri address;
            string[] submitters, readers;
            if (settings.Url is { } url)
            {
                (address, submitters, readers) = (new Uri(url), settings.ApiKeys, settings.ReadKeys);
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated($"preparing a store with the samples in {folder}");
                (submitters, readers) = await PrepareStoreAsync(folder, KeysFor(settings.Rate), KeysFor(settings.ReadRate), cancellationToken);
                (server, address) = await ServeProcess.StartAsync(folder, cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"cts serve listening at {address}");
            }
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false, AllowAutoRedirect = false })
            {
                BaseAddress = address,
                Timeout = TimeSpan.FromSeconds(30),
            };
            var duration = TimeSpan.FromSeconds(settings.Seconds);
            var drain = TimeSpan.FromSeconds(30);
            // A random block of AWB serials, so that a second run on the same server posts new documents rather than duplicates.
            var serialBase = Random.Shared.Next(1, 9_000_000 - (settings.Rate * ((2 * settings.Seconds) + settings.Warmup)) - 1);
            var posted = 0;
            Func<int, CancellationToken, Task<bool>> post = async (_, ct) =>
            {
                var serial = serialBase + Interlocked.Increment(ref posted);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/messages")
                {
                    Content = new ByteArrayContent(Encoding.UTF8.GetBytes(waybill.Replace(SampleAwb, string.Create(CultureInfo.InvariantCulture, $"160-{serial:D7}{serial % 7}"), StringComparison.Ordinal))),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", submitters[serial % submitters.Length]);
                using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
                return response.StatusCode == System.Net.HttpStatusCode.Created;
            };
            Func<int, CancellationToken, Task<bool>> read = async (i, ct) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/consignments?lane=red&sort=arrival&page=1&pageSize=20");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", readers[i % readers.Length]);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                return response.StatusCode == System.Net.HttpStatusCode.OK;
            };

            var warmupSteps = new List<LoadFigures>();
            if (settings.Warmup > 0)
            {
                // In steps, as traffic reaches a server that has just started: its first seconds are spent compiling code.
                var steps = settings.Warmup >= WarmupSteps ? WarmupSteps : 1;
                var warmReads = readers.Length > 0 && settings.ReadRate > 0;
                AnsiConsole.MarkupLineInterpolated($"warm-up: {settings.Warmup} s rising to {settings.Rate} messages/s{(warmReads ? $" and {settings.ReadRate} worklist reads/s" : "")} in {steps} step(s), not counted in the goal");
                for (var step = 1; step <= steps; step++)
                {
                    var share = (double)step / steps;
                    var length = TimeSpan.FromSeconds((double)settings.Warmup / steps);
                    // The reads warm up too: without them phase 2 began by compiling the worklist's code (1,550 methods, 0.8 s
                    // of JIT in its first seconds), a start-up cost that a server running for days pays once.
                    Task<LoadFigures>? reading = warmReads
                        ? OpenLoopSchedule.RunAsync("warm-up reads", settings.ReadRate * share, length, drain, read, cancellationToken)
                        : null;
                    warmupSteps.Add(await OpenLoopSchedule.RunAsync($"warm-up {share:P0} (not counted)", settings.Rate * share, length, drain, post, cancellationToken));
                    if (reading is not null)
                    {
                        await reading;
                    }
                }
            }
            var warmup = warmupSteps.LastOrDefault();
            AnsiConsole.MarkupLineInterpolated($"phase 1: {settings.Rate} messages/s for {settings.Seconds} s");
            // Processor time per request does not depend on what else shares the machine, unlike latency; it says what a
            // request costs the server and the generator, and so how far the rate is from what the cores can carry.
            var processor = new List<PhaseProcessor>();
            var clock = await ProcessorClock.StartAsync(server, http, cancellationToken);
            var figures = new List<LoadFigures> { await OpenLoopSchedule.RunAsync("messages", settings.Rate, duration, drain, post, cancellationToken) };
            processor.Add(await clock.StopAsync("messages", figures[0].Requests, cancellationToken));
            clock = await ProcessorClock.StartAsync(server, http, cancellationToken);
            var withReads = readers.Length > 0 && settings.ReadRate > 0;
            AnsiConsole.MarkupLineInterpolated($"phase 2: {settings.Rate} messages/s{(withReads ? $" beside {settings.ReadRate} worklist reads/s" : " (no --read-key: no reads)")} for {settings.Seconds} s");
            var second = new List<Task<LoadFigures>> { OpenLoopSchedule.RunAsync("messages beside reads", settings.Rate, duration, drain, post, cancellationToken) };
            if (withReads)
            {
                second.Add(OpenLoopSchedule.RunAsync("worklist reads", settings.ReadRate, duration, drain, read, cancellationToken));
            }
            figures.AddRange(await Task.WhenAll(second));
            processor.Add(await clock.StopAsync("messages beside reads", figures.Skip(1).Sum(f => f.Requests), cancellationToken));
            Print([.. warmupSteps, .. figures], settings, address);
            PrintProcessor(processor, server is not null);
            if (settings.Json is not null)
            {
                await File.WriteAllTextAsync(settings.Json, JsonSerializer.Serialize(new
                {
                    rate = settings.Rate,
                    readRate = withReads ? settings.ReadRate : 0,
                    seconds = settings.Seconds,
                    warmupSeconds = settings.Warmup,
                    warmup = warmup is null ? null : new { requests = warmup.Requests, errors = warmup.Errors, p50Ms = Math.Round(warmup.P50Ms, 2), p99Ms = Math.Round(warmup.P99Ms, 2) },
                    warmupSteps = warmupSteps.Select(w => new { name = w.Name, perSecond = Math.Round(w.PerSecond, 1), requests = w.Requests, errors = w.Errors, p50Ms = Math.Round(w.P50Ms, 2), p99Ms = Math.Round(w.P99Ms, 2) }),
                    cores = Environment.ProcessorCount,
                    server = settings.Url is null ? "cts serve on a temporary SQLite store with the samples" : address.ToString(),
                    goalP99Ms = 20,
                    goalMet = figures.All(f => f.Errors == 0 && f.P99Ms < 20),
                    phases = figures.Select(f => new
                    {
                        name = f.Name,
                        requests = f.Requests,
                        errors = f.Errors,
                        p50Ms = Math.Round(f.P50Ms, 2),
                        p90Ms = Math.Round(f.P90Ms, 2),
                        p99Ms = Math.Round(f.P99Ms, 2),
                        maxMs = Math.Round(f.MaxMs, 2),
                        perSecond = Math.Round(f.PerSecond, 1),
                    }),
                    processor = processor.Select(p => new
                    {
                        phase = p.Phase,
                        requests = p.Requests,
                        serverSeconds = p.Server is { } server ? Math.Round(server.TotalSeconds, 2) : (double?)null,
                        serverMsPerRequest = p.ServerMsPerRequest is { } ms ? Math.Round(ms, 3) : (double?)null,
                        generatorSeconds = Math.Round(p.Generator.TotalSeconds, 2),
                        generatorMsPerRequest = Math.Round(p.GeneratorMsPerRequest, 3),
                    }),
                    serverRuntime = processor.Where(p => p.Runtime is not null).Select(p => new
                    {
                        phase = p.Phase,
                        gen0Collections = p.Runtime!.Gen0,
                        gen1Collections = p.Runtime.Gen1,
                        gen2Collections = p.Runtime.Gen2,
                        gcPauseMs = Math.Round(p.Runtime.PauseMs, 1),
                        allocatedKilobytesPerRequest = Math.Round(p.Runtime.AllocatedKilobytesPerRequest, 1),
                        jitMs = Math.Round(p.Runtime.JitMs, 1),
                        jitMethods = p.Runtime.JitMethods,
                        concurrentCollector = p.Runtime.Concurrent,
                        gen0BudgetBytes = p.Runtime.Gen0BudgetBytes,
                    }),
                }, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
            }
            return 0;
        }
        finally
        {
            server?.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Enough keys that the rate, with a margin, stays under each key's allowance.</summary>
    private static int KeysFor(int perSecond) => Math.Max(1, (int)Math.Ceiling(perSecond * 60.0 * 1.5 / RequestsPerMinutePerKey));

    private static async Task<(string[] Submitters, string[] Readers)> PrepareStoreAsync(string folder, int submitters, int readers, CancellationToken cancellationToken)
    {
        await using var store = SqliteStore.Open(folder, SqliteLedgerJournal.Instance);
        var application = Workspace.Application(store);
        if (RepositoryData.FindInCheckout("samples") is { } samples)
        {
            await application.Bundles.LoadAsync([samples], null, cancellationToken);
            await application.Assessment.AssessPendingAsync(new AssessOptions(), null, cancellationToken);
        }
        var keys = new List<string>();
        for (var i = 0; i < submitters + readers; i++)
        {
            var (name, role) = i < submitters ? ($"load-submitter-{i}", Roles.Submitter) : ($"load-targeter-{i - submitters}", Roles.Targeter);
            keys.Add((await application.Users.AddAsync(name, role, apiKey: true, "cts bench load", cancellationToken)).Secret);
        }
        return ([.. keys.Take(submitters)], [.. keys.Skip(submitters)]);
    }

    private static void PrintProcessor(IReadOnlyList<PhaseProcessor> phases, bool measuredServer)
    {
        var table = new Table().AddColumns("phase", "requests", "server cpu s", "server ms/request", "generator cpu s", "generator ms/request");
        foreach (var p in phases)
        {
            table.AddRow(Markup.Escape(p.Phase), p.Requests.ToString("N0", CultureInfo.InvariantCulture),
                p.Server?.TotalSeconds.ToString("N2", CultureInfo.InvariantCulture) ?? "-", p.ServerMsPerRequest?.ToString("N3", CultureInfo.InvariantCulture) ?? "-",
                p.Generator.TotalSeconds.ToString("N2", CultureInfo.InvariantCulture), p.GeneratorMsPerRequest.ToString("N3", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
        if (phases.Any(p => p.Runtime is not null))
        {
            var runtime = new Table().AddColumns("phase", "gen0 / gen1 / gen2 collections", "collector pauses ms", "allocated KB/request", "JIT ms (methods)");
            foreach (var p in phases.Where(p => p.Runtime is not null))
            {
                var r = p.Runtime!;
                runtime.AddRow(Markup.Escape(p.Phase), $"{r.Gen0} / {r.Gen1} / {r.Gen2}{(r.Concurrent ? "" : " (blocking)")}", r.PauseMs.ToString("N1", CultureInfo.InvariantCulture),
                    r.AllocatedKilobytesPerRequest.ToString("N1", CultureInfo.InvariantCulture), $"{r.JitMs.ToString("N0", CultureInfo.InvariantCulture)} ({r.JitMethods:N0})");
            }
            AnsiConsole.Write(runtime);
        }
        AnsiConsole.MarkupLine(measuredServer
            ? $"processor time on all cores; {Environment.ProcessorCount} cores give {Environment.ProcessorCount * 1000} ms of it a second"
            : "processor time of the generator only: the server at --url is another process or machine");
    }

    private static void Print(IReadOnlyList<LoadFigures> figures, Settings settings, Uri address)
    {
        var table = new Table().AddColumns("phase", "requests", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms", "sent/s");
        foreach (var f in figures)
        {
            table.AddRow(Markup.Escape(f.Name), f.Requests.ToString("N0", CultureInfo.InvariantCulture), f.Errors == 0 ? "0" : $"[red]{f.Errors}[/]",
                f.P50Ms.ToString("N2", CultureInfo.InvariantCulture), f.P90Ms.ToString("N2", CultureInfo.InvariantCulture),
                f.P99Ms < 20 ? f.P99Ms.ToString("N2", CultureInfo.InvariantCulture) : $"[red]{f.P99Ms.ToString("N2", CultureInfo.InvariantCulture)}[/]",
                f.MaxMs.ToString("N2", CultureInfo.InvariantCulture), f.PerSecond.ToString("N0", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"open loop against {address} ({settings.Seconds} s a phase, {Environment.ProcessorCount} cores): latency from each request's scheduled time; goal p99 < 20 ms with no errors");
    }
}
