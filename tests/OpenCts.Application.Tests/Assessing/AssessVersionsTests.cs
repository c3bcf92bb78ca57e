using OpenCts.Domain.CrossBorder;

namespace OpenCts.Application.Tests.Assessing;

/// <summary>A worker's batch is assessed with the export records of its own documents, read for those documents alone.</summary>
public sealed class AssessVersionsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_is_assessed_with_the_latest_export_record_of_each_of_its_documents_and_none_for_the_others()
    {
        await using var test = new TestApplication();
        var app = test.Application;
        var departure = DateTimeOffset.UtcNow.AddDays(-1);
        async Task<string> Receive(string id, string number) =>
            (await app.Intake.ReceiveAsync(TestApplication.Csv(id, number, departure: departure), $"{id}.csv", "carrier", Token))[0].Stored.Versions[0].DocumentKey;
        var compared = await Receive("m1", "160-11111111");
        var plain = await Receive("m2", "160-22222222");
        var stale = new ExportComparison("CN", true, null, null, 0, false, false, []);
        var latest = new ExportComparison("CN", false, 1200.5, null, 2, true, false, ["value differs"]);
        await test.Store.ExportRecords.AttachAsync(compared, new byte[] { 1 }, "{}", stale, Token);
        await test.Store.ExportRecords.AttachAsync(compared, new byte[] { 2 }, "{}", latest, Token);

        var summary = await app.Assessment.AssessVersionsAsync([(compared, 1), (plain, 1)], Token);

        Assert.Equal(latest, summary.Consignments[compared].Export);
        Assert.Null(summary.Consignments[plain].Export);
    }
}
