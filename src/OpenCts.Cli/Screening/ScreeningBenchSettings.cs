using System.ComponentModel;
using OpenCts.Screening.Matching;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Screening;

/// <summary>The options of <c>cts bench screening</c>, declared once: the CLI parses them and forwards the command line to the bench tool, which compiles this same file.</summary>
internal sealed class ScreeningBenchSettings : CommandSettings
{
    /// <summary>What the command does, as its help and the list of commands show it.</summary>
    public const string Summary = "Screening recall, false alerts and names per second on the real lists.";

    [CommandOption("--lists <DIR>")]
    [Description("The watch lists to screen against (default: data/watchlists of the repository above the working folder or the tool).")]
    public string? Lists { get; init; }

    [CommandOption("--variants <N>")]
    [Description("How many variants of listed names to generate (default 5,000).")]
    public int Variants { get; init; } = 5_000;

    [CommandOption("--ordinary <N>")]
    [Description("How many ordinary, unlisted names to generate (default 10,000).")]
    public int Ordinary { get; init; } = 10_000;

    [CommandOption("--seed <N>")]
    [Description("Seed of the generated names (default 1).")]
    public int Seed { get; init; } = 1;

    [CommandOption("--threshold <X>")]
    [Description("Alert threshold (default 0.85).")]
    public double Threshold { get; init; } = ScreeningOptions.DefaultAlertThreshold;

    [CommandOption("--seconds <S>")]
    [Description("How long to time each speed figure (default 3).")]
    public double Seconds { get; init; } = 3;

    [CommandOption("--json <FILE>")]
    [Description("Also write the figures to this file.")]
    public string? Json { get; init; }
}
