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

        public override ValidationResult Validate() => Consignments is < 10 or > 10_000_000
            ? ValidationResult.Error($"--consignments {Consignments} is not between 10 and 10000000")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
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
            var database = await CreateDatabaseAsync(postgres, cancellationToken);
            try
            {
                var address = PipelineAddress.Parse($"{nats}/bench-{Guid.NewGuid().ToString("N")[..8]}");
                var keys = Path.Combine(Path.GetTempPath(), "opencts-bench-keys");
                runs.Add(await Announce($"pipeline, {workers} worker(s)", () => PipelineBench.PipelineAsync(
                    async ct => await PostgresStore.OpenAsync(database, PostgresLedgerJournal.Instance, keys, null, ct), address, workers, messages, cancellationToken)));
            }
            finally
            {
                await DropDatabaseAsync(postgres, database);
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
        if (settings.Json is not null)
        {
            // One object per configuration, so that later figures of the same run (memory, store size, reassessment) join it.
            await File.WriteAllTextAsync(settings.Json, JsonSerializer.Serialize(new
            {
                consignments = settings.Consignments,
                cores = Environment.ProcessorCount,
                runs = runs.Select(r => new
                {
                    name = r.Name,
                    store = r.Workers == 0 ? "sqlite" : "postgres",
                    workers = r.Workers,
                    seconds = Math.Round(r.Elapsed.TotalSeconds, 3),
                    endToEndConsignmentsPerSecond = Math.Round(r.EndToEndConsignmentsPerSecond, 1),
                }),
            }, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        }
        return 0;
    }

    private static Task<PipelineRun> Announce(string what, Func<Task<PipelineRun>> run)
    {
        AnsiConsole.MarkupLineInterpolated($"running: {what}");
        return run();
    }

    private static async Task<string> CreateDatabaseAsync(string server, CancellationToken cancellationToken)
    {
        var name = "opencts_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task DropDatabaseAsync(string server, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(database).Database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
