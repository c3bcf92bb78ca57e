using OpenCts.Cli.CrossBorder;
using OpenCts.Cli.Formats;
using OpenCts.Cli.Ledger;
using OpenCts.Cli.Model;
using OpenCts.Cli.Profiles;
using OpenCts.Cli.Screening;
using OpenCts.Cli.Targeting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli;

/// <summary>The `cts` command tree; tests build the same app to run commands in-process.</summary>
public static class CtsApp
{
    public static CommandApp Build()
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
            config.SetExceptionHandler((exception, _) =>
            {
                // Usage mistakes get one clear line; anything else is a fault worth its type and trace.
                if (exception is CommandAppException)
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
            config.AddBranch("bench", bench =>
            {
                bench.SetDescription("Measure throughput on this machine, beside the named peers.");
                bench.AddProfilesBenchmarks();
                bench.AddScreeningBenchmarks();
                bench.AddModelBenchmarks();
                bench.AddLedgerBenchmarks();
                bench.AddFormatsBenchmarks();
            });
        });
        return app;
    }
}
