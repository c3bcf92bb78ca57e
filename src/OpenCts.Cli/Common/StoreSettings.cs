using System.ComponentModel;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Common;

/// <summary>Settings of every command that works on a store folder.</summary>
public class StoreSettings : CommandSettings
{
    [CommandOption("--data <DIR>")]
    [Description("The store folder (default ./cts-data).")]
    [DefaultValue("cts-data")]
    public string DataDirectory { get; init; } = "cts-data";
}
