using Spectre.Console.Cli;

namespace OpenCts.Cli.Profiles;

/// <summary>Registers the `cts profiles` commands: check, test and backtest risk profiles.</summary>
internal static class ProfilesCommands
{
    public static void AddProfilesCommands(this IConfigurator config)
    {
    }
}
