using Microsoft.Extensions.Time.Testing;
using OpenCts.Application.Assessing;
using OpenCts.Application.Ledger;
using OpenCts.Application.Privacy;
using OpenCts.Ledger.Audit;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Storage;

namespace OpenCts.Application.Tests.Privacy;

/// <summary>Rules applied in order over a real store: a dry run changes nothing, a consignment goes with its assessments, and the ledger audits clean after, naming them purged.</summary>
public sealed class RetentionRunTests
{
    private static readonly DateTimeOffset Then = new(2020, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly NoteSigner Signer = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_dry_run_changes_nothing_and_applying_purges_the_old_consignment_with_its_assessment_and_the_audit_names_them()
    {
        var clock = new FakeTimeProvider(Then);
        await using var test = new TestApplication(clock);
        var old = (await test.Application.Intake.ReceiveAsync(TestApplication.Csv("m-1", "235-00000011"), "old.csv", "x", Token))[0].Stored.Versions[0].DocumentKey;
        await test.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
        clock.Advance(TimeSpan.FromDays(6 * 365));
        var kept = (await test.Application.Intake.ReceiveAsync(TestApplication.Csv("m-2", "235-00000022"), "new.csv", "x", Token))[0].Stored.Versions[0].DocumentKey;
        await test.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
        await CheckpointAsync(test);
        IReadOnlyList<RetentionRule> rules = [RetentionRule.Parse("consignment 5y", "test"), RetentionRule.Parse("assessment 5y", "test")];

        var plan = await test.Application.PersonalData.Retention.PlanAsync(rules, Token);
        Assert.Equal([[old], ["1"]], plan.Select(p => p.Expired.Select(c => c.Key).ToArray()));
        Assert.NotNull(await test.Store.ReadCanonicalAsync("assessment", "1", Token));

        var applied = await test.Application.PersonalData.Retention.ApplyAsync(rules, "dpo", Token);
        await CheckpointAsync(test);

        Assert.Equal([1, 0], applied.Select(r => r.Purged));
        Assert.Empty(applied.SelectMany(r => r.Skipped));
        Assert.Null(await test.Application.Consignments.DetailAsync(old, Token));
        Assert.NotNull(await test.Application.Consignments.DetailAsync(kept, Token));
        var report = new LedgerAuditor(test.Store.DatabasePath, new CheckpointVerifier([Signer.Verifier])).Audit(new StoreRecordSource(test.Store), cancellationToken: Token);
        Assert.True(report.IsClean, string.Join("; ", report.Findings));
        Assert.Equal([("message", "1"), ("assessment", "1")], report.Findings.Where(f => f.Kind == AuditFindingKind.RecordPurged).Select(f => (f.RecordKind, f.RecordId)));
    }

    [Fact]
    public async Task A_purge_removes_the_indicators_checkpoint_so_that_a_restart_learns_only_what_is_left()
    {
        var clock = new FakeTimeProvider(Then);
        await using var test = new TestApplication(clock);
        await test.Application.Intake.ReceiveAsync(TestApplication.Csv("m-1", "235-00000011"), "old.csv", "x", Token);
        await test.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
        clock.Advance(TimeSpan.FromDays(6 * 365));
        await test.Application.Intake.ReceiveAsync(TestApplication.Csv("m-2", "235-00000022"), "new.csv", "x", Token);
        var run = await test.Application.Assessment.AssessPendingAsync(new AssessOptions(Checkpoint: true), null, Token);
        var checkpoint = OpenCts.Application.Commerce.CommerceHost.CheckpointPath(test.Directory);
        var written = File.Exists(checkpoint);

        await CheckpointAsync(test);
        var applied = await test.Application.PersonalData.Retention.ApplyAsync([RetentionRule.Parse("consignment 5y", "test")], "dpo", Token);
        await test.ReopenAsync();
        var indicators = await test.Application.Commerce.CurrentAsync(Token);

        Assert.True(run.Checkpointed && written);
        Assert.Equal(1, applied[0].Purged);
        Assert.False(File.Exists(checkpoint));
        Assert.False(test.Application.Commerce.LastBuild!.FromCheckpoint);
        Assert.Equal(1, indicators.Consignments);
    }

    private static async Task CheckpointAsync(TestApplication test)
    {
        using var log = LedgerLog.Open(test.Store.DatabasePath);
        await log.IntegrateAsync(Token);
        log.SignCheckpoint(Signer);
    }
}
