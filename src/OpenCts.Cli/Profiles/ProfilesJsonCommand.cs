using System.ComponentModel;
using System.Text.Json;
using OpenCts.Cli.Common;
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
        try
        {
            if (settings.FromJson)
            {
                Console.WriteLine(ProfilePrinter.Print(FromJson(settings.File)));
                return 0;
            }
            foreach (var profile in ProfileSources.Load(settings.File))
            {
                ProfileExpr criteria;
                try
                {
                    criteria = ProfileParser.Parse(profile.Criteria);
                }
                catch (ProfileException e)
                {
                    Output.Error($"{settings.File}: profile {profile.Id}: {e.Message}");
                    return 1;
                }
                Console.WriteLine($"// {profile.Id}");
                Console.WriteLine(ProfileJson.ToJson(criteria).ToJsonString(Indented));
            }
            return 0;
        }
        catch (Exception e) when (ProfileSources.IsUnreadable(e))
        {
            Output.Error(e.Message);
            return 2;
        }
    }

    /// <summary>The criteria of a file in the JSON form; an error names the file and the line and column or JSON path.</summary>
    private static ProfileExpr FromJson(string file)
    {
        ProfileSources.RequireFile(file);
        try
        {
            return ProfileJson.FromJson(File.ReadAllText(file));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{file}: {e.Message}", e);
        }
    }
}
