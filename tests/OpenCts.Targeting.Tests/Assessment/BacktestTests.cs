using OpenCts.Domain.Assessments;
using OpenCts.Domain.Profiles;
using OpenCts.Ingestion.Samples;
using OpenCts.Targeting.Backtesting;
using OpenCts.Targeting.Profiles.Compilation;

namespace OpenCts.Targeting.Tests.Assessment;

public class BacktestTests
{
    [Fact]
    public void ABacktestCountsHitsAndMeasuresTheHitRateOnExaminedConsignmentsOnly()
    {
        var history = new SampleGenerator(21).Generate(2000);
        var profile = new RiskProfile("D-1", "sea", ThreatCategory.Other, "mode == \"Sea\"", 10, ProfileAction.YellowLane, "tests", ProfileStatus.Draft);
        var set = new CompiledProfileSet([profile with { Status = ProfileStatus.Active }]);
        var sea = history.Where(c => c.Mode == Domain.Consignments.TransportMode.Sea).ToList();
        var air = history.Where(c => c.Mode == Domain.Consignments.TransportMode.Air).Take(5);
        var examined = sea.Take(4).Select((c, i) => (c.Document.Key, Irregular: i == 0))
            .Concat(air.Select(c => (c.Document.Key, Irregular: true)))
            .ToDictionary(e => e.Key, e => e.Irregular);

        var result = Backtest.Run("D-1", set, history, examined);

        Assert.Equal(2000, result.Consignments);
        Assert.Equal(sea.Count, result.Hit);
        Assert.Equal(4, result.ExaminedHits);
        Assert.Equal(1, result.IrregularHits);
        Assert.Equal(0.25, result.HitRate);
        Assert.Equal(history.Min(c => c.EstimatedArrival ?? c.Departure), result.FirstArrival);
    }

    [Fact]
    public void AProfileThatHitsNothingHasNoHitRate()
    {
        var profile = new RiskProfile("D-2", "none", ThreatCategory.Other, "mode == \"Rail\"", 10, ProfileAction.YellowLane, "tests");
        var result = Backtest.Run("D-2", new CompiledProfileSet([profile]), new SampleGenerator(3).Generate(100), new Dictionary<string, bool>());
        Assert.Equal(0, result.Hit);
        Assert.Null(result.HitRate);
    }
}
