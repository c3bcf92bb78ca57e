using Microsoft.Extensions.Time.Testing;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Decisions;
using OpenCts.Ledger.Audit;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Storage;
using OpenCts.Storage.Audit;
using OpenCts.Storage.Postgres;
using OpenCts.Storage.Retention;
using OpenCts.Storage.Sqlite;
using OpenCts.Storage.Tests.Records;

namespace OpenCts.Storage.Tests.Privacy;

/// <summary>Records past their retention period are purged with their leaves' salts; the ledger still audits clean and names them purged, while a deletion behind the store's back stays a deletion.</summary>
public class RetentionPurgeTests
{
    private static readonly NoteSigner Signer = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);
    private static readonly DateTimeOffset Then = new(2025, 1, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Then.AddDays(400);
    private const string OldKey = "OceanBillOfLading:MAEU123456789";
    private const string NewKey = "OceanBillOfLading:MAEU987654321";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task Records_past_their_period_are_purged_and_the_audit_passes_naming_them_purged(string backend)
    {
        var clock = new FakeTimeProvider(Then);
        await using var test = await TestStore.CreateAsync(backend, clock: clock);
        await WriteOldAndNewAsync(test.Store, clock);
        await test.CheckpointAsync(Signer, Token);
        var cutoff = Now.AddDays(-365);

        var consignments = await test.Store.Retention.ExpiredAsync(RetentionKinds.Consignment, cutoff, Token);
        var audits = await test.Store.Retention.ExpiredAsync(RetentionKinds.Audit, cutoff, Token);
        Assert.Equal([OldKey], consignments.Select(c => c.Key));
        Assert.Equal(["1"], audits.Select(c => c.Key));
        var purged = new List<PurgeTombstone>();
        foreach (var candidate in consignments.Concat(audits))
        {
            var outcome = await test.Store.Retention.PurgeAsync(candidate, $"{candidate.Kind} 365d", "retention", Token);
            Assert.Null(outcome.Skipped);
            purged.AddRange(outcome.Tombstones);
        }
        await test.CheckpointAsync(Signer, Token);

        Assert.Equal(
            [("assessment", "1"), ("consignment", OldKey), ("message", "1"), ("audit", "1")],
            purged.Select(t => (t.RecordKind, t.RecordId)));
        Assert.Null(await test.Store.ReadCanonicalAsync(RecordKinds.Message, "1", Token));
        Assert.Equal([NewKey], (await test.Store.ConsignmentIndex.CurrentOfAsync([OldKey, NewKey], Token)).Select(c => c.DocumentKey));
        var report = Audit(test);
        Assert.True(report.IsClean, string.Join("; ", report.Findings));
        Assert.Equal(
            [("message", "1"), ("assessment", "1"), ("audit", "1")],
            report.Findings.Where(f => f.Kind == AuditFindingKind.RecordPurged).Select(f => (f.RecordKind, f.RecordId)));
        Assert.Contains("audit 365d", report.Findings.Single(f => f.RecordKind == "audit").Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_record_deleted_with_raw_SQL_is_reported_deleted_not_purged(string backend)
    {
        var clock = new FakeTimeProvider(Then);
        await using var test = await TestStore.CreateAsync(backend, clock: clock);
        await WriteOldAndNewAsync(test.Store, clock);
        await test.CheckpointAsync(Signer, Token);
        var old = Assert.Single(await test.Store.Retention.ExpiredAsync(RetentionKinds.Audit, Now.AddDays(-365), Token));
        await test.Store.Retention.PurgeAsync(old, "audit 365d", "retention", Token);
        await test.CheckpointAsync(Signer, Token);

        await test.ExecuteBehindTheStoreAsync("DELETE FROM audit_log WHERE id = 2");
        // Erasing a salt by hand, as a purge would, does not pass for a purge without a tombstone in the tree.
        await test.ExecuteBehindTheStoreAsync("DELETE FROM decisions WHERE id = 1");
        await test.ExecuteBehindTheStoreAsync("UPDATE ledger_leaves SET salt = NULL, erased_at = '2026-01-01T00:00:00.0000000+00:00' WHERE record_kind = 'decision' AND record_id = '1'");

        var report = Audit(test);
        Assert.False(report.IsClean);
        Assert.Equal(
            [(AuditFindingKind.RecordDeleted, "decision", "1"), (AuditFindingKind.RecordDeleted, "audit", "2")],
            report.Findings.Where(f => f.IsProblem).Select(f => (f.Kind, f.RecordKind, f.RecordId)));
        Assert.Equal([("audit", "1")], report.Findings.Where(f => f.Kind == AuditFindingKind.RecordPurged).Select(f => (f.RecordKind, f.RecordId)));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_forged_tombstone_that_is_not_in_the_tree_does_not_pass_for_a_purge(string backend)
    {
        var clock = new FakeTimeProvider(Then);
        await using var test = await TestStore.CreateAsync(backend, clock: clock);
        await WriteOldAndNewAsync(test.Store, clock);
        await test.CheckpointAsync(Signer, Token);

        await test.ExecuteBehindTheStoreAsync("DELETE FROM audit_log WHERE id = 1");
        await test.ExecuteBehindTheStoreAsync("UPDATE ledger_leaves SET salt = NULL, erased_at = 'x' WHERE record_kind = 'audit' AND record_id = '1'");
        await test.ExecuteBehindTheStoreAsync("INSERT INTO purge_tombstones (record_kind, record_id, rule, purged_by, purged_at) VALUES ('audit', '1', 'audit 1d', 'mallory', '2026-01-01T00:00:00.0000000+00:00')");

        var report = Audit(test);
        var finding = Assert.Single(report.Findings, f => f.IsProblem);
        Assert.Equal((AuditFindingKind.RecordDeleted, "audit", "1"), (finding.Kind, finding.RecordKind, finding.RecordId));
        Assert.Contains("not a leaf of the tree", finding.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_record_whose_leaf_is_still_pending_is_kept_and_says_why(string backend)
    {
        var clock = new FakeTimeProvider(Then);
        await using var test = await TestStore.CreateAsync(backend, clock: clock);
        await WriteOldAndNewAsync(test.Store, clock);

        var old = Assert.Single(await test.Store.Retention.ExpiredAsync(RetentionKinds.Audit, Now.AddDays(-365), Token));
        var outcome = await test.Store.Retention.PurgeAsync(old, "audit 365d", "retention", Token);

        Assert.Empty(outcome.Tombstones);
        Assert.Contains("not yet sequenced", outcome.Skipped, StringComparison.Ordinal);
        Assert.NotNull(await test.Store.ReadCanonicalAsync(RecordKinds.Audit, "1", Token));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task The_proof_bundle_of_a_kept_record_still_verifies_after_a_purge_and_a_purged_one_cannot_be_proved(string backend)
    {
        var clock = new FakeTimeProvider(Then);
        await using var test = await TestStore.CreateAsync(backend, clock: clock);
        await WriteOldAndNewAsync(test.Store, clock);
        await test.CheckpointAsync(Signer, Token);
        var old = Assert.Single(await test.Store.Retention.ExpiredAsync(RetentionKinds.Audit, Now.AddDays(-365), Token));
        await test.Store.Retention.PurgeAsync(old, "audit 365d", "retention", Token);
        await test.CheckpointAsync(Signer, Token);

        var kept = await test.Store.ReadCanonicalAsync(RecordKinds.Audit, "2", Token);
        var bundle = Prove(test, "audit", "2");
        var verification = new OpenCts.Ledger.Proofs.ProofBundleVerifier(new CheckpointVerifier([Signer.Verifier])).Verify(bundle, kept!);

        Assert.True(verification.IsValid, verification.Failure);
        Assert.Equal(LedgerEntry.SaltSize, bundle.Salt.Length);
        var refused = Assert.Throws<InvalidOperationException>(() => Prove(test, "audit", "1"));
        Assert.Contains("erased", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task Referrals_webhook_deliveries_and_assignments_past_their_period_are_purged_and_the_audit_names_them_purged(string backend)
    {
        var clock = new FakeTimeProvider(Then);
        await using var test = await TestStore.CreateAsync(backend, clock: clock);
        var message = await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Token);
        static byte[] Body(OpenCts.Storage.Referrals.Referral r) => System.Text.Encoding.UTF8.GetBytes($"{{\"referral\":{r.Id}}}");
        var answered = await test.Store.Referrals.RecordAsync(new Decision(OldKey, DecisionActions.RequestInformation, null, "invoice please", "targeter.tom", Then), "filer", Body, Token);
        var waiting = await test.Store.Referrals.RecordAsync(new Decision(OldKey, DecisionActions.DoNotLoad, null, "do not load", "targeter.tom", Then), "filer", Body, Token);
        Assert.True(await test.Store.Referrals.AnswerAsync(answered.Id, message.RawMessageId, Then.AddHours(2), Token));
        var deliveries = await test.Store.Webhooks.DueAsync(Then.AddDays(1), 10, Token);
        Assert.Equal(2, deliveries.Count);
        // The first referral's webhook was delivered; the second's is still being tried.
        await test.Store.Webhooks.RecordAttemptAsync(deliveries.Single(d => d.ReferralId == answered.Id).Id, "delivered", null, null, Then.AddMinutes(1), Token);
        var oldAssignment = await test.Store.Assignments.AssignAsync(OldKey, "eve", "physical", "targeter.tom", Then, Token);
        clock.SetUtcNow(Now);
        var newAssignment = await test.Store.Assignments.AssignAsync(OldKey, "eve", "scan", "targeter.tom", Now, Token);
        await test.CheckpointAsync(Signer, Token);
        var cutoff = Now.AddDays(-365);

        var outcomes = new List<PurgeOutcome>();
        foreach (var kind in new[] { RetentionKinds.Referral, RetentionKinds.WebhookDelivery, RetentionKinds.Assignment, RetentionKinds.Decision })
        {
            foreach (var candidate in await test.Store.Retention.ExpiredAsync(kind, cutoff, Token))
            {
                outcomes.Add(await test.Store.Retention.PurgeAsync(candidate, $"{kind} 365d", "retention", Token));
            }
        }
        await test.CheckpointAsync(Signer, Token);

        var deliveredId = deliveries.Single(d => d.ReferralId == answered.Id).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pendingId = deliveries.Single(d => d.ReferralId == waiting.Id).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [
                ("referral", Id(answered.Id), (string?)null),
                ("referral", Id(waiting.Id), $"referral:{Id(waiting.Id)} still has a webhook delivery pending: it is purged once the delivery is delivered or given up"),
                ("webhook-delivery", pendingId, $"webhook-delivery:{pendingId} is still pending: it is purged once delivered or given up"),
                ("assignment", Id(oldAssignment.Id), null),
                ("decision", Id(answered.DecisionId), null),
                ("decision", Id(waiting.DecisionId), $"decision:{Id(waiting.DecisionId)} is still named by a referral to the filer"),
            ],
            outcomes.Select(o => (o.Candidate.Kind, o.Candidate.Key, o.Skipped)));
        Assert.Equal(
            [("referral-answer", "1"), ("webhook-delivery", deliveredId), ("referral", Id(answered.Id))],
            outcomes[0].Tombstones.Select(t => (t.RecordKind, t.RecordId)));
        Assert.Equal([waiting.Id], (await test.Store.Referrals.OfDocumentsAsync([OldKey], Token)).Select(r => r.Id));
        Assert.Equal([newAssignment.Id], (await test.Store.Assignments.OfExaminerAsync("eve", openOnly: false, Token)).Select(a => a.Id));
        Assert.NotNull(await test.Store.Messages.FindAsync(message.RawMessageId, Token));
        var report = Audit(test);
        Assert.True(report.IsClean, string.Join("; ", report.Findings));
        Assert.Equal(
            new[] { ("referral-answer", "1"), ("webhook-delivery", deliveredId), ("referral", Id(answered.Id)), ("assignment", Id(oldAssignment.Id)), ("decision", Id(answered.DecisionId)) }.Order(),
            report.Findings.Where(f => f.Kind == AuditFindingKind.RecordPurged).Select(f => (f.RecordKind, f.RecordId)).Order());
    }

    // One consignment and one audit entry from 400 days ago, one of each from today.
    private static async Task WriteOldAndNewAsync(ICtsStore store, FakeTimeProvider clock)
    {
        await store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Token);
        await store.Assessments.SaveAsync([new Assessment(OldKey, 1, 10, Lane.Green, [], Then)], Token);
        await store.Decisions.RecordAsync(new Decision(OldKey, "release", null, "nothing found", "targeter.tom", Then), Token);
        await store.AuditLog.AppendAsync(new AuditEntry("ana", "GET /api/v1/consignments/{document}", "document=" + OldKey, "200", Then), Token);
        clock.SetUtcNow(Now);
        await store.Messages.StoreAsync(SampleConsignment.Message("M-2", SampleConsignment.Of(number: "MAEU987654321")), "b.json", Token);
        await store.AuditLog.AppendAsync(new AuditEntry("ana", "GET /api/v1/consignments/{document}", "document=" + NewKey, "200", Now), Token);
    }

    private static AuditReport Audit(TestStore test)
    {
        var verifier = new CheckpointVerifier([Signer.Verifier]);
        var auditor = test.Store switch
        {
            SqliteStore sqlite => new LedgerAuditor(sqlite.DatabasePath, verifier),
            PostgresStore postgres => new LedgerAuditor(postgres.OpenLedgerReader, verifier),
            _ => throw new InvalidOperationException(test.Store.GetType().Name),
        };
        return auditor.Audit(new RecordsAndTombstones(test.Store), cancellationToken: Token);
    }

    private static OpenCts.Ledger.Proofs.ProofBundle Prove(TestStore test, string kind, string id)
    {
        switch (test.Store)
        {
            case SqliteStore sqlite:
                using (var reader = LedgerReader.Open(sqlite.DatabasePath))
                {
                    return reader.Prove(kind, id);
                }
            case PostgresStore postgres:
                return postgres.OpenLedgerReader().Prove(kind, id);
            default:
                throw new InvalidOperationException(test.Store.GetType().Name);
        }
    }

    /// <summary>The records and tombstones as the store reads them back, as the application's StoreRecordSource gives them to <c>cts ledger audit</c>.</summary>
    private sealed class RecordsAndTombstones(ICtsStore store) : IRecordSource, IPurgeRegister
    {
        public byte[]? Read(string recordKind, string recordId)
        {
            try
            {
                return store.ReadCanonicalAsync(recordKind, recordId, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (ArgumentException)
            {
                throw new UnreadableRecordKindException(recordKind);
            }
        }

        public PurgeNotice? PurgeOf(string recordKind, string recordId) =>
            store.Retention.TombstoneOfAsync(recordKind, recordId, CancellationToken.None).GetAwaiter().GetResult() is { } t
                ? new PurgeNotice(RecordKinds.Purge, t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Rule, t.PurgedAt)
                : null;
    }
}
