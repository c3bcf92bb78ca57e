using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;

namespace OpenCts.Storage.Tests.Messages;

/// <summary>A page of many versions is decoded on every core, and reads as the versions one by one would, on both backends.</summary>
public class PageDecodingTests
{
    // More than the embedded store decodes where it reads them (SqliteMessageStore.DecodeOnEveryCoreFrom, 64).
    private const int Many = 150;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_page_of_many_holds_every_version_as_stored_in_order_with_the_assessment_in_force_beside_its_own(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var consignments = Enumerable.Range(1, Many).Select(i => SampleConsignment.Of($"MAEU{i:D9}", vessel: $"VESSEL {i}")).ToArray();
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", consignments), "manifest.json", Token);
        // Every seventh is assessed, with a score of its own, so that a reason put beside another's version shows.
        var assessed = consignments.Where((_, i) => i % 7 == 3).ToDictionary(c => c.Document.Key, c => Assessed(c, int.Parse(c.Document.Number[4..], System.Globalization.CultureInfo.InvariantCulture)));
        await test.Store.Assessments.SaveAsync([.. assessed.Values], Token);
        var reopened = await test.ReopenAsync();

        var page = await reopened.Messages.CurrentPageAsync(0, Many + 10, Token);

        var oneByOne = await reopened.Messages.CurrentAsync(Token);
        Assert.Equal(Many, page.Items.Count);
        Assert.Equal(oneByOne.Select(v => (v.DocumentKey, v.Version, v.Status, v.RawMessageId)), page.Items.Select(v => (v.DocumentKey, v.Version, v.Status, v.RawMessageId)));
        Assert.Equal(oneByOne.Select(v => v.Consignment.Conveyance?.VesselName), page.Items.Select(v => v.Consignment.Conveyance?.VesselName));
        Assert.Equal(oneByOne.Select(v => v.Consignment), page.Items.Select(v => v.Consignment));
        var inForce = page.InForce!;
        Assert.Equal(Many, inForce.Count);
        for (var i = 0; i < Many; i++)
        {
            var key = page.Items[i].DocumentKey;
            Assert.Equal(assessed.TryGetValue(key, out var a) ? a.Score : null, inForce[i]?.Score);
            Assert.Equal(assessed.TryGetValue(key, out var b) ? Storage.Assessments.AssessmentBatches.ReasonsText(b) : null, inForce[i]?.Reasons);
        }
    }

    [Fact]
    public async Task A_body_changed_behind_the_store_in_a_page_of_many_is_an_invalid_data_error_not_a_wrong_consignment_nor_a_fault_of_the_loop()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        var consignments = Enumerable.Range(1, Many).Select(i => SampleConsignment.Of($"MAEU{i:D9}")).ToArray();
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", consignments), "manifest.json", Token);
        await test.ExecuteBehindTheStoreAsync("UPDATE consignment_versions SET body = substr(body, 1, length(body) - 3) WHERE id = 100");
        var reopened = await test.ReopenAsync();

        await Assert.ThrowsAsync<InvalidDataException>(() => reopened.Messages.PageAsync(pendingOnly: false, 0, Many, Token));
        await Assert.ThrowsAsync<InvalidDataException>(() => reopened.Messages.CurrentPageAsync(0, Many, Token));
        // The versions before it still read, a page at a time, as they did.
        Assert.Equal(99, (await reopened.Messages.PageAsync(pendingOnly: false, 0, 99, Token)).Items.Count);
    }

    private static Assessment Assessed(Consignment consignment, int n) =>
        new(consignment.Document.Key, 1, n, n % 2 == 0 ? Lane.Red : Lane.Yellow,
            [new Reason(ReasonKind.Profile, $"P-{n}", $"Profile {n}", n, $"why {n}", Version: 1, Action: ProfileAction.RedLane, Category: ThreatCategory.Narcotics)],
            new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
}
