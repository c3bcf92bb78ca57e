using Microsoft.Data.Sqlite;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Messages;
using OpenCts.Domain.Values;
using OpenCts.Storage.Assessments;

namespace OpenCts.Storage.Tests.Records;

/// <summary>The worklist's pages come from the store: filtered, ordered and cut there, and kept current by every write that changes what is current.</summary>
public class CurrentTargetsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Key(string number) => "OceanBillOfLading:" + number;

    /// <summary>Stores five bills of lading with arrivals in different offsets (one without) and assesses each once.</summary>
    private static async Task SeedAsync(ICtsStore store)
    {
        var arrivals = new (string Number, DateTimeOffset? Arrival, string Port, Lane Lane, double Score)[]
        {
            ("MAEU000000001", new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(2)), "NLRTM", Lane.Red, 80),   // 08:00 UTC
            ("MAEU000000002", new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), "BEANR", Lane.Red, 95),            // 09:00 UTC
            ("MAEU000000003", null, "NLRTM", Lane.Red, 99),
            ("MAEU000000004", new DateTimeOffset(2026, 11, 19, 23, 0, 0, TimeSpan.FromHours(-5)), "nlrtm", Lane.Yellow, 40), // 04:00 UTC the 20th
            ("MSCU000000005", new DateTimeOffset(2026, 11, 18, 8, 0, 0, TimeSpan.Zero), "DEHAM", Lane.Green, 1),
        };
        var i = 0;
        foreach (var (number, arrival, port, _, _) in arrivals)
        {
            var consignment = SampleConsignment.Of(number) with { EstimatedArrival = arrival, PlaceOfDischarge = UnLocode.Parse(port.ToUpperInvariant()) };
            await store.Messages.StoreAsync(SampleConsignment.Message($"M-{++i}", consignment), $"{i}.json", Token);
        }
        await store.Assessments.SaveAsync(
            [.. arrivals.Select(a => SampleRecords.Assessment(lane: a.Lane, score: a.Score) with { DocumentKey = Key(a.Number) })], Token);
    }

    /// <summary>Stores a second version of the second bill, arriving at Hamburg on Christmas Eve.</summary>
    private static async Task AmendAsync(ICtsStore store)
    {
        var amended = SampleConsignment.Of("MAEU000000002") with { EstimatedArrival = new DateTimeOffset(2026, 12, 24, 0, 0, 0, TimeSpan.Zero), PlaceOfDischarge = UnLocode.Parse("DEHAM") };
        await store.Messages.StoreAsync(SampleConsignment.Message("M-amend", amended), "amend.json", Token);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_page_by_risk_is_red_first_by_score_and_counts_every_row_that_matches(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await SeedAsync(test.Store);

        var first = await test.Store.Assessments.PageTargetsAsync(new TargetQuery(null, null, TargetOrder.Risk, 0, 2), Token);
        var second = await test.Store.Assessments.PageTargetsAsync(new TargetQuery(null, null, TargetOrder.Risk, 2, 2), Token);

        Assert.Equal(5, first.Total);
        Assert.Equal(["MAEU000000003", "MAEU000000002"], first.Items.Select(t => t.Target.DocumentNumber));
        Assert.Equal(["MAEU000000001", "MAEU000000004"], second.Items.Select(t => t.Target.DocumentNumber));
        Assert.Equal(SampleRecords.Assessment(score: 99).Reasons, first.Items[0].Target.Assessment.Reasons);
        Assert.Equal("NLRTM", first.Items[0].PlaceOfDischarge);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_page_by_arrival_orders_instants_across_offsets_and_puts_unknown_arrivals_last(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await SeedAsync(test.Store);

        var page = await test.Store.Assessments.PageTargetsAsync(new TargetQuery(null, null, TargetOrder.Arrival, 0, 10), Token);

        Assert.Equal(["MSCU000000005", "MAEU000000004", "MAEU000000001", "MAEU000000002", "MAEU000000003"], page.Items.Select(t => t.Target.DocumentNumber));
        // The arrival reads back as declared, offset and all.
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(2)), page.Items[2].EstimatedArrival);
        Assert.Equal(TimeSpan.FromHours(2), page.Items[2].EstimatedArrival!.Value.Offset);
        Assert.Null(page.Items[4].EstimatedArrival);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_lane_and_text_filter_the_rows_and_their_total(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await SeedAsync(test.Store);

        var red = await test.Store.Assessments.PageTargetsAsync(new TargetQuery(Lane.Red, null, TargetOrder.Arrival, 0, 1), Token);
        var text = await test.Store.Assessments.PageTargetsAsync(new TargetQuery(null, "mscu", TargetOrder.Risk, 0, 10), Token);
        var none = await test.Store.Assessments.PageTargetsAsync(new TargetQuery(Lane.Yellow, "MSCU", TargetOrder.Risk, 0, 10), Token);

        Assert.Equal((3, "MAEU000000001"), (red.Total, Assert.Single(red.Items).Target.DocumentNumber));
        Assert.Equal((1, "MSCU000000005"), (text.Total, Assert.Single(text.Items).Target.DocumentNumber));
        Assert.Equal(0, none.Total);
        Assert.Empty(none.Items);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_new_version_leaves_the_worklist_until_it_is_assessed_and_a_reassessment_replaces_the_row(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await SeedAsync(test.Store);
        await AmendAsync(test.Store);

        var whileUnassessed = await test.Store.Assessments.PageTargetsAsync(new TargetQuery(Lane.Red, null, TargetOrder.Risk, 0, 10), Token);
        await test.Store.Assessments.SaveAsync([SampleRecords.Assessment(version: 2, lane: Lane.Red, score: 10) with { DocumentKey = Key("MAEU000000002") }], Token);
        await test.Store.Assessments.SaveAsync([SampleRecords.Assessment(version: 2, lane: Lane.Red, score: 60) with { DocumentKey = Key("MAEU000000002") }], Token);
        var after = await test.Store.Assessments.PageTargetsAsync(new TargetQuery(Lane.Red, null, TargetOrder.Risk, 0, 10), Token);

        Assert.Equal(["MAEU000000003", "MAEU000000001"], whileUnassessed.Items.Select(t => t.Target.DocumentNumber));
        Assert.Equal(["MAEU000000003", "MAEU000000001", "MAEU000000002"], after.Items.Select(t => t.Target.DocumentNumber));
        var row = after.Items[2];
        Assert.Equal((2, 60.0, "DEHAM", new DateTimeOffset(2026, 12, 24, 0, 0, 0, TimeSpan.Zero)), (row.Target.Assessment.ConsignmentVersion, row.Target.Assessment.Score, row.PlaceOfDischarge, row.EstimatedArrival));
        Assert.Equal((3, 1, 1), Counts(await test.Store.Assessments.LaneCountsAsync(Token)));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_cancelled_consignment_leaves_the_worklist(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await SeedAsync(test.Store);
        var cancellation = new ParsedMessage("json", "MAEU", "M-cancel", "{}"u8.ToArray(), [], [], MessageFunction.Cancellation, [Key("MAEU000000003")]);
        await test.Store.Messages.StoreAsync(cancellation, "cancel.json", Token);

        var red = await test.Store.Assessments.TargetsAsync(10, Lane.Red, Token);

        Assert.Equal(["MAEU000000002", "MAEU000000001"], red.Select(t => t.DocumentNumber));
        Assert.Equal((2, 1, 1), Counts(await test.Store.Assessments.LaneCountsAsync(Token)));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task The_red_lane_at_offices_matches_their_codes_ignoring_case_and_leaves_other_lanes_out(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await SeedAsync(test.Store);

        var red = await test.Store.Assessments.RedLaneAtAsync(["nlrtm"], Token);

        Assert.Equal(["OceanBillOfLading:MAEU000000001", "OceanBillOfLading:MAEU000000003"], red.Select(r => r.Assessment.DocumentKey).Order(StringComparer.Ordinal));
        Assert.All(red, r => Assert.Equal("NLRTM", r.PlaceOfDischarge));
        Assert.Empty(await test.Store.Assessments.RedLaneAtAsync([], Token));
    }

    [Fact]
    public async Task Versions_stored_before_the_places_were_kept_are_placed_when_the_store_opens()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        await SeedAsync(test.Store);
        // What a store written before the worklist step looks like: packed bodies, no place columns filled.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(test.Directory, OpenCts.Storage.Sqlite.SqliteStore.FileName)};Pooling=False"))
        {
            connection.Open();
            using var reset = connection.CreateCommand();
            reset.CommandText = "UPDATE consignment_versions SET discharge = NULL, arrival_ticks = NULL, arrival_offset = NULL, placed = 0";
            reset.ExecuteNonQuery();
            reset.CommandText = "UPDATE current_targets SET discharge = NULL, arrival_order = 9223372036854775807";
            reset.ExecuteNonQuery();
        }

        var reopened = await test.ReopenAsync();
        var page = await reopened.Assessments.PageTargetsAsync(new TargetQuery(null, null, TargetOrder.Arrival, 0, 10), Token);

        Assert.Equal(["MSCU000000005", "MAEU000000004", "MAEU000000001", "MAEU000000002", "MAEU000000003"], page.Items.Select(t => t.Target.DocumentNumber));
        Assert.Equal("DEHAM", page.Items[0].PlaceOfDischarge);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(2)), page.Items[2].EstimatedArrival);
        Assert.Equal(TimeSpan.FromHours(2), page.Items[2].EstimatedArrival!.Value.Offset);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task Rows_that_tie_on_arrival_and_score_are_paged_in_document_key_order(string backend)
    {
        // A flight of parcels: one arrival, one score, stored in an order unlike their keys'.
        await using var test = await TestStore.CreateAsync(backend);
        var arrival = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        string[] numbers = ["MAEU000000031", "MAEU000000007", "MAEU000000019", "MAEU000000002", "MAEU000000025"];
        var i = 0;
        foreach (var number in numbers)
        {
            await test.Store.Messages.StoreAsync(SampleConsignment.Message($"T-{++i}", SampleConsignment.Of(number) with { EstimatedArrival = arrival }), $"{i}.json", Token);
        }
        await test.Store.Assessments.SaveAsync([.. numbers.Select(n => SampleRecords.Assessment(lane: Lane.Red, score: 70) with { DocumentKey = Key(n) })], Token);

        var sorted = numbers.Order(StringComparer.Ordinal).ToList();
        foreach (var order in new[] { TargetOrder.Arrival, TargetOrder.Risk })
        {
            var first = await test.Store.Assessments.PageTargetsAsync(new TargetQuery(Lane.Red, null, order, 0, 3), Token);
            var second = await test.Store.Assessments.PageTargetsAsync(new TargetQuery(Lane.Red, null, order, 3, 3), Token);
            Assert.Equal(sorted, [.. first.Items.Concat(second.Items).Select(t => t.Target.DocumentNumber)]);
        }
    }

    [Theory]
    [InlineData(TargetOrder.Arrival)]
    [InlineData(TargetOrder.Risk)]
    public async Task A_page_of_one_lane_is_read_in_index_order_without_sorting_the_rows_that_tie(TargetOrder order)
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        await SeedAsync(test.Store);
        var orderBy = order == TargetOrder.Arrival ? "t.arrival_order, t.lane_rank DESC, t.score DESC, t.document_key" : "t.lane_rank DESC, t.score DESC, t.document_key";

        using var connection = new SqliteConnection($"Data Source={Path.Combine(test.Directory, OpenCts.Storage.Sqlite.SqliteStore.FileName)};Pooling=False");
        connection.Open();
        using var plan = connection.CreateCommand();
        plan.CommandText = $"EXPLAIN QUERY PLAN SELECT t.version_id FROM current_targets t WHERE t.lane_rank = 2 ORDER BY {orderBy} LIMIT 20";
        var steps = new List<string>();
        using (var reader = plan.ExecuteReader())
        {
            while (reader.Read())
            {
                steps.Add(reader.GetString(3));
            }
        }

        Assert.Contains(steps, s => s.Contains("INDEX current_targets_by_", StringComparison.Ordinal));
        Assert.DoesNotContain(steps, s => s.Contains("TEMP B-TREE", StringComparison.Ordinal) || s.StartsWith("SCAN t", StringComparison.Ordinal) && !s.Contains("INDEX", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task The_targets_of_the_lanes_asked_for_come_with_the_consignment_version_they_were_made_on(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await SeedAsync(test.Store);
        // An amendment of a red target leaves the worklist until it is assessed.
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-amend", SampleConsignment.Of("MAEU000000002") with { PlaceOfDischarge = UnLocode.Parse("NLRTM") }), "amend.json", Token);

        var yellowAndUp = await test.Store.Assessments.TargetConsignmentsAsync(Lane.Yellow, Token);
        var red = await test.Store.Assessments.TargetConsignmentsAsync(Lane.Red, Token);

        Assert.Equal(["MAEU000000003", "MAEU000000001", "MAEU000000004"], yellowAndUp.Select(t => t.Target.DocumentNumber));
        Assert.Equal(["MAEU000000003", "MAEU000000001"], red.Select(t => t.Target.DocumentNumber));
        Assert.All(yellowAndUp, t =>
        {
            Assert.Equal(t.Target.Assessment.DocumentKey, t.Consignment.DocumentKey);
            Assert.Equal(t.Target.Assessment.ConsignmentVersion, t.Consignment.Version);
            Assert.Equal(t.Target.DocumentNumber, t.Consignment.Consignment.Document.Number);
            Assert.Equal("active", t.Consignment.Status);
        });
        Assert.Equal("NLRTM", yellowAndUp[0].Consignment.Consignment.PlaceOfDischarge?.Value);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(2)), yellowAndUp[1].Consignment.Consignment.EstimatedArrival);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task In_one_save_the_latest_assessment_of_a_current_version_is_listed_and_those_of_a_superseded_version_or_a_cancelled_consignment_are_not(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await SeedAsync(test.Store);
        await AmendAsync(test.Store);
        var cancellation = new ParsedMessage("json", "MAEU", "M-cancel", "{}"u8.ToArray(), [], [], MessageFunction.Cancellation, [Key("MAEU000000003")]);
        await test.Store.Messages.StoreAsync(cancellation, "cancel.json", Token);

        await test.Store.Assessments.SaveAsync(
        [
            SampleRecords.Assessment(version: 2, lane: Lane.Red, score: 70) with { DocumentKey = Key("MAEU000000002") },
            SampleRecords.Assessment(version: 1, lane: Lane.Red, score: 100) with { DocumentKey = Key("MAEU000000002") },
            SampleRecords.Assessment(version: 1, lane: Lane.Red, score: 100) with { DocumentKey = Key("MAEU000000003") },
            SampleRecords.Assessment(version: 2, lane: Lane.Yellow, score: 45) with { DocumentKey = Key("MAEU000000002") },
        ], Token);
        var red = await test.Store.Assessments.PageTargetsAsync(new TargetQuery(Lane.Red, null, TargetOrder.Risk, 0, 10), Token);
        var yellow = await test.Store.Assessments.PageTargetsAsync(new TargetQuery(Lane.Yellow, null, TargetOrder.Risk, 0, 10), Token);

        Assert.Equal(["MAEU000000001"], red.Items.Select(t => t.Target.DocumentNumber));
        Assert.Equal(["MAEU000000002", "MAEU000000004"], yellow.Items.Select(t => t.Target.DocumentNumber));
        var row = yellow.Items[0];
        Assert.Equal((2, 45.0, "DEHAM", new DateTimeOffset(2026, 12, 24, 0, 0, 0, TimeSpan.Zero)), (row.Target.Assessment.ConsignmentVersion, row.Target.Assessment.Score, row.PlaceOfDischarge, row.EstimatedArrival));
        Assert.Equal((1, 2, 1), Counts(await test.Store.Assessments.LaneCountsAsync(Token)));
        Assert.Empty(await test.Store.Messages.PendingAssessmentAsync(Token));
    }

    private static (int Red, int Yellow, int Green) Counts(IReadOnlyDictionary<Lane, int> counts) => (counts[Lane.Red], counts[Lane.Yellow], counts[Lane.Green]);
}
