using System.ComponentModel;
using System.Diagnostics;
using OpenCts.Cli.Common;
using OpenCts.Cli.Ingest;
using OpenCts.Domain.Assessments;
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

        [CommandOption("--quiet")]
        [Description("Do not print the targets afterwards.")]
        public bool Quiet { get; init; }
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
