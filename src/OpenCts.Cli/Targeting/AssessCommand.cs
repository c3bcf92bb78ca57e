using System.ComponentModel;
using OpenCts.Cli.Common;
using OpenCts.Application;
using OpenCts.Application.Assessing;
using OpenCts.Cli.Ingest;
using OpenCts.RiskModel.Selection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Targeting;

/// <summary><c>cts assess [PATHS]</c>: loads what is given, assesses every consignment not yet assessed, and shows the targets.</summary>
internal sealed class AssessCommand : AsyncCommand<AssessCommand.Settings>
{
    public sealed class Settings : TargetsCommand.Settings
    {
        [CommandArgument(0, "[PATHS]")]
        [Description("Bundle folders (like samples/) or message files to load first.")]
        public string[] Paths { get; init; } = [];

        [CommandOption("--all")]
        [Description("Assess every current consignment again, not only those not yet assessed (after profiles change); saves only the assessments that changed.")]
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

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = Workspace.OpenStore(settings);
        var application = Workspace.Application(store);
        var rejected = 0;
        if (settings.Paths.Length > 0)
        {
            var files = BundleLoading.MessageFiles(settings.Paths);
            var bundle = await Output.WithProgressAsync("Loading", files.Count, progress => application.Bundles.LoadAsync(settings.Paths, progress, cancellationToken));
            if (bundle.Profiles > 0)
            {
                AnsiConsole.MarkupLineInterpolated($"Loaded {bundle.Profiles} risk profiles.");
            }
            foreach (var issue in bundle.Messages.Issues)
            {
                Output.Issue(issue);
            }
            IngestCommand.Print(bundle.Messages);
            Commerce.PlatformOrdersCommand.Print(bundle.PlatformOrders);
            rejected = bundle.Messages.Rejected;
        }
        // The bar's end is every consignment: those pending are at most that many.
        var consignments = (int)(await store.Messages.CountsAsync(cancellationToken)).Consignments;
        var options = new AssessOptions(settings.All, settings.Inspect > 0 ? settings.Selector(application.Engines.Settings.RandomSeed) : null, KeepResults: false, Checkpoint: true, Bulk: true);
        var run = await Output.WithProgressAsync("Assessing", consignments, progress => application.Assessment.AssessPendingAsync(options, progress, cancellationToken));
        if (!settings.Json)
        {
            var perSecond = run.Count / Math.Max(run.Elapsed.TotalSeconds, 1e-6);
            AnsiConsole.MarkupLineInterpolated($"Assessed [bold]{run.Count}[/] consignments in {run.Elapsed.TotalMilliseconds:0} ms ({perSecond:N0} per second) with {run.Engine.ProfileCount} profiles and {run.Engine.WatchlistEntries} watch-list entries.");
            if (settings.All)
            {
                AnsiConsole.MarkupLineInterpolated($"[bold]{run.Saved}[/] assessments changed and were saved; the other {run.Count - run.Saved} stand as they were.");
            }
            if (application.Commerce.LastBuild is { } build)
            {
                AnsiConsole.MarkupLineInterpolated($"[dim]E-commerce indicators: {(build.FromCheckpoint ? $"loaded the {build.Reason}, then learned {build.Learned:N0} consignment versions assessed since" : $"replayed {build.Learned:N0} assessed consignment versions ({build.Reason})")}{(run.Checkpointed ? "; checkpoint written" : "")}.[/]");
            }
        }
        if (!settings.Quiet)
        {
            await TargetsCommand.Show(store, settings, cancellationToken);
        }
        return rejected > 0 ? 1 : 0;
    }
}
