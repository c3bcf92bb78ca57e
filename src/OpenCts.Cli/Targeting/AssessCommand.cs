using System.ComponentModel;
using System.Diagnostics;
using OpenCts.Cli.Common;
using OpenCts.Cli.Ingest;
using OpenCts.Domain.Assessments;
using OpenCts.RiskModel.Selection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Targeting;

/// <summary><c>cts assess [PATHS]</c>: loads what is given, assesses every consignment not yet assessed, and shows the targets.</summary>
internal sealed class AssessCommand : Command<AssessCommand.Settings>
{
    public sealed class Settings : TargetsCommand.Settings
    {
        [CommandArgument(0, "[PATHS]")]
        [Description("Bundle folders (like samples/) or message files to load first.")]
        public string[] Paths { get; init; } = [];

        [CommandOption("--all")]
        [Description("Assess every current consignment again, not only those not yet assessed (after profiles change).")]
        public bool All { get; init; }

        [CommandOption("--inspect <SHARE>")]
        [Description("Share of the batch the risk model sends to examination, top by its score (default 0.05; 0 turns it off). Only with a trained model.")]
        [DefaultValue(0.05)]
        public double Inspect { get; init; } = 0.05;

        [CommandOption("--explore <SHARE>")]
        [Description("Share of those examinations given to exploration instead of the top (default 0.1).")]
        [DefaultValue(0.1)]
        public double Explore { get; init; } = 0.1;

        [CommandOption("--explore-mode <MODE>")]
        [Description("How exploration picks: random (seeded) or uncertain (probability nearest one half). Default random.")]
        [DefaultValue("random")]
        public string ExploreMode { get; init; } = "random";

        [CommandOption("--quiet")]
        [Description("Do not print the targets afterwards.")]
        public bool Quiet { get; init; }

        public override ValidationResult Validate()
        {
            if (Inspect is < 0 or > 1 || double.IsNaN(Inspect))
            {
                return ValidationResult.Error($"--inspect {Inspect} is not a share between 0 and 1");
            }
            if (Explore is < 0 or > 1 || double.IsNaN(Explore))
            {
                return ValidationResult.Error($"--explore {Explore} is not a share between 0 and 1");
            }
            if (ExploreMode is not ("random" or "uncertain"))
            {
                return ValidationResult.Error($"--explore-mode '{ExploreMode}' is not one of random, uncertain");
            }
            return base.Validate();
        }

        public InspectionSelector Selector(int seed) =>
            new(Inspect, Explore, ExploreMode == "uncertain" ? ExplorationMode.MostUncertain : ExplorationMode.Random, seed);
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = Workspace.OpenStore(settings);
        var rejected = 0;
        if (settings.Paths.Length > 0)
        {
            MessageIngestion ingestion;
            try
            {
                ingestion = BundleLoader.Load(store, settings.Paths, cancellationToken);
            }
            catch (Exception e) when (e is FormatException or OpenCts.Screening.Watchlists.WatchlistFormatException or IOException)
            {
                Output.Error(e.Message);
                return 2;
            }
            ingestion.Print();
            rejected = ingestion.Rejected;
        }
        var pending = settings.All ? store.Messages.Current() : store.Messages.PendingAssessment();
        var engine = Workspace.BuildEngine(store);
        var exports = store.ExportRecords.Latest();
        var stopwatch = Stopwatch.StartNew();
        var assessments = Output.WithProgress("Assessing", pending.Count, advance =>
        {
            var results = new List<Assessment>(pending.Count);
            foreach (var stored in pending)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var consignment = exports.TryGetValue(stored.DocumentKey, out var export) ? stored.Consignment with { Export = export } : stored.Consignment;
                results.Add(engine.Assessor.Assess(consignment));
                advance(1);
            }
            return results;
        });
        if (engine.ModelVersion is not null && settings.Inspect > 0)
        {
            assessments = [.. BatchSelection.Apply(assessments, settings.Selector(engine.Assessor.Settings.RandomSeed), Workspace.ModelWeight)];
        }
        var assessing = stopwatch.Elapsed;
        store.Assessments.Save(assessments);
        if (!settings.Json)
        {
            var perSecond = assessments.Count / Math.Max(assessing.TotalSeconds, 1e-6);
            AnsiConsole.MarkupLineInterpolated($"Assessed [bold]{assessments.Count}[/] consignments in {assessing.TotalMilliseconds:0} ms ({perSecond:N0} per second) with {engine.ProfileCount} profiles and {engine.WatchlistEntries} watch-list entries.");
        }
        if (!settings.Quiet)
        {
            TargetsCommand.Show(store, settings);
        }
        return rejected > 0 ? 1 : 0;
    }
}
