using Spectre.Console.Cli;

namespace OpenCts.Cli.Model;

/// <summary>Registers the `cts` commands of this feature.</summary>
internal static class ModelCommands
{
    public static void AddModelCommands(this IConfigurator config)
    {
    }

    /// <summary>Registers this feature's `cts bench` subcommands.</summary>
    public static void AddModelBenchmarks(this IConfigurator<CommandSettings> bench)
    {
    }
}
