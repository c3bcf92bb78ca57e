using OpenCts.Domain.Assessments;
using OpenCts.Domain.Decisions;
using OpenCts.Domain.Examinations;
using OpenCts.Domain.Profiles;
using OpenCts.Domain.Traders;
using OpenCts.Domain.Watchlists;
using OpenCts.Storage.Audit;
using OpenCts.Storage.Offices;
using OpenCts.Storage.Referrals;
using OpenCts.Storage.Subscriptions;
using OpenCts.Storage.Users;
using OpenCts.Storage.Watchlists;

namespace OpenCts.Storage.Tests.Records;

/// <summary>One record of every kind a store journals, written in a fixed order, so two stores given the same clock hold the same records.</summary>
internal static class SampleRecords
{
    public static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public const string Key = "OceanBillOfLading:MAEU123456789";

    public static RiskProfile Profile(double weight = 40) =>
        new("P-COCAINE-01", "Cocaine from the Andes", ThreatCategory.Narcotics, "origin in list(\"high-risk-origins\")", weight, ProfileAction.RedLane, "targeting.team");

    public static Assessment Assessment(int version = 1, Lane lane = Lane.Red, double score = 72.5) =>
        new(Key, version, score, lane, [new Reason(ReasonKind.Profile, "P-COCAINE-01", "Cocaine from the Andes", score, "narcotics", Version: 1, Action: ProfileAction.RedLane, Category: ThreatCategory.Narcotics)], At);

    /// <summary>Writes one record of every kind, in the same order on every backend.</summary>
    public static async Task WriteEveryKindAsync(ICtsStore store, CancellationToken cancellationToken)
    {
        await store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", cancellationToken);
        await store.Assessments.SaveAsync([Assessment()], cancellationToken);
        await store.Profiles.SaveAsync(Profile(), cancellationToken);
        await store.Watchlists.ReplaceAsync([new LoadedList("own", "own.csv", [new WatchlistEntry("own", "1", SubjectKind.Organisation, "ALPHA TRADING")])], cancellationToken);
        await store.Watchlists.SetReferenceListAsync("high-risk-origins", ["CO", "EC"], "origins.txt", cancellationToken);
        await store.Watchlists.ReplaceTrustedTradersAsync([new TrustedTrader("EORI", "NL123456789", "Delta Foods B.V.", "AEO-F", At.AddYears(-1), null)], "aeo.csv", cancellationToken);
        await store.Watchlists.AllowAsync(new AllowListEntry("BANCO NACIONAL S.A.", "ofac-sdn", "306", "supervisor.ana", "different bank", At), cancellationToken);
        await store.Watchlists.DisallowAsync("BANCO NACIONAL S.A.", "ofac-sdn", "306", "supervisor.bo", "listed after all", cancellationToken);
        await store.Examinations.RecordAsync(
        [
            new ExaminationResult(Key, ExaminationOutcome.Irregular, 1250.75m, At, "false bottom"),
            new ExaminationResult(Key, ExaminationOutcome.Irregular, 0.1m, At, null, ExaminationFindings.Seizure, "EUR", 12.5m),
        ], cancellationToken);
        await store.Decisions.RecordAsync(new Decision(Key, "examine", "physical", null, "targeter.tom", At), cancellationToken);
        await store.Users.SaveAsync(new UserAccount("Ana", "supervisor", false, "pbkdf2$hash", null, null, "admin", At), cancellationToken);
        await store.Users.SaveAsync(new UserAccount("scanner", "submitter", false, null, "key-1", "sha256$hash", "admin", At), cancellationToken);
        await store.AuditLog.AppendAsync(new AuditEntry("ana", "POST /api/v1/consignments/{document}/decisions", Key, "201", At), cancellationToken);
        await WriteFilingKindsAsync(store, cancellationToken);
    }

    /// <summary>One record of each kind of #11 (referrals, callbacks, webhooks, offices, assignments, subscriptions), after a stored message.</summary>
    public static async Task WriteFilingKindsAsync(ICtsStore store, CancellationToken cancellationToken)
    {
        var referral = await store.Referrals.RecordAsync(
            new Decision(Key, DecisionActions.RequestInformation, null, "send the packing list", "targeter.tom", At.ToOffset(TimeSpan.FromHours(2))), "MAEU",
            r => System.Text.Encoding.UTF8.GetBytes($"{{\"referral\": {r.Id}}}"), cancellationToken);
        await store.Referrals.AnswerAsync(referral.Id, 1, At.AddHours(1), cancellationToken);
        await store.Webhooks.SaveCallbackAsync("MAEU", "https://maeu.example/hooks", "s3cret", "admin", At, cancellationToken);
        var delivery = Assert.Single(await store.Webhooks.DueAsync(At.AddDays(1), 10, cancellationToken));
        await store.Webhooks.RecordAttemptAsync(delivery.Id, DeliveryStatus.Delivered, null, null, At.AddMinutes(1), cancellationToken);
        await store.Offices.SaveAsync(new OfficeSettings("NLRTM", 40, 0.1, 0.25, 1.0 / 3, "supervisor.ana", At), cancellationToken);
        await store.Assignments.AssignAsync(Key, "examiner.eve", "physical", "supervisor.ana", At, cancellationToken);
        var subscription = await store.Subscriptions.AddAsync(new Subscription(0, "ana", null, "narcotics", null, "P-COCAINE-01", "ana", At), cancellationToken);
        await store.Subscriptions.RemoveAsync(subscription.Id, "ana", At.AddDays(2), cancellationToken);
    }
}
