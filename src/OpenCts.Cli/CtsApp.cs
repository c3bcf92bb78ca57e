using OpenCts.Cli.CrossBorder;
using OpenCts.Cli.Formats;
using OpenCts.Cli.Ledger;
using OpenCts.Cli.Maintenance;
using OpenCts.Cli.Model;
using OpenCts.Cli.Profiles;
using OpenCts.Cli.Screening;
using OpenCts.Cli.Targeting;
using OpenCts.Cli.Users;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli;

/// <summary>The `cts` command tree; tests build the same app to run commands in-process.</summary>
public static class CtsApp
{
    /// <summary>Runs the command a command line names.</summary>
    public static Task<int> RunAsync(string[] args) => Build(args).RunAsync(args);

    /// <summary>The command tree; <paramref name="args"/>, when given, let usage errors name the option a bad value was given to.</summary>
    public static CommandApp Build(IReadOnlyList<string>? args = null)
    {
        // Piped output has no terminal width; honour COLUMNS as other command-line tools do, so tables in logs are not cramped.
        if (Console.IsOutputRedirected && int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns >= 40)
        {
            AnsiConsole.Profile.Width = columns;
        }
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("cts");
            // An option the command does not know is a mistake to report, not a word to ignore: `--bogus` or `--port 9000` would otherwise run with the defaults.
            config.UseStrictParsing();
            config.SetExceptionHandler((exception, _) =>
            {
                // Usage mistakes get one clear line; anything else is a fault worth its type and trace.
                if (exception is CommandAppException appException)
                {
                    Common.Output.Error(Common.UsageErrors.Describe(appException, args ?? []));
                    return 2;
                }
                // Bad input that is not a message (a list, a register, a profile or results file) names its place in one line.
                if (exception is Common.NoStoreException or Domain.Common.InputFormatException or OpenCts.Pipeline.Streams.PipelineUnavailableException or OpenCts.Storage.Postgres.PostgresStoreException)
                {
                    Common.Output.Error(exception.Message);
                    return 2;
                }
                AnsiConsole.WriteException(exception, ExceptionFormats.ShortenEverything);
                return 70;
            });
            config.AddTargetingCommands();
            config.AddProfilesCommands();
            config.AddScreeningCommands();
            config.AddModelCommands();
            config.AddLedgerCommands();
            config.AddCrossBorderCommands();
            config.AddFormatsCommands();
            config.AddCommand<Serve.ServeCommand>("serve").WithDescription("Serve the officers' REST API on the store; the first start creates an admin and prints its one-time password.")
                .WithExample("serve", "--data", "cts-data", "--urls", "http://127.0.0.1:8080");
            config.AddCommand<Pipeline.WorkerCommand>("worker").WithDescription("Assess what the intake queues on a pipeline's stream, until stopped; run several, on several machines.")
                .WithExample("worker", "--store", "postgres://cts@db/cts", "--stream", "nats://127.0.0.1:4222");
            config.AddUsersCommands();
            Commerce.CommerceCommands.AddCommerceCommands(config);
            Privacy.RetentionCommands.AddRetentionCommands(config);
            config.AddMaintenanceCommands();
            config.AddBranch("bench", bench =>
            {
                bench.SetDescription("Measure throughput on this machine, beside the named peers.");
                bench.AddProfilesBenchmarks();
                bench.AddScreeningBenchmarks();
                bench.AddModelBenchmarks();
                bench.AddLedgerBenchmarks();
                bench.AddFormatsBenchmarks();
                bench.AddCommand<Commerce.EcommerceBenchCommand>("ecommerce")
                    .WithDescription("E-commerce indicator updates per second at ingest, peak memory over a million parcels, and entity-resolution precision and recall on the generated stream.");
                bench.AddCommand<Bench.LoadBenchCommand>("load")
                    .WithDescription("Open-loop HTTP load: single-consignment messages at --rate a second, then the same beside worklist reads; p50, p99 and errors of each.");
                bench.AddCommand<Pipeline.PipelineBenchCommand>("pipeline")
                    .WithDescription("Consignments/s end to end (submitted, stored, assessed, journaled): the embedded SQLite default beside the pipeline on PostgreSQL and NATS with 1 and 2 workers.");
            });
        });
        return app;
    }
}
