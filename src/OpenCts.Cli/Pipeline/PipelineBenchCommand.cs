using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using OpenCts.Cli.Common;
using OpenCts.Pipeline.Bench;
using OpenCts.Pipeline.Streams;
using OpenCts.Storage;
using OpenCts.Storage.Postgres;
using OpenCts.Storage.Postgres.Ledger;
using OpenCts.Storage.Sqlite;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Pipeline;

/// <summary><c>cts bench pipeline</c>: consignments per second end to end, the embedded default beside the pipeline with one and with two workers.</summary>
internal sealed class PipelineBenchCommand : AsyncCommand<PipelineBenchCommand.Settings>
{
    private const string SampleAwb = "160-12345675";

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--consignments <N>")]
        [Description("Messages of one consignment each, per run (default 2000).")]
        public int Consignments { get; init; } = 2000;

        [CommandOption("--store <POSTGRES>")]
        [Description("A PostgreSQL server (postgres://user@host:port/database) on which each run creates a database of its own and drops it after; default: a private one started from the Debian binaries.")]
        public string? Store { get; init; }

        [CommandOption("--stream <NATS>")]
        [Description("A NATS server with JetStream (nats://host:port); default: a private nats-server.")]
        public string? Stream { get; init; }

        [CommandOption("--json <FILE>")]
        [Description("Also write the figures as JSON.")]
        public string? Json { get; init; }

        [CommandOption("--bulk <SIZES>")]
        [Description("Sizes of the bulk runs, comma-separated: for each, cts assess DIR on that many generated consignments, then cts assess --all, each beside its bound (default 100000; 0 skips them).")]
        [DefaultValue("100000")]
        public string Bulk { get; init; } = "100000";

        [CommandOption("--kind <KIND>")]
        [Description("What the bulk runs generate: general (sea, air and parcels with the samples' targeting set) or ecommerce (parcels with their platform orders, the same targeting set) (default general).")]
        [DefaultValue("general")]
        public string Kind { get; init; } = BulkBench.General;

        [CommandOption("--no-scale-out")]
        [Description("Skip the scale-out runs (uploads over HTTP to the embedded store, and to PostgreSQL with NATS workers).")]
        public bool NoScaleOut { get; init; }

