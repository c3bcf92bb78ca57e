using OpenCts.Domain.Assessments;
using OpenCts.Storage.Assessments;

namespace OpenCts.Storage.Tests.Records;

/// <summary>A process that loaded a checkpoint finds what was assessed after it, in the order saved, on every backend.</summary>
public class AssessedAfterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task Assessments_after_an_id_come_in_the_order_saved_with_their_consignment_version_and_no_more_than_asked(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        const string Second = "OceanBillOfLading:MAEU000000002";
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Token);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-2", SampleConsignment.Of("MAEU000000002")), "b.json", Token);
        var ids = await test.Store.Assessments.SaveAsync([SampleRecords.Assessment(lane: Lane.Red), SampleRecords.Assessment() with { DocumentKey = Second }], Token);
        var later = await test.Store.Assessments.SaveAsync([SampleRecords.Assessment(lane: Lane.Yellow, score: 20)], Token);

        var all = await test.Store.Assessments.AssessedAfterAsync(0, 100, Token);
        var afterFirst = await test.Store.Assessments.AssessedAfterAsync(ids[0], 1, Token);
        var none = await test.Store.Assessments.AssessedAfterAsync(later[0], 100, Token);

        Assert.Equal([ids[0], ids[1], later[0]], all.Select(a => a.AssessmentId));
        Assert.Equal([SampleRecords.Key, Second, SampleRecords.Key], all.Select(a => a.DocumentKey));
        Assert.All(all, a => Assert.Equal(1, a.Version));
        Assert.Equal([new AssessedVersion(ids[1], Second, 1)], afterFirst);
        Assert.Empty(none);
    }
}
