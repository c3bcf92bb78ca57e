using Spectre.Console.Cli;

namespace OpenCts.Cli.Formats;

/// <summary>Registers the `cts` commands of this feature.</summary>
internal static class FormatsCommands
{
    public static void AddFormatsCommands(this IConfigurator config)
    {
    }

    /// <summary>Registers this feature's `cts bench` subcommands.</summary>
    public static void AddFormatsBenchmarks(this IConfigurator<CommandSettings> bench)
    {
    }
}