        public IReadOnlyList<int> BulkSizes() =>
            [.. Bulk.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).Where(n => n > 0)];

        public override ValidationResult Validate()
        {
            if (!BulkBench.Kinds.Contains(Kind))
            {
                return ValidationResult.Error($"--kind: '{Kind}' is not one of {string.Join(", ", BulkBench.Kinds)}");
            }
            if (Consignments is < 10 or > 10_000_000)
            {
                return ValidationResult.Error($"--consignments {Consignments} is not between 10 and 10000000");
            }
            foreach (var size in Bulk.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(size, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) || n is < 0 or > 10_000_000 || n is > 0 and < 100)
                {
                    return ValidationResult.Error($"--bulk: '{size}' is not 0 or a number of consignments between 100 and 10000000");
                }
            }
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var bulk = new List<BulkFigures>();
        foreach (var size in settings.BulkSizes())
        {
            var folder = Path.Combine(Path.GetTempPath(), "opencts-bench-bulk-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                bulk.Add(await BulkBench.RunAsync(size, settings.Kind, folder, what => AnsiConsole.MarkupLineInterpolated($"running: {what}"), cancellationToken));
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            PrintBulk(bulk[^1]);
        }
        var runs = settings.NoScaleOut ? [] : await ScaleOutAsync(settings, cancellationToken);
        if (settings.Json is not null)
        {
            await File.WriteAllTextAsync(settings.Json, JsonSerializer.Serialize(BulkJson.Document(settings, bulk, runs), new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        }
        return 0;
    }

    private static void PrintBulk(BulkFigures f)
    {
        static string N(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
        static string R(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        var table = new Table().AddColumns("figure", "value", "bound", "bound value", "figure / bound");
        table.AddRow("end to end (cts assess DIR), consignments/s", N(f.EndToEndConsignmentsPerSecond), "reading the same files, consignments/s", $"{N(f.ReadConsignmentsPerSecond)} ({N(f.ReadMegabytesPerSecond)} MB/s)", R(f.EndToEndConsignmentsPerSecond / f.ReadConsignmentsPerSecond));
        table.AddRow("", "", "SQLite inserting rows of the same size, rows/s", N(f.SqliteRowsPerSecond), R(f.EndToEndConsignmentsPerSecond / f.SqliteRowsPerSecond));
        table.AddRow("peak working set, MB", N(f.PeakWorkingSetMegabytes), "", "", "");
        table.AddRow("store bytes per consignment", N(f.StoreBytesPerConsignment), "raw bytes compressed, per consignment", N(f.CompressedRawBytesPerConsignment), R(f.StoreBytesPerConsignment / f.CompressedRawBytesPerConsignment));
        table.AddRow("beside it, the indicators' checkpoint (derived, not in the store's figure), bytes per consignment", N(f.CheckpointBytesPerConsignment), "", "", "");
        table.AddRow("re-assessing all (cts assess --all), consignments/s", N(f.ReassessConsignmentsPerSecond), "the engine alone, consignments/s", N(f.EngineConsignmentsPerSecond), R(f.ReassessConsignmentsPerSecond / f.EngineConsignmentsPerSecond));
        var what = f.Kind == BulkBench.Ecommerce ? "e-commerce parcels" : "consignments";
        AnsiConsole.MarkupLineInterpolated($"[bold]{f.Consignments:N0} {what}[/] in {f.InputBytes / 1e6:N0} MB of messages{(f.Kind == BulkBench.Ecommerce ? " and platform orders" : "")}, with the samples' profiles, reference lists and watch list: cts assess took {f.Seconds:N1} s; after one profile was added, cts assess --all took {f.ReassessSeconds:N1} s and saved the {f.ReassessChangedAssessments:N0} assessments it changed; {Environment.ProcessorCount} cores");
        AnsiConsole.Write(table);
    }

    private static async Task<IReadOnlyList<PipelineRun>> ScaleOutAsync(Settings settings, CancellationToken cancellationToken)
    {
        var template = RepositoryData.FindInCheckout("samples", "messages", "cargo-xml-xfwb.xml")
            ?? throw new InvalidOperationException("samples/messages/cargo-xml-xfwb.xml not found: run the bench from an OpenCTS checkout");
        var text = await File.ReadAllTextAsync(template, cancellationToken);
        var messages = Enumerable.Range(1, settings.Consignments)
            .Select(serial => Encoding.UTF8.GetBytes(text.Replace(SampleAwb, string.Create(CultureInfo.InvariantCulture, $"160-{serial:D7}{serial % 7}"), StringComparison.Ordinal)))
            .ToList();

        await using var servers = settings.Store is null || settings.Stream is null ? await PrivateServers.StartAsync(cancellationToken) : null;
        var postgres = settings.Store is null ? servers!.Postgres : PostgresConnection.Parse(settings.Store).ConnectionString;
        var nats = settings.Stream is null ? servers!.Nats : PipelineAddress.Parse(settings.Stream).Url;
        var runs = new List<PipelineRun>();

        var folder = Path.Combine(Path.GetTempPath(), "opencts-bench-embedded-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using (var store = SqliteStore.Open(folder, SqliteLedgerJournal.Instance))
            {
                runs.Add(await Announce("embedded SQLite", () => PipelineBench.EmbeddedAsync(store, messages, cancellationToken)));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        foreach (var workers in new[] { 1, 2 })
        {
            var database = await BenchDatabase.CreateAsync(postgres, cancellationToken);
            try
            {
                var address = PipelineAddress.Parse($"{nats}/bench-{Guid.NewGuid().ToString("N")[..8]}");
                var keys = Path.Combine(Path.GetTempPath(), "opencts-bench-keys");
                runs.Add(await Announce($"pipeline, {workers} worker(s)", () => PipelineBench.PipelineAsync(
                    async ct => await PostgresStore.OpenAsync(database, PostgresLedgerJournal.Instance, keys, null, ct), address, workers, messages, cancellationToken)));
            }
            finally
            {
                await BenchDatabase.DropAsync(postgres, database);
            }
        }

        var table = new Table().AddColumns("run", "store", "workers", "consignments", "seconds", "consignments/s end to end");
        foreach (var run in runs)
        {
            table.AddRow(run.Name, run.Workers == 0 ? "SQLite" : "PostgreSQL", run.Workers.ToString(CultureInfo.InvariantCulture),
                run.Consignments.ToString("N0", CultureInfo.InvariantCulture), run.Elapsed.TotalSeconds.ToString("N2", CultureInfo.InvariantCulture),
                run.EndToEndConsignmentsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"each consignment submitted as its own upload, stored, journaled and assessed; {Environment.ProcessorCount} cores; NATS and PostgreSQL on this machine");
        return runs;
    }

    private static Task<PipelineRun> Announce(string what, Func<Task<PipelineRun>> run)
    {
        AnsiConsole.MarkupLineInterpolated($"running: {what}");
        return run();
    }
}
