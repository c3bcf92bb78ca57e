using System.ComponentModel;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Profiles;

/// <summary>The options of <c>cts bench targeting</c>, declared once: the CLI parses them and forwards the command line to the bench tool, which compiles this same file.</summary>
internal sealed class TargetingBenchSettings : CommandSettings
{
    /// <summary>What the command does, as its help and the list of commands show it.</summary>
    public const string Summary = "1,000 profiles over 100,000 generated consignments, with watch-list screening, beside RulesEngine and NRules.";

    [CommandOption("--consignments <N>")]
    [Description("Generated consignments (default 100,000).")]
    public int Consignments { get; init; } = 100_000;

    [CommandOption("--profiles <N>")]
    [Description("Profiles in the mix (default 1,000).")]
    public int Profiles { get; init; } = 1_000;

    [CommandOption("--seed <S>")]
    [Description("Seed of the consignments and of the profile mix (default 1).")]
    public int Seed { get; init; } = 1;

    [CommandOption("--watchlists <DIR>")]
    [Description("Folder of OFAC SDN and UN list files (default: data/watchlists of the repository above the working folder or the tool).")]
    public string? Watchlists { get; init; }

    [CommandOption("--peer-seconds <S>")]
    [Description("How long each peer engine may run; a slow peer runs on the first consignments only (default 10).")]
    public double PeerSeconds { get; init; } = 10;

    [CommandOption("--json <FILE>")]
    [Description("Also write the figures to this file.")]
    public string? Json { get; init; }
}
