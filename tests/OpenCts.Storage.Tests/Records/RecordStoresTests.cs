using OpenCts.Domain.Assessments;
using OpenCts.Domain.CrossBorder;
using OpenCts.Domain.Decisions;
using OpenCts.Domain.Examinations;
using OpenCts.Storage.Assessments;
using OpenCts.Storage.Audit;
using OpenCts.Storage.Users;

namespace OpenCts.Storage.Tests.Records;

/// <summary>What each aggregate reads back after it is written, the same on every backend.</summary>
public class RecordStoresTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_page_of_current_versions_carries_the_assessment_in_force_for_each_and_only_what_says_something_else_is_changed(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        const string Second = "OceanBillOfLading:MAEU000000002";
        const string Third = "OceanBillOfLading:MAEU000000003";
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Token);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-2", SampleConsignment.Of("MAEU000000002")), "b.json", Token);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-3", SampleConsignment.Of("MAEU000000003")), "c.json", Token);
        var first = SampleRecords.Assessment(lane: Lane.Yellow, score: 30);
        var second = SampleRecords.Assessment() with { DocumentKey = Second };
        await test.Store.Assessments.SaveAsync([SampleRecords.Assessment(lane: Lane.Red, score: 50), first, second], Token);

        var page = await test.Store.Messages.CurrentPageAsync(0, 10, Token);

        // The latest of the first version is in force, not the earlier red one; the third has none.
        Assert.Equal([SampleRecords.Key, Second, Third], page.Items.Select(i => i.DocumentKey));
        Assert.Equal(
            [new("Yellow", 30, AssessmentBatches.ReasonsText(first)), new("Red", second.Score, AssessmentBatches.ReasonsText(second)), null],
            page.InForce!);
        var later = SampleRecords.At.AddHours(1);
        var reasons = second.Reasons.Select(r => r with { Version = 2 }).ToArray();
        Assessment[] again =
        [
            first with { AssessedAt = later },
            second with { Reasons = [.. reasons], AssessedAt = later },
            SampleRecords.Assessment(lane: Lane.Green, score: 0) with { DocumentKey = Third, Reasons = [], AssessedAt = later },
        ];
        var changed = AssessmentBatches.Changed(again, page.InForce!);
        // The first says what the one in force says (only later); the second's reason is now the profile's version 2; the third had none.
        Assert.Equal([Second, Third], changed.Select(a => a.DocumentKey));
        Assert.Equal([31.0, 30.0], AssessmentBatches.Changed([first with { Score = 31 }, first with { Score = 30, Lane = Lane.Red }], [page.InForce![0], page.InForce[0]]).Select(a => a.Score));

        // Once saved, they are in force on the next read, page by page as on the first.
        await test.Store.Assessments.SaveAsync(changed, Token);
        var head = await test.Store.Messages.CurrentPageAsync(0, 1, Token);
        var rest = await test.Store.Messages.CurrentPageAsync(head.Next, 10, Token);
        Assert.Equal([Second, Third], rest.Items.Select(i => i.DocumentKey));
        Assert.Empty(AssessmentBatches.Changed(again, [.. head.InForce!, .. rest.InForce!]));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task TheLatestAssessmentOfTheCurrentVersionIsTheTargetAndIsCountedInItsLane(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Token);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-2", SampleConsignment.Of("MAEU000000002")), "b.json", Token);
        var ids = await test.Store.Assessments.SaveAsync(
        [
            SampleRecords.Assessment(lane: Lane.Yellow, score: 30),
            SampleRecords.Assessment(lane: Lane.Red, score: 72.5),
            SampleRecords.Assessment() with { DocumentKey = "OceanBillOfLading:MAEU000000002", Lane = Lane.Green, Score = 0.25 },
        ], Token);

        var targets = await test.Store.Assessments.TargetsAsync(10, Lane.Green, Token);
        Assert.Equal([(ids[1], Lane.Red, 72.5, "MAEU123456789"), (ids[2], Lane.Green, 0.25, "MAEU000000002")], targets.Select(t => (t.AssessmentId, t.Assessment.Lane, t.Assessment.Score, t.DocumentNumber)));
        Assert.Single(await test.Store.Assessments.TargetsAsync(10, Lane.Yellow, Token));
        var counts = await test.Store.Assessments.LaneCountsAsync(Token);
        Assert.Equal((1, 0, 1), (counts[Lane.Red], counts[Lane.Yellow], counts[Lane.Green]));
        Assert.Equal([Lane.Yellow, Lane.Red], (await test.Store.Assessments.OfAsync(SampleRecords.Key, Token)).Select(a => a.Lane));
        Assert.Empty(await test.Store.Messages.PendingAssessmentAsync(Token));
        Assert.Equal(SampleRecords.Assessment().Reasons, (await test.Store.Assessments.OfAsync(SampleRecords.Key, Token))[1].Reasons);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task AProfileChangeIsANewVersionAndAnUnchangedSaveIsNot(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await test.Store.Profiles.SaveAsync(SampleRecords.Profile(), Token);
        await test.Store.Profiles.SaveAsync(SampleRecords.Profile(), Token);
        var second = await test.Store.Profiles.SaveAsync(SampleRecords.Profile(weight: 55), Token);

        Assert.Equal(2, second.Version);
        Assert.Equal([1, 2], (await test.Store.Profiles.VersionsAsync("P-COCAINE-01", Token)).Select(p => p.Version));
        Assert.Equal(55, Assert.Single(await (await test.ReopenAsync()).Profiles.LatestAsync(Token)).Weight);
        Assert.Equal([("profile", "P-COCAINE-01@1"), ("profile", "P-COCAINE-01@2")], test.Journal.Records.Select(r => (r.Kind, r.Id)));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task DecisionsExaminationsAndExportRecordsReadBackAsRecorded(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var examine = new Decision(SampleRecords.Key, "examine", "physical", null, "targeter.tom", SampleRecords.At);
        var release = new Decision(SampleRecords.Key, "release", null, "nothing found", "examiner.eve", SampleRecords.At.AddHours(3));
        await test.Store.Decisions.RecordAsync(examine, Token);
        await test.Store.Decisions.RecordAsync(release, Token);
        var results = new[]
        {
            new ExaminationResult(SampleRecords.Key, ExaminationOutcome.Compliant, 0m, SampleRecords.At, null),
            new ExaminationResult("OceanBillOfLading:OTHER", ExaminationOutcome.Compliant, 0m, SampleRecords.At, null),
            new ExaminationResult(SampleRecords.Key, ExaminationOutcome.Irregular, 1250.75m, SampleRecords.At, "false bottom", ExaminationFindings.Seizure, "EUR", 12.5m),
        };
        await test.Store.Examinations.RecordAsync(results, Token);
        var older = new ExportComparison("EC", true, null, null, 0, false, false, []);
        var newer = new ExportComparison("EC", false, 1200.5, null, 2, true, false, ["value differs"]);
        await test.Store.ExportRecords.AttachAsync(SampleRecords.Key, new byte[] { 1, 2, 3 }, "{}", older, Token);
        await test.Store.ExportRecords.AttachAsync(SampleRecords.Key, new byte[] { 4 }, "{}", newer, Token);

        var store = await test.ReopenAsync();
        Assert.Equal([examine, release], await store.Decisions.OfAsync(SampleRecords.Key, Token));
        Assert.Empty(await store.Decisions.OfAsync("OceanBillOfLading:NONE", Token));
        Assert.Equal(results, await store.Examinations.AllAsync(Token));
        Assert.Equal([results[0], results[2]], await store.Examinations.OfAsync(SampleRecords.Key, Token));
        Assert.Empty(await store.Examinations.OfAsync("OceanBillOfLading:NONE", Token));
        Assert.Equal(newer, (await store.ExportRecords.LatestAsync(Token))[SampleRecords.Key]);
        var some = await store.ExportRecords.LatestOfAsync([SampleRecords.Key, "OceanBillOfLading:NONE"], Token);
        Assert.Equal(newer, Assert.Single(some, p => p.Key == SampleRecords.Key).Value);
        Assert.Single(some);
        Assert.Empty(await store.ExportRecords.LatestOfAsync(["OceanBillOfLading:NONE"], Token));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task AUserIsFoundWithoutRegardToCaseAndByTheKeyOfItsLatestVersionOnly(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var ana = new UserAccount("Ana", "supervisor", false, "pbkdf2$hash", null, null, "admin", SampleRecords.At);
        var scanner = new UserAccount("scanner", "submitter", false, null, "key-1", "sha256$one", "admin", SampleRecords.At);
        await test.Store.Users.SaveAsync(ana, Token);
        await test.Store.Users.SaveAsync(scanner, Token);
        await test.Store.Users.SaveAsync(scanner with { ApiKeyId = "key-2", ApiKeyHash = "sha256$two" }, Token);
        await test.Store.Users.SaveAsync(ana with { Name = "ANA", Disabled = true }, Token);

        Assert.True((await test.Store.Users.FindAsync("ana", Token))!.Disabled);
        Assert.Null(await test.Store.Users.FindByApiKeyAsync("key-1", Token));
        Assert.Equal("scanner", (await test.Store.Users.FindByApiKeyAsync("key-2", Token))!.Name);
        Assert.Equal([("ANA", true), ("scanner", false)], (await test.Store.Users.AllAsync(Token)).Select(u => (u.Name, u.Disabled)));
        var version = System.Text.Encoding.UTF8.GetString((await test.Store.ReadCanonicalAsync("user", "4", Token))!);
        Assert.Equal("4\nANA\nsupervisor\ndisabled\npassword\nadmin\n" + SampleRecords.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture), version);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task TheAuditLogReadsNewestFirst(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        for (var i = 0; i < 5; i++)
        {
            await test.Store.AuditLog.AppendAsync(new AuditEntry("ana", $"GET /api/v1/{i}", "", "200", SampleRecords.At.AddMinutes(i)), Token);
        }
        Assert.Equal(["GET /api/v1/4", "GET /api/v1/3"], (await test.Store.AuditLog.LatestAsync(2, Token)).Select(e => e.Action));
        Assert.Equal(5, test.Journal.Records.Count(r => r.Kind == "audit"));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task AStoredMessageIsFoundWithItsIssuesAndVersions(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var stored = await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of(), SampleConsignment.Of("MAEU000000002")), "a.json", Token);
        var found = (await test.Store.Messages.FindAsync(stored.RawMessageId, Token))!;
        Assert.Equal(("MAEU", "M-1", stored.Status), (found.Sender, found.MessageId, found.Status));
        Assert.Equal(stored.Versions, found.Versions);
        Assert.Null(await test.Store.Messages.FindAsync(stored.RawMessageId + 1, Token));
    }
}
