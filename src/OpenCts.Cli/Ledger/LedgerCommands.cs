using Spectre.Console.Cli;

namespace OpenCts.Cli.Ledger;

/// <summary>Registers the `cts` commands of this feature.</summary>
internal static class LedgerCommands
{
    public static void AddLedgerCommands(this IConfigurator config)
    {
    }

    /// <summary>Registers this feature's `cts bench` subcommands.</summary>
    public static void AddLedgerBenchmarks(this IConfigurator<CommandSettings> bench)
    {
    }
}
