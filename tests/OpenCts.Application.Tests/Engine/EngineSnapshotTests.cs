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

    [Fact]
    public async Task ReassessingEverythingAfterAProfileChangeSavesOnlyTheAssessmentsItChanged()
    {
        await using var test = new TestApplication();
        await test.Application.Bundles.LoadAsync([TestApplication.Sample()], null, Token);
        var first = await test.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
        var unchanged = await test.Application.Assessment.AssessPendingAsync(new AssessOptions(All: true), null, Token);

        await test.Application.Profiles.ImportAsync(
            [new RiskProfile("NARC-900", "Bananas", ThreatCategory.Narcotics, "any goods: goods.hs4 == \"0803\"", 80, ProfileAction.RedLane, "risk-unit")],
            "bundle.json", Token);
        var changed = await test.Application.Assessment.AssessPendingAsync(new AssessOptions(All: true), null, Token);

        Assert.Equal((first.Count, 0), (unchanged.Count, unchanged.Saved));
        Assert.Empty(unchanged.Assessments);
        Assert.Equal(first.Count, changed.Count);
        Assert.InRange(changed.Saved, 1, first.Count - 1);
        Assert.Equal(changed.Saved, changed.Assessments.Count);
        Assert.All(changed.Assessments, a => Assert.Contains(a.Reasons, r => r.Code == "NARC-900"));
        var bananas = (await test.Store.Messages.CurrentAsync(Token)).Count(c => c.Consignment.Goods.Any(g => g.HsCode?.Value.StartsWith("0803", StringComparison.Ordinal) == true));
        Assert.Equal(bananas, changed.Saved);
    }

    [Fact]
    public async Task ATrainedModelIsInForceForTheNextAssessmentWithItsProbabilityOnItsReason()
    {
        await using var test = new TestApplication();
        await test.Application.Bundles.LoadAsync([TestApplication.Sample()], null, Token);
        var before = await test.Application.Engines.CurrentAsync(Token);
        var request = new OpenCts.Application.Model.ModelTrainingRequest([OpenCts.Tests.Shared.RepositoryData.PathOf("customs-declarations", "train.csv")], null, FromStore: false, RiskModel.Training.TreeLearner.LightGbm, Seed: 42);

        var trained = await test.Application.Training.TrainAsync(OpenCts.Application.Model.ModelTraining.Read(request, Token), Token);
        var after = await test.Application.Engines.CurrentAsync(Token);
        var run = await test.Application.Assessment.AssessPendingAsync(new AssessOptions(Selector: new RiskModel.Selection.InspectionSelector(0.05)), null, Token);

        Assert.Null(before.ModelVersion);
        Assert.Equal(trained.Manifest.Version, after.ModelVersion);
        var model = run.Assessments.Select(a => Assert.Single(a.Reasons, r => r.Kind == ReasonKind.Model)).ToList();
        Assert.All(model, r => Assert.InRange(r.Probability!.Value, 0, 1));
        Assert.All(model, r => Assert.Equal(r.Probability!.Value * OpenCts.Application.Engine.TargetingEngineHost.ModelWeight, r.Score, 9));
        var picks = run.Assessments.Where(a => a.Reasons.Any(r => r.Kind == ReasonKind.ModelSelection)).ToList();
        Assert.Equal((int)Math.Round(run.Assessments.Count * 0.05, MidpointRounding.AwayFromZero), picks.Count);
        Assert.All(picks, a => Assert.Equal(Lane.Red, a.Lane));
    }
}
