using OpenCts.Application.Assessing;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Profiles;

namespace OpenCts.Application.Tests.Profiles;

public class ProfileBacktestWindowTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABacktestOverAWindowCountsOnlyItsArrivalsAndShowsSomeHitsWithTheirEvidence()
    {
        await using var test = new TestApplication();
        await test.Application.Bundles.LoadAsync([TestApplication.Sample()], null, Token);
        await test.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
        var draft = new RiskProfile("WEB-SEA-1", "Sea consignments", ThreatCategory.Other, "mode == \"Sea\"", 10, ProfileAction.YellowLane, "ana", ProfileStatus.Draft);

        var all = await test.Application.Backtests.TryAsync(draft, null, null, samples: 5, Token);
        var from = all.Profile.FirstArrival!.Value.AddDays(2);
        var window = await test.Application.Backtests.TryAsync(draft, from, null, samples: 5, Token);

        Assert.True(all.Profile.Hit > window.Profile.Hit && window.Profile.Hit > 0);
        Assert.True(window.Profile.FirstArrival >= from);
        Assert.Equal(window.Profile.Consignments, window.Active.Consignments);
        Assert.Equal(5, window.Samples.Count);
        Assert.All(window.Samples, s => Assert.True(s.Arrival >= from));
        Assert.All(window.Samples, s => Assert.Contains(s.Evidence, e => e.Field == "mode" && e.Value == "Sea"));
    }
}
