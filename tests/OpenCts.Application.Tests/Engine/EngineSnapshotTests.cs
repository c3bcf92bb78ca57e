using OpenCts.Application.Assessing;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Profiles;

namespace OpenCts.Application.Tests.Engine;

public class EngineSnapshotTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChangingTheProfilesSwapsTheEngineWhileABatchKeepsTheSnapshotItStartedWith()
    {
        await using var test = new TestApplication();
        var before = await test.Application.Engines.CurrentAsync(Token);

        await test.Application.Profiles.ImportAsync(
            [new RiskProfile("NARC-900", "Bananas", ThreatCategory.Narcotics, "any goods: goods.hs4 == \"0803\"", 80, ProfileAction.RedLane, "risk-unit")],
            "bundle.json", Token);
        var after = await test.Application.Engines.CurrentAsync(Token);

        Assert.True(after.Generation > before.Generation);
        Assert.Equal((0, 1), (before.ProfileCount, after.ProfileCount));
        Assert.NotSame(before, after);
    }

    [Fact]
    public async Task ManyThreadsAssessingOnOneSnapshotGetWhatOneThreadGets()
    {
        await using var test = new TestApplication();
        await test.Application.Bundles.LoadAsync([TestApplication.Sample()], null, Token);
        var engine = await test.Application.Engines.CurrentAsync(Token);
        var consignments = (await test.Store.Messages.CurrentAsync(Token)).Select(c => c.Consignment).ToArray();

        var alone = consignments.Select(engine.Assess).ToArray();
        var together = new Assessment[consignments.Length];
        Parallel.For(0, consignments.Length, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Token }, i => together[i] = engine.Assess(consignments[i]));

        Assert.True(consignments.Length >= 1000);
        Assert.Equal(alone.Select(a => (a.DocumentKey, a.Score, a.Lane, a.Reasons)), together.Select(a => (a.DocumentKey, a.Score, a.Lane, a.Reasons)));
        Assert.Contains(alone, a => a.Lane == Lane.Red);
    }

    [Fact]
    public async Task AssessingThePendingStoresEachAssessmentOnceAndNothingIsPendingAfter()
    {
        await using var test = new TestApplication();
        var bundle = await test.Application.Bundles.LoadAsync([TestApplication.Sample()], null, Token);

        var first = await test.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
        var second = await test.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);

        Assert.Equal(bundle.Messages.Versions, (await test.Store.Messages.CountsAsync(Token)).Versions);
        Assert.Equal((await test.Store.Messages.CurrentAsync(Token)).Count, first.Assessments.Count);
        Assert.Empty(second.Assessments);
        Assert.Empty(await test.Store.Messages.PendingAssessmentAsync(Token));
    }
}
