using System.ComponentModel;
using System.Text.Json;
using OpenCts.Targeting.Profiles.Json;
using OpenCts.Targeting.Profiles.Syntax;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Profiles;

/// <summary><c>cts profiles json FILE</c>: the criteria in the JSON query-builder form, or (<c>--from-json</c>) that form as text.</summary>
internal sealed class ProfilesJsonCommand : Command<ProfilesJsonCommand.Settings>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("A profile file, a criteria text file, or (with --from-json) a JSON criteria form.")]
        public string File { get; init; } = "";

        [CommandOption("--from-json")]
        [Description("Read the JSON form and print it as criteria text.")]
        public bool FromJson { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.FromJson)
        {
            Console.WriteLine(ProfilePrinter.Print(ProfileJson.FromJson(File.ReadAllText(settings.File))));
            return 0;
        }
        foreach (var profile in ProfileSources.Load(settings.File))
        {
            Console.WriteLine($"// {profile.Id}");
            Console.WriteLine(ProfileJson.ToJson(ProfileParser.Parse(profile.Criteria)).ToJsonString(Indented));
        }
        return 0;
    }
}
