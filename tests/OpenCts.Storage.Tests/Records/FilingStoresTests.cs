using System.Globalization;
using System.Text;
using Npgsql;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Decisions;
using OpenCts.Domain.Examinations;
using OpenCts.Storage.Offices;
using OpenCts.Storage.Postgres;
using OpenCts.Storage.Referrals;
using OpenCts.Storage.Subscriptions;

namespace OpenCts.Storage.Tests.Records;

/// <summary>The stores of #11 (referrals, webhooks, offices, assignments, subscriptions, the consignment index), the same on every backend.</summary>
public class FilingStoresTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task AReferralIsRecordedWithItsDecisionAndWebhookAndIsAnsweredOnce(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var stored = await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Token);
        var decision = new Decision(SampleRecords.Key, DecisionActions.DoNotLoad, null, "hold at origin", "targeter.tom", SampleRecords.At);

        var referral = await test.Store.Referrals.RecordAsync(decision, "MAEU", r => Encoding.UTF8.GetBytes($"referral {r.Id}"), Token);
        var withoutWebhook = await test.Store.Referrals.RecordAsync(decision with { Action = DecisionActions.AssessmentComplete, Comment = null }, "MAEU", null, Token);

        Assert.Equal([decision, decision with { Action = DecisionActions.AssessmentComplete, Comment = null }], await test.Store.Decisions.OfAsync(SampleRecords.Key, Token));
        Assert.True(await test.Store.Referrals.AnswerAsync(referral.Id, stored.RawMessageId, SampleRecords.At.AddHours(1), Token));
        Assert.False(await test.Store.Referrals.AnswerAsync(referral.Id, stored.RawMessageId, SampleRecords.At.AddHours(2), Token));

        var store = await test.ReopenAsync();
        var referrals = await store.Referrals.OfDocumentsAsync([SampleRecords.Key, SampleRecords.Key, "OceanBillOfLading:NONE"], Token);
        Assert.Equal(
            [referral with { AnsweredAt = SampleRecords.At.AddHours(1), AnsweredBy = stored.RawMessageId }, withoutWebhook],
            referrals);
        Assert.Equal(["answered", "open"], referrals.Select(r => r.Status));
        var delivery = Assert.Single(await store.Webhooks.DeliveriesOfAsync("maeu", 10, Token));
        Assert.Equal((referral.Id, "MAEU", $"referral {referral.Id}", 0, DeliveryStatus.Pending), (delivery.ReferralId, delivery.Owner, Encoding.UTF8.GetString(delivery.Body), delivery.Attempts, delivery.Status));
        Assert.Equal(
            ["decision", "referral", "decision", "referral", "referral-answer"],
            test.Journal.Records.Where(r => r.Kind != "message").Select(r => r.Kind));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task TheReferralsOfSeveralDocumentsAreFoundAtOnceInTheOrderTheyWereMadeAndNoneOfOtherDocuments(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        string[] numbers = ["MAEU100000001", "MAEU100000002", "MAEU100000003"];
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", [.. numbers.Select(n => SampleConsignment.Of(n))]), "a.json", Token);
        Decision Asked(string number, string comment) =>
            new($"OceanBillOfLading:{number}", DecisionActions.RequestInformation, null, comment, "targeter.tom", SampleRecords.At);
        var second = await test.Store.Referrals.RecordAsync(Asked(numbers[1], "invoice?"), "MAEU", null, Token);
        var third = await test.Store.Referrals.RecordAsync(Asked(numbers[2], "packing list?"), "MAEU", null, Token);
        var secondAgain = await test.Store.Referrals.RecordAsync(Asked(numbers[1], "seal number?"), "MAEU", null, Token);
        await test.Store.Referrals.RecordAsync(Asked(numbers[0], "not asked for"), "MAEU", null, Token);

        var found = await test.Store.Referrals.OfDocumentsAsync([$"OceanBillOfLading:{numbers[2]}", "OceanBillOfLading:NONE", $"OceanBillOfLading:{numbers[1]}"], Token);

        Assert.Equal([second, third, secondAgain], found);
        Assert.Empty(await test.Store.Referrals.OfDocumentsAsync([], Token));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task AWebhookIsDueUntilItsDeliveryEndsAndOnlyTheEndIsJournaledWithItsBodyInHex(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Token);
        var decision = new Decision(SampleRecords.Key, DecisionActions.RequestInformation, null, "invoice?", "targeter.tom", SampleRecords.At);
        var referral = await test.Store.Referrals.RecordAsync(decision, "MAEU", _ => [0x7B, 0x7D], Token);

        Assert.Empty(await test.Store.Webhooks.DueAsync(SampleRecords.At.AddSeconds(-1), 10, Token));
        var due = Assert.Single(await test.Store.Webhooks.DueAsync(SampleRecords.At, 10, Token));
        await test.Store.Webhooks.RecordAttemptAsync(due.Id, DeliveryStatus.Pending, SampleRecords.At.AddMinutes(5), "503 Service Unavailable", SampleRecords.At.AddSeconds(1), Token);
        Assert.Empty(await test.Store.Webhooks.DueAsync(SampleRecords.At.AddMinutes(4), 10, Token));
        Assert.Null(await test.Store.ReadCanonicalAsync("webhook-delivery", due.Id.ToString(CultureInfo.InvariantCulture), Token));
        await test.Store.Webhooks.RecordAttemptAsync(due.Id, DeliveryStatus.Failed, null, "timed out", SampleRecords.At.AddMinutes(5), Token);
        await test.Store.Webhooks.RecordAttemptAsync(due.Id, DeliveryStatus.Delivered, null, null, SampleRecords.At.AddMinutes(6), Token);

        Assert.Empty(await test.Store.Webhooks.DueAsync(SampleRecords.At.AddDays(1), 10, Token));
        var ended = Assert.Single(await (await test.ReopenAsync()).Webhooks.DeliveriesOfAsync("MAEU", 10, Token));
        Assert.Equal((2, DeliveryStatus.Failed, "timed out", (DateTimeOffset?)null, (DateTimeOffset?)SampleRecords.At.AddMinutes(5)), (ended.Attempts, ended.Status, ended.LastError, ended.NextAttemptAt, ended.EndedAt));
        var journaled = Assert.Single(test.Journal.Records, r => r.Kind == "webhook-delivery");
        Assert.Equal(
            $"{due.Id}\n{referral.Id}\nMAEU\n7B7D\n{Text(SampleRecords.At)}\n2\nfailed\ntimed out\n{Text(SampleRecords.At.AddMinutes(5))}",
            Encoding.UTF8.GetString(journaled.Canonical));
        Assert.Equal(journaled.Canonical, await test.Store.ReadCanonicalAsync("webhook-delivery", journaled.Id, Token));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task TheLatestCallbackOfAnOwnerIsInForceWithoutRegardToCaseAndItsSecretIsNeverJournaled(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await test.Store.Webhooks.SaveCallbackAsync("MAEU", "https://one.example/hook", "first-secret", "admin", SampleRecords.At, Token);
        await test.Store.Webhooks.SaveCallbackAsync("maeu", "https://two.example/hook", "second-secret", "admin", SampleRecords.At.AddHours(1), Token);
        await test.Store.Webhooks.SaveCallbackAsync("CMDU", "https://cmdu.example/hook", "cmdu-secret", "admin", SampleRecords.At, Token);

        Assert.Equal(new Callback("maeu", "https://two.example/hook", "second-secret", "admin", SampleRecords.At.AddHours(1)), await test.Store.Webhooks.CallbackOfAsync("Maeu", Token));
        await test.Store.Webhooks.SaveCallbackAsync("MAEU", null, null, "admin", SampleRecords.At.AddHours(2), Token);
        Assert.Null(await (await test.ReopenAsync()).Webhooks.CallbackOfAsync("maeu", Token));
        Assert.NotNull(await test.Store.Webhooks.CallbackOfAsync("cmdu", Token));
        Assert.Null(await test.Store.Webhooks.CallbackOfAsync("NONE", Token));
        Assert.Equal(4, test.Journal.Records.Count(r => r.Kind == "callback"));
        Assert.All(test.Journal.Records, r => Assert.DoesNotContain("secret", Encoding.UTF8.GetString(r.Canonical), StringComparison.Ordinal));
        Assert.Equal($"4\nMAEU\n\nadmin\n{Text(SampleRecords.At.AddHours(2))}", Encoding.UTF8.GetString(test.Journal.Records[^1].Canonical));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task TheLatestSettingsOfEachOfficeAreInForce(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var rotterdam = new OfficeSettings("NLRTM", 40, 0.1, 0.25, 0.2, "supervisor.ana", SampleRecords.At);
        var antwerp = new OfficeSettings("BEANR", 25, 0.05, 0.2, 0.1, "supervisor.bo", SampleRecords.At);
        await test.Store.Offices.SaveAsync(rotterdam, Token);
        await test.Store.Offices.SaveAsync(antwerp, Token);
        await test.Store.Offices.SaveAsync(rotterdam with { ExaminationsPerDay = 60, RedShare = 1.0 / 3, ChangedAt = SampleRecords.At.AddDays(1) }, Token);

        Assert.Equal([antwerp, rotterdam with { ExaminationsPerDay = 60, RedShare = 1.0 / 3, ChangedAt = SampleRecords.At.AddDays(1) }], await (await test.ReopenAsync()).Offices.AllAsync(Token));
        Assert.Equal($"1\nNLRTM\n40\n0.1\n0.25\n0.2\nsupervisor.ana\n{Text(SampleRecords.At)}", Encoding.UTF8.GetString(test.Journal.Records[0].Canonical));
        Assert.Equal(["office-settings", "office-settings", "office-settings"], test.Journal.Records.Select(r => r.Kind));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task AnAssignmentIsOpenUntilAResultOnItsDocumentIsRecordedAfterIt(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend, clock: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(SampleRecords.At.AddHours(1)));
        const string other = "OceanBillOfLading:MAEU000000002";
        var first = await test.Store.Assignments.AssignAsync(SampleRecords.Key, "examiner.eve", "physical", "supervisor.ana", SampleRecords.At, Token);
        var second = await test.Store.Assignments.AssignAsync(other, "Examiner.Eve", null, "supervisor.ana", SampleRecords.At, Token);
        await test.Store.Assignments.AssignAsync(other, "examiner.max", "scan", "supervisor.ana", SampleRecords.At, Token);

        Assert.Equal(2, (await test.Store.Assignments.OpenCountsAsync(Token))["EXAMINER.EVE"]);
        await test.Store.Examinations.RecordAsync([new ExaminationResult(SampleRecords.Key, ExaminationOutcome.Compliant, 0m, SampleRecords.At, null)], Token);

        var store = await test.ReopenAsync();
        var counts = await store.Assignments.OpenCountsAsync(Token);
        Assert.Equal((1, 1), (counts["examiner.eve"], counts["examiner.max"]));
        Assert.Equal([second, first with { Open = false }], await store.Assignments.OfExaminerAsync("EXAMINER.eve", openOnly: false, Token));
        Assert.Equal([second], await store.Assignments.OfExaminerAsync("examiner.eve", openOnly: true, Token));
        Assert.Empty(await store.Assignments.OfExaminerAsync("examiner.nobody", openOnly: false, Token));
        Assert.Equal($"{first.Id}\n{SampleRecords.Key}\nexaminer.eve\nphysical\nsupervisor.ana\n{Text(SampleRecords.At)}", Encoding.UTF8.GetString(test.Journal.Records[0].Canonical));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task ASubscriptionIsInForceUntilRemovedAndIsRemovedOnce(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var ana = await test.Store.Subscriptions.AddAsync(new Subscription(0, "ana", null, "narcotics", "NLRTM", null, "ana", SampleRecords.At), Token);
        var group = await test.Store.Subscriptions.AddAsync(new Subscription(0, null, "targeter", null, null, "P-COCAINE-01", "supervisor.bo", SampleRecords.At), Token);

        Assert.NotEqual(ana.Id, group.Id);
        Assert.True(await test.Store.Subscriptions.RemoveAsync(ana.Id, "ana", SampleRecords.At.AddDays(1), Token));
        Assert.False(await test.Store.Subscriptions.RemoveAsync(ana.Id, "ana", SampleRecords.At.AddDays(2), Token));
        Assert.False(await test.Store.Subscriptions.RemoveAsync(999, "ana", SampleRecords.At.AddDays(2), Token));

        Assert.Equal([group], await (await test.ReopenAsync()).Subscriptions.InForceAsync(Token));
        Assert.Equal(["subscription", "subscription", "subscription-removal"], test.Journal.Records.Select(r => r.Kind));
        Assert.Equal($"1\n{ana.Id}\nana\n{Text(SampleRecords.At.AddDays(1))}", Encoding.UTF8.GetString(test.Journal.Records[^1].Canonical));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task HouseFilingsAreFoundByTheirMasterNumberAndCurrentConsignmentsByKey(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var master = SampleConsignment.Of("MAEU900000001");
        var house = SampleConsignment.Of("HBL-1") with { Document = new TransportDocument("HBL-1", TransportDocumentKind.HouseBillOfLading, "MAEU900000001") };
        var moved = SampleConsignment.Of("HBL-2") with { Document = new TransportDocument("HBL-2", TransportDocumentKind.HouseBillOfLading, "MAEU900000001") };
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", master, house, moved), "a.json", Token);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-2", moved with { Document = new TransportDocument("HBL-2", TransportDocumentKind.HouseBillOfLading, "MAEU900000002") }), "b.json", Token);

        var store = await test.ReopenAsync();
        Assert.Equal(["OceanBillOfLading:MAEU900000001"], await store.ConsignmentIndex.MastersNumberedAsync("MAEU900000001", Token));
        Assert.Equal(["HouseBillOfLading:HBL-1"], await store.ConsignmentIndex.HousesOfAsync("MAEU900000001", Token));
        // HBL-2's first version named the first master; its current one names the second.
        Assert.Equal(["HouseBillOfLading:HBL-2"], await store.ConsignmentIndex.HousesOfAsync("MAEU900000002", Token));
        // A house is not a master, even under a master's number.
        Assert.Empty(await store.ConsignmentIndex.MastersNumberedAsync("HBL-1", Token));
        Assert.Empty(await store.ConsignmentIndex.MastersNumberedAsync("MAEU900000002", Token));
        Assert.Empty(await store.ConsignmentIndex.HousesOfAsync("NONE", Token));
        Assert.Equal(
            ["HouseBillOfLading:HBL-2", "OceanBillOfLading:MAEU900000001"],
            (await store.ConsignmentIndex.CurrentOfAsync(["HouseBillOfLading:HBL-2", "OceanBillOfLading:MAEU900000001", "HouseBillOfLading:HBL-2", "OceanBillOfLading:NONE"], Token)).Select(c => c.DocumentKey));
        Assert.Equal("MAEU900000002", (await store.ConsignmentIndex.CurrentOfAsync(["HouseBillOfLading:HBL-2"], Token))[0].Consignment.Document.MasterNumber);
    }

    [Fact]
    public async Task OnPostgresTheMasterNumberLookupUsesItsIndex()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Postgres);
        var postgres = (PostgresStore)test.Store;
        await using var connection = await postgres.DataSource.OpenConnectionAsync(Token);
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync(Token);
        }
        await using var explain = new NpgsqlCommand(
            "EXPLAIN SELECT v.id FROM consignment_versions v WHERE ((v.body::jsonb) #>> '{document,masterNumber}') = 'MAEU900000001'", connection);
        var plan = new StringBuilder();
        await using (var reader = await explain.ExecuteReaderAsync(Token))
        {
            while (await reader.ReadAsync(Token))
            {
                plan.AppendLine(reader.GetString(0));
            }
        }
        Assert.Contains("consignment_versions_by_master", plan.ToString(), StringComparison.Ordinal);
    }
}
