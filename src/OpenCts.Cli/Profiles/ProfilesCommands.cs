using Spectre.Console.Cli;

namespace OpenCts.Cli.Profiles;

/// <summary>Registers the `cts profiles` commands: check, test and backtest risk profiles.</summary>
internal static class ProfilesCommands
{
    public static void AddProfilesCommands(this IConfigurator config)
    {
        config.AddBranch("profiles", profiles =>
        {
            profiles.SetDescription("Check, try and document risk profiles written in the profile language.");
            profiles.AddCommand<ProfilesCheckCommand>("check")
                .WithDescription("Parse and type-check a profile file (or a criteria text file); exit 1 with each error's place, 2 if the file cannot be read.")
                .WithExample("profiles", "check", "samples/profiles/national-profiles.json", "--lists", "samples/reference-lists");
            profiles.AddCommand<ProfilesTestCommand>("test")
                .WithDescription("Run profiles, drafts included, over a file of consignments (or generated ones) and show each hit with its evidence.")
                .WithExample("profiles", "test", "samples/profiles/national-profiles.json", "--consignments", "samples/messages/wco-cargo-report-import.json", "--lists", "samples/reference-lists");
            profiles.AddCommand<ProfilesFieldsCommand>("fields")
                .WithDescription("List every field the profile language can read, with its type and meaning.");
            profiles.AddCommand<Targeting.BacktestCommand>("backtest")
                .WithDescription("Run draft profiles over the stored history: how many they would hit, when, and their hit rate on examined consignments, beside the active set.")
                .WithExample("profiles", "backtest", "samples/profiles/national-profiles.json");
            profiles.AddCommand<ProfilesJsonCommand>("json")
                .WithDescription("Write the criteria of a profile file (or a criteria text) in the JSON query-builder form, or read that form back (--from-json).");
        });
    }

    /// <summary>Registers `cts bench targeting`, which runs the bench tool: the peer engines it measures beside stay out of the product.</summary>
    public static void AddProfilesBenchmarks(this IConfigurator<CommandSettings> bench)
    {
        bench.AddCommand<Common.BenchToolCommand<TargetingBenchSettings>>("targeting").WithDescription(TargetingBenchSettings.Summary);
    }
}
