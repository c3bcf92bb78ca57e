using Spectre.Console.Cli;

namespace OpenCts.Cli.Targeting;

/// <summary>Registers the `cts` commands of this feature.</summary>
internal static class TargetingCommands
{
    public static void AddTargetingCommands(this IConfigurator config)
    {
    }

    /// <summary>Registers this feature's `cts bench` subcommands.</summary>
    public static void AddTargetingBenchmarks(this IConfigurator<CommandSettings> bench)
    {
    }
}
