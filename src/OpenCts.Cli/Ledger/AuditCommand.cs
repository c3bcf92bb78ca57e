using System.Globalization;
using OpenCts.Cli.Common;
using OpenCts.Ledger.Audit;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Application.Ledger;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Ledger;

/// <summary><c>cts ledger audit</c>: recomputes leaves from the stored records and the tree from the leaves, and names every altered or deleted record.</summary>
internal sealed class AuditCommand : AsyncCommand<SharedStoreSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SharedStoreSettings settings, CancellationToken cancellationToken)
    {
        var report = settings.IsPostgres
            ? (await PostgresLedger.AuditAsync(settings, (auditor, records, total) => Run(auditor, records, total, cancellationToken), cancellationToken)).Report
            : AuditFolder(settings, cancellationToken);
        return Print(report);
    }

    private static AuditReport AuditFolder(SharedStoreSettings settings, CancellationToken cancellationToken)
    {
        Workspace.RequireStore(settings);
        var database = LedgerFiles.Database(settings);
        var keys = LedgerFiles.Keys(settings).Verifiers();
        var verifier = keys.Count > 0 ? new CheckpointVerifier(keys) : null;
        using var store = Workspace.OpenExistingStore(settings);
        var auditor = new LedgerAuditor(database, verifier);
        var records = new StoreRecordSource(store);
        long total;
        using (var reader = OpenCts.Ledger.Storage.LedgerReader.Open(database))
        {
            total = reader.Tree().Size;
        }
        return Run(auditor, records, total, cancellationToken);
    }

    private static AuditReport Run(LedgerAuditor auditor, StoreRecordSource records, long total, CancellationToken cancellationToken) =>
        Output.WithProgress("auditing leaves", (int)Math.Min(total, int.MaxValue), step =>
        {
            long seen = 0;
            return auditor.Audit(records, new Progress(n =>
            {
                step((int)(n - seen));
                seen = n;
            }), cancellationToken);
        });

    private static int Print(AuditReport report)
    {
        var summary = new Table().AddColumns("checkpoint", "tree size", "leaves checked", "tree = checkpoint", "stored hashes = checkpoint");
        summary.AddRow(
            report.Checkpoint is { } c ? Markup.Escape($"{c.Checkpoint.Origin} @ {c.Checkpoint.Size}") : "[red]none[/]",
            report.TreeSize.ToString("N0", CultureInfo.InvariantCulture),
            report.LeavesChecked.ToString("N0", CultureInfo.InvariantCulture),
            report.TreeMatchesCheckpoint ? "[green]yes[/]" : "[red]NO[/]",
            report.StoredNodesMatchCheckpoint ? "[green]yes[/]" : "[red]NO[/]");
        AnsiConsole.Write(summary);
        if (report.CheckpointProblem is not null)
        {
            Output.Error("checkpoint: " + report.CheckpointProblem);
        }
        var problems = report.Findings.Where(f => f.IsProblem).ToList();
        if (problems.Count > 0)
        {
            var table = new Table().AddColumns("leaf", "record", "finding", "detail");
            foreach (var finding in problems.Take(1000))
            {
                table.AddRow(
                    finding.LeafIndex.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape($"{finding.RecordKind}:{finding.RecordId}"),
                    $"[red]{finding.Kind}[/]",
                    Markup.Escape(finding.Detail));
            }
            AnsiConsole.Write(table);
            if (problems.Count > 1000)
            {
                AnsiConsole.MarkupLineInterpolated($"... and {problems.Count - 1000} more");
            }
        }
        // Purged records are named one by one: a purge is a promise kept, and whoever audits should see which.
        var purged = report.Findings.Where(f => f.Kind == AuditFindingKind.RecordPurged).ToList();
        foreach (var finding in purged.Take(1000))
        {
            AnsiConsole.MarkupLineInterpolated($"[blue]purged[/] {finding.RecordKind}:{finding.RecordId} (leaf {finding.LeafIndex}): {finding.Detail}");
        }
        if (purged.Count > 1000)
        {
            AnsiConsole.MarkupLineInterpolated($"... and {purged.Count - 1000} more purged");
        }
        foreach (var group in report.Findings.Where(f => !f.IsProblem).GroupBy(f => (f.Kind, f.RecordKind)))
        {
            AnsiConsole.MarkupLineInterpolated($"{group.Count()} {group.Key.RecordKind} record(s): {group.Key.Kind}");
        }
        AnsiConsole.MarkupLine(report.IsClean ? "[green]audit clean[/]" : "[red]audit found problems[/]");
        return report.IsClean ? 0 : 1;
    }

    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
