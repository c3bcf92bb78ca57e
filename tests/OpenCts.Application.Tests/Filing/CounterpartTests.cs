using Microsoft.Extensions.Time.Testing;
using OpenCts.Application.Assessing;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;

namespace OpenCts.Application.Tests.Filing;

public sealed class CounterpartTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<string> ReceiveAsync(TestApplication app, string sender, byte[] csv) =>
        (await app.Application.Intake.ReceiveAsync(csv, "test.csv", sender, Token))[0].Stored.Versions[0].DocumentKey;

    [Fact]
    public async Task AHouseFilingWithoutItsMasterAfterTheDeadlineIsAFindingWhenAssessed()
    {
        await using var app = new TestApplication(new FakeTimeProvider(Now));
        var house = await ReceiveAsync(app, "forwarder", TestApplication.Csv("h1", "HKX1", "houseAirWaybill", master: "160-11111111", departure: Now.AddDays(-1)));

        var summary = await app.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);

        Assert.Contains(summary.Consignments[house].DataQuality, f => f.Rule == DataQualityRules.CounterpartMissing && f.Path == "document.masterNumber");
        Assert.Contains(summary.Assessments.Single().Reasons, r => r.Kind == ReasonKind.DataQuality);
        var detail = await app.Application.Consignments.DetailAsync(house, Token);
        Assert.True(detail!.Filing!.CounterpartMissing);
        Assert.Equal("house", detail.Filing.Role);
        Assert.True(detail.Filing.Deadline!.Late);
    }

    [Fact]
    public async Task AHouseWhoseMasterIsFiledIsLinkedToItWithoutAFinding()
    {
        await using var app = new TestApplication(new FakeTimeProvider(Now));
        var master = await ReceiveAsync(app, "carrier", TestApplication.Csv("m1", "160-11111111", departure: Now.AddDays(-1), description: "CONSOLIDATION AS PER MANIFEST"));
        var house = await ReceiveAsync(app, "forwarder", TestApplication.Csv("h1", "HKX1", "houseAirWaybill", master: "160-11111111", departure: Now.AddDays(-1)));

        var summary = await app.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);

        Assert.All(summary.Consignments.Values, c => Assert.DoesNotContain(c.DataQuality, f => f.Rule == DataQualityRules.CounterpartMissing));
        Assert.Equal([master], (await app.Application.Consignments.DetailAsync(house, Token))!.Filing!.Counterparts);
        var masterFiling = (await app.Application.Consignments.DetailAsync(master, Token))!.Filing!;
        Assert.Equal("master", masterFiling.Role);
        Assert.Equal([house], masterFiling.Counterparts);
    }

    [Fact]
    public async Task AConsolidationWithoutHouseFilingsAfterTheDeadlineIsAFinding()
    {
        await using var app = new TestApplication(new FakeTimeProvider(Now));
        var master = await ReceiveAsync(app, "carrier", TestApplication.Csv("m1", "160-11111111", departure: Now.AddDays(-1), description: "CONSOL"));
        var summary = await app.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
        Assert.Contains(summary.Consignments[master].DataQuality, f => f.Rule == DataQualityRules.CounterpartMissing && f.Path == "document.number");
    }

    [Fact]
    public async Task BeforeTheDeadlineAMissingMasterIsNoFinding()
    {
        await using var app = new TestApplication(new FakeTimeProvider(Now));
        var house = await ReceiveAsync(app, "forwarder", TestApplication.Csv("h1", "HKX1", "houseAirWaybill", master: "160-11111111", departure: Now.AddDays(2)));
        var summary = await app.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
        Assert.Empty(summary.Consignments[house].DataQuality);
        Assert.False((await app.Application.Consignments.DetailAsync(house, Token))!.Filing!.Deadline!.Late);
    }
}
