using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Messages;
using OpenCts.Storage.Messages;

namespace OpenCts.Storage.Tests.Records;

/// <summary>What waits for assessment is the current version of each active consignment without an assessment, whatever wrote the store.</summary>
public class PendingAssessmentTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<IReadOnlyList<(string, int)>> PendingAsync(ICtsStore store)
    {
        var whole = (await store.Messages.PendingAssessmentAsync(Token)).Select(p => (p.DocumentKey, p.Version)).ToList();
        // The pages walk the same list: one row a page.
        var walked = new List<(string, int)>();
        for (var page = await store.Messages.PageAsync(true, 0, 1, Token); page.Items.Count > 0; page = await store.Messages.PageAsync(true, page.Next, 1, Token))
        {
            walked.AddRange(page.Items.Select(p => (p.DocumentKey, p.Version)));
        }
        Assert.Equal(whole, walked);
        // The history walk gives every current version once, in the order of the whole read, and marks exactly those.
        var history = new List<HistoryItem>();
        for (var page = await store.Messages.HistoryPageAsync(0, 1, Token); page.Items.Count > 0; page = await store.Messages.HistoryPageAsync(page.Next, 1, Token))
        {
            history.AddRange(page.Items);
        }
        var current = await store.Messages.CurrentAsync(Token);
        Assert.Equal(current.Select(c => (c.DocumentKey, c.Version)), history.Select(h => (h.DocumentKey, h.Version)));
        Assert.Equal(whole, history.Where(h => h.Pending).Select(h => (h.DocumentKey, h.Version)));
        // Each outline is what the whole consignment gives.
        Assert.Equal(current.Select(c => ConsignmentOutline.Of(c.Consignment)), history.Select(h => h.Outline));
        // Read again by their rows, in the order asked for, a row that is not there left out.
        var asked = history.Select(h => h.VersionId).Reverse().Append(long.MaxValue).ToList();
        Assert.Equal(current.Reverse(), await store.Messages.VersionsByIdAsync(asked, Token));
        return whole;
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_version_waits_until_it_is_assessed_and_an_amendment_replaces_its_predecessor_in_the_queue(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of("MAEU000000001"), SampleConsignment.Of("MAEU000000002")), "1.json", Token);
        var first = await PendingAsync(test.Store);

        await test.Store.Assessments.SaveAsync([SampleRecords.Assessment() with { DocumentKey = "OceanBillOfLading:MAEU000000001" }], Token);
        var afterAssessing = await PendingAsync(test.Store);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-2", SampleConsignment.Of("MAEU000000001", vessel: "OTHER VESSEL")), "2.json", Token);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-3", SampleConsignment.Of("MAEU000000002", vessel: "OTHER VESSEL")), "3.json", Token);
        var afterAmending = await PendingAsync(test.Store);

        Assert.Equal([("OceanBillOfLading:MAEU000000001", 1), ("OceanBillOfLading:MAEU000000002", 1)], first);
        Assert.Equal([("OceanBillOfLading:MAEU000000002", 1)], afterAssessing);
        Assert.Equal([("OceanBillOfLading:MAEU000000001", 2), ("OceanBillOfLading:MAEU000000002", 2)], afterAmending);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_cancelled_consignment_no_longer_waits_and_an_assessment_of_an_old_version_does_not_clear_the_current_one(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of("MAEU000000001"), SampleConsignment.Of("MAEU000000002")), "1.json", Token);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-2", SampleConsignment.Of("MAEU000000002", vessel: "OTHER VESSEL")), "2.json", Token);
        var cancellation = new ParsedMessage("json", "MAEU", "M-cancel", "{}"u8.ToArray(), [], [], MessageFunction.Cancellation, ["OceanBillOfLading:MAEU000000001"]);
        await test.Store.Messages.StoreAsync(cancellation, "cancel.json", Token);

        await test.Store.Assessments.SaveAsync([SampleRecords.Assessment(version: 1, lane: Lane.Green, score: 1) with { DocumentKey = "OceanBillOfLading:MAEU000000002" }], Token);

        Assert.Equal([("OceanBillOfLading:MAEU000000002", 2)], await PendingAsync(test.Store));
        Assert.Equal([("OceanBillOfLading:MAEU000000002", 2)], await PendingAsync(await test.ReopenAsync()));
    }
}
