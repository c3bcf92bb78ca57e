using OpenCts.Domain.Assessments;
using OpenCts.Domain.Values;
using OpenCts.Storage.Assessments;
using OpenCts.Storage.Sqlite;
using OpenCts.Tests.Shared;

namespace OpenCts.Storage.Tests.Records;

/// <summary>A bulk save may set aside what the store keeps up to date row by row; what the store answers must not change, and nothing may stay set aside.</summary>
public class BulkSaveStoreTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly string[] BothOrderings = ["current_targets_by_arrival", "current_targets_by_risk"];

    /// <summary>Six bills of lading stored, none assessed; their assessments (lanes, scores and arrivals that tie and do not), in document order.</summary>
    private static async Task<List<Assessment>> SeedAsync(ICtsStore store)
    {
        var rows = new (string Number, int? ArrivalHour, Lane Lane, double Score)[]
        {
            ("MAEU000000011", 9, Lane.Red, 80),
            ("MAEU000000012", 7, Lane.Red, 95),
            ("MAEU000000013", null, Lane.Yellow, 40),
            ("MAEU000000014", 7, Lane.Red, 80),
            ("MAEU000000015", 8, Lane.Green, 0),
            ("MAEU000000016", null, Lane.Green, 0),
        };
        var assessments = new List<Assessment>();
        var i = 0;
        foreach (var (number, hour, lane, score) in rows)
        {
            var arrival = hour is { } h ? new DateTimeOffset(2026, 12, 8, h, 0, 0, TimeSpan.Zero) : (DateTimeOffset?)null;
            var consignment = SampleConsignment.Of(number) with { EstimatedArrival = arrival, PlaceOfDischarge = UnLocode.Parse("NLRTM") };
            await store.Messages.StoreAsync(SampleConsignment.Message($"B-{++i}", consignment), $"{i}.json", Token);
            assessments.Add(SampleRecords.Assessment(lane: lane, score: score) with { DocumentKey = "OceanBillOfLading:" + number });
        }
        return assessments;
    }

    private static async Task<(string[] Risk, string[] Arrival)> OrdersAsync(ICtsStore store)
    {
        var risk = await store.Assessments.PageTargetsAsync(new TargetQuery(null, null, TargetOrder.Risk, 0, 10), Token);
        var arrival = await store.Assessments.PageTargetsAsync(new TargetQuery(null, null, TargetOrder.Arrival, 0, 10), Token);
        return ([.. risk.Items.Select(t => t.Target.DocumentNumber)], [.. arrival.Items.Select(t => t.Target.DocumentNumber)]);
    }

    private static List<string> Orderings(SqliteStore store) => SqliteFile.IndexesOf(store.DatabasePath, "current_targets");

    private static readonly string[] ByDocument = ["assessments_by_document"];

    private static List<string> AssessmentIndexes(SqliteStore store) => SqliteFile.IndexesOf(store.DatabasePath, "assessments");

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task Assessments_saved_in_a_bulk_save_read_back_in_the_worklist_as_those_saved_without_one(string backend)
    {
        await using var bulk = await TestStore.CreateAsync(backend);
        await using var plain = await TestStore.CreateAsync(backend);
        var assessments = await SeedAsync(bulk.Store);
        await SeedAsync(plain.Store);
        if (bulk.Store is SqliteStore sqlite)
        {
            sqlite.BulkSaveMinimum = 1;
        }

        await using (await bulk.Store.Assessments.BeginBulkSaveAsync(Token))
        {
            await bulk.Store.Assessments.SaveAsync(assessments[..3], Token);
            await bulk.Store.Assessments.SaveAsync(assessments[3..], Token);
        }
        await plain.Store.Assessments.SaveAsync(assessments, Token);

        var (risk, arrival) = await OrdersAsync(bulk.Store);
        Assert.Equal(["MAEU000000012", "MAEU000000011", "MAEU000000014", "MAEU000000013", "MAEU000000015", "MAEU000000016"], risk);
        Assert.Equal(["MAEU000000012", "MAEU000000014", "MAEU000000015", "MAEU000000011", "MAEU000000013", "MAEU000000016"], arrival);
        var expected = await OrdersAsync(plain.Store);
        Assert.Equal(expected.Risk, risk);
        Assert.Equal(expected.Arrival, arrival);
        Assert.Equal(await plain.Store.Assessments.LaneCountsAsync(Token), await bulk.Store.Assessments.LaneCountsAsync(Token));
        foreach (var assessment in assessments)
        {
            var found = Assert.Single(await bulk.Store.Assessments.OfAsync(assessment.DocumentKey, Token));
            Assert.Equal((assessment.Lane, assessment.Score), (found.Lane, found.Score));
        }
        // Saved once: a worker that delivers the same assessments again finds each by its document and writes none.
        Assert.Empty(await bulk.Store.Assessments.SaveFirstAsync(assessments, Token));
    }

    [Fact]
    public async Task The_embedded_store_sets_the_orderings_and_the_assessments_by_document_aside_only_while_a_bulk_save_that_doubles_the_worklist_runs()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        var store = (SqliteStore)test.Store;
        var assessments = await SeedAsync(store);

        // Six pending and the default minimum of 10,000: kept.
        await using (var small = await store.Assessments.BeginBulkSaveAsync(Token))
        {
            Assert.Same(NothingSetAside.Instance, small);
            Assert.Equal(BothOrderings, Orderings(store));
            Assert.Equal(ByDocument, AssessmentIndexes(store));
        }
        store.BulkSaveMinimum = 6;
        await using (var handle = await store.Assessments.BeginBulkSaveAsync(Token))
        {
            Assert.NotSame(NothingSetAside.Instance, handle);
            Assert.Empty(Orderings(store));
            Assert.Empty(AssessmentIndexes(store));
            await store.Assessments.SaveAsync(assessments[..4], Token);
        }
        Assert.Equal(BothOrderings, Orderings(store));
        Assert.Equal(ByDocument, AssessmentIndexes(store));

        // Two pending against four rows in the worklist: building six rows' orderings would cost more than keeping two.
        store.BulkSaveMinimum = 1;
        await using (var late = await store.Assessments.BeginBulkSaveAsync(Token))
        {
            Assert.Same(NothingSetAside.Instance, late);
            Assert.Equal(BothOrderings, Orderings(store));
            Assert.Equal(ByDocument, AssessmentIndexes(store));
        }
    }

    [Fact]
    public async Task A_store_opened_after_a_bulk_save_that_never_ended_has_its_orderings_and_assessments_by_document_again()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        var store = (SqliteStore)test.Store;
        var assessments = await SeedAsync(store);
        store.BulkSaveMinimum = 1;

        // The handle is never disposed, as when the process is killed during the run.
        _ = await store.Assessments.BeginBulkSaveAsync(Token);
        await store.Assessments.SaveAsync(assessments, Token);
        Assert.Empty(Orderings(store));
        Assert.Empty(AssessmentIndexes(store));
        var reopened = (SqliteStore)await test.ReopenAsync();

        Assert.Equal(BothOrderings, Orderings(reopened));
        Assert.Equal(ByDocument, AssessmentIndexes(reopened));
        var (risk, _) = await OrdersAsync(reopened);
        Assert.Equal("MAEU000000012", risk[0]);
    }
}
