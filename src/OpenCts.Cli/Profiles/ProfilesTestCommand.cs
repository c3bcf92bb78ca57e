using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using OpenCts.Cli.Common;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Profiles;
using OpenCts.Ingestion.Samples;
using OpenCts.Targeting.Profiles.Compilation;
using OpenCts.Targeting.Profiles.Syntax;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Profiles;

/// <summary><c>cts profiles test FILE --consignments FILE</c>: runs profiles over consignments and shows each hit with its evidence.</summary>
internal sealed class ProfilesTestCommand : Command<ProfilesTestCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("A profile file ({\"profiles\": [[...]]}), its profiles tested whatever their status and validity dates, or a text file holding one criteria expression.")]
        public string File { get; init; } = "";

        [CommandOption("--consignments <FILE>")]
        [Description("A message file in any format the CLI reads (JSON, CSV, CUSCAR).")]
        public string? Consignments { get; init; }

        [CommandOption("--sample <N>")]
        [Description("Instead of a file, generate N sample consignments (with planted risks).")]
        public int? Sample { get; init; }

        [CommandOption("--lists <DIR>")]
        [Description("Folder of reference lists (one .txt per list).")]
        public string? Lists { get; init; }

        [CommandOption("--now <DATE>")]
        [Description("The instant criteria see as now (default: the clock).")]
        public string? Now { get; init; }

        [CommandOption("--show <N>")]
        [Description("How many hits to print with their evidence (default 20).")]
        [DefaultValue(20)]
        public int Show { get; init; } = 20;

        public override ValidationResult Validate()
        {
            if ((Consignments is null) == (Sample is null))
            {
                return ValidationResult.Error("give either --consignments FILE or --sample N");
            }
            return Now is null || TryParseNow(Now, out _) ? ValidationResult.Success() : ValidationResult.Error($"--now: '{Now}' is not a date and time such as 2026-11-28T12:00:00Z");
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (settings.Now is not null)
        {
            TryParseNow(settings.Now, out now);
        }
        IReadOnlyList<RiskProfile> profiles;
        CompiledProfileSet set;
        IReadOnlyList<Consignment> consignments;
        try
        {
            profiles = ProfileSources.Load(settings.File);
            set = new CompiledProfileSet(profiles.Select(ProfileSources.AsTried), ProfileSources.Environment(settings.Lists), new FixedClock(now));
            consignments = settings.Sample is { } count ? new SampleGenerator(1, new SampleOptions(now)).Generate(count) : Read(settings.Consignments!, cancellationToken);
        }
        catch (ProfileException e)
        {
            Output.Error($"{settings.File}: {e.Message}");
            return 1;
        }
        catch (Exception e) when (ProfileSources.IsUnreadable(e))
        {
            Output.Error(e.Message);
            return 2;
        }
        var evaluation = set.NewContext().At(now);
        var hitsByProfile = new Dictionary<string, int>(StringComparer.Ordinal);
        var reasons = new List<Reason>();
        var shown = 0;
        foreach (var consignment in consignments)
        {
            reasons.Clear();
            set.Evaluate(consignment, evaluation, reasons);
            foreach (var reason in reasons)
            {
                hitsByProfile[reason.Code] = hitsByProfile.GetValueOrDefault(reason.Code) + 1;
                if (shown++ < settings.Show)
                {
                    AnsiConsole.MarkupLineInterpolated($"[bold]{consignment.Document.Key}[/] meets [bold]{reason.Code}[/] ({reason.Title})");
                    foreach (var evidence in reason.Evidence)
                    {
                        AnsiConsole.MarkupLineInterpolated($"    {evidence.Field} = {evidence.Value}    [grey]{evidence.Criterion}[/]");
                    }
                }
            }
        }
        var table = new Table().AddColumns("profile", "hits", "share", "status");
        foreach (var profile in profiles)
        {
            var hits = hitsByProfile.GetValueOrDefault(profile.Id);
            table.AddRow(Markup.Escape(profile.Id), $"{hits:N0}", consignments.Count == 0 ? "-" : $"{(double)hits / consignments.Count:P2}", Status(profile.Status));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{consignments.Count:N0} consignments, {hitsByProfile.Values.Sum():N0} hits");
        return 0;
    }

    /// <summary>A status as the profile file writes it: draft, awaitingApproval, active...</summary>
    private static string Status(ProfileStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    private static bool TryParseNow(string text, out DateTimeOffset now) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out now);

    private static IReadOnlyList<Consignment> Read(string path, CancellationToken cancellationToken)
    {
        ProfileSources.RequireFile(path);
        var bytes = File.ReadAllBytes(path);
        var format = Ingestion.Pipeline.MessageFormats.All.Recognise(Path.GetFileName(path), bytes) ?? throw new FormatException($"{path}: not a message format the CLI reads");
        var consignments = new List<Consignment>();
        foreach (var message in format.Parse(Path.GetFileName(path), bytes, DateTimeOffset.UtcNow, cancellationToken))
        {
            foreach (var issue in message.Issues)
            {
                Output.Issue(issue);
            }
            consignments.AddRange(message.Consignments);
        }
        return consignments;
    }

    /// <summary>A clock stopped at the instant the analyst asked for.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
