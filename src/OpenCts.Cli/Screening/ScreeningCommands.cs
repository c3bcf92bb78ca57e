using Spectre.Console.Cli;

namespace OpenCts.Cli.Screening;

/// <summary>Registers the `cts` commands of this feature.</summary>
internal static class ScreeningCommands
{
    public static void AddScreeningCommands(this IConfigurator config)
    {
    }

    /// <summary>Registers this feature's `cts bench` subcommands.</summary>
    public static void AddScreeningBenchmarks(this IConfigurator<CommandSettings> bench)
    {
    }
}
