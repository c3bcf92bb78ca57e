using Spectre.Console.Cli;

namespace OpenCts.Cli.Formats;

/// <summary>Registers the `cts` commands of the standard message formats (CUSCAR, Cargo-IMP, Cargo-XML, WCO JSON).</summary>
internal static class FormatsCommands
{
    /// <remarks>The formats are read by <c>cts ingest</c>; they add no command of their own.</remarks>
    public static void AddFormatsCommands(this IConfigurator config)
    {
    }

    /// <summary>Registers this feature's `cts bench` subcommands.</summary>
    public static void AddFormatsBenchmarks(this IConfigurator<CommandSettings> bench)
    {
        bench.AddCommand<FormatsBenchCommand>("formats")
            .WithDescription("EDIFACT CUSCAR parsing in MB/s on one core and Cargo-XML waybills per second.")
            .WithExample("bench", "formats", "--json", "formats.json");
    }
}
