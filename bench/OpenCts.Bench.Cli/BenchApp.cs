using OpenCts.Bench.Cli.Screening;
using OpenCts.Bench.Cli.Targeting;
using OpenCts.Cli.Common;
using OpenCts.Cli.Profiles;
using OpenCts.Cli.Screening;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Bench.Cli;

/// <summary>The <c>cts-bench</c> command tree: the benchmarks that run beside peer engines or on generated quality sets, outside the product.</summary>
/// <remarks><c>cts bench targeting</c> and <c>cts bench screening</c> run this tool with the same arguments.</remarks>
internal static class BenchApp
{
    public static Task<int> RunAsync(string[] args)
    {
        // Piped output has no terminal width; honour COLUMNS as cts does, so tables in logs are not cramped.
        if (Console.IsOutputRedirected && int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns >= 40)
        {
            AnsiConsole.Profile.Width = columns;
        }
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("cts-bench");
            config.UseStrictParsing();
            config.SetExceptionHandler((exception, _) =>
            {
                if (exception is CommandAppException appException)
                {
                    Output.Error(UsageErrors.Describe(appException, args));
                    return 2;
                }
                AnsiConsole.WriteException(exception, ExceptionFormats.ShortenEverything);
                return 70;
            });
            config.AddCommand<TargetingBenchCommand>("targeting")
                .WithDescription(TargetingBenchSettings.Summary);
            config.AddCommand<ScreeningBenchCommand>("screening").WithDescription(ScreeningBenchSettings.Summary);
        });
        return app.RunAsync(args);
    }
}
