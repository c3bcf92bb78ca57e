using System.ComponentModel;
using OpenCts.Cli.Common;
using OpenCts.Domain.Profiles;
using OpenCts.Targeting.Profiles.Compilation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Profiles;

/// <summary><c>cts profiles check FILE</c>: every parse and type error of every profile, with its place.</summary>
internal sealed class ProfilesCheckCommand : Command<ProfilesCheckCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("A profile file ({\"profiles\": [[...]]}) or a text file holding one criteria expression.")]
        public string File { get; init; } = "";

        [CommandOption("--lists <DIR>")]
        [Description("Folder of reference lists (one .txt per list) that list(\"name\") must name; without it list names are not checked.")]
        public string? Lists { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ProfileEnvironment environment;
        IReadOnlyList<RiskProfile> profiles;
        try
        {
            environment = ProfileSources.Environment(settings.Lists);
            profiles = ProfileSources.Load(settings.File);
        }
        catch (Exception e) when (ProfileSources.IsUnreadable(e))
        {
            Output.Error(e.Message);
            return 2;
        }
        var failed = 0;
        foreach (var profile in profiles)
        {
            var errors = ProfileCompiler.Check(profile, environment);
            foreach (var error in errors)
            {
                Output.Error($"{settings.File}: profile {profile.Id}: {error}");
            }
            failed += errors.Count > 0 ? 1 : 0;
        }
        if (settings.Lists is null)
        {
            Output.Warning("no --lists folder given: the names in list(\"...\") were not checked");
        }
        AnsiConsole.MarkupLineInterpolated($"{profiles.Count - failed} of {profiles.Count} profiles are sound");
        return failed == 0 ? 0 : 1;
    }
}
