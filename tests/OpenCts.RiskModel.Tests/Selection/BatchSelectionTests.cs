using OpenCts.Domain.Assessments;
using OpenCts.RiskModel.Selection;

namespace OpenCts.RiskModel.Tests.Selection;

public sealed class BatchSelectionTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static Assessment Scored(int i, double? probability) => new(
        $"BL-{i:000}", 1, 0, Lane.Green,
        probability is { } p ? [new Reason(ReasonKind.Model, "model-v1", "Risk model", p * 40, "", Probability: p)] : [],
        At);

    /// <summary>Stands in for the targeting engine's lane decision: a pick goes to red, the rest keep theirs.</summary>
    private static Lane LaneOf(Assessment assessment, IReadOnlyList<Reason> reasons) =>
        reasons.Any(r => r.Kind == ReasonKind.ModelSelection) ? Lane.Red : assessment.Lane;

    [Fact]
    public void TheModelsTopOfTheBatchGoesToTheRedLaneWithItsRank()
    {
        var batch = Enumerable.Range(0, 100).Select(i => Scored(i, i / 100.0)).ToList();

        var result = BatchSelection.Apply(batch, new InspectionSelector(0.05, ExplorationShare: 0), LaneOf);

        var picked = result.Where(a => a.Lane == Lane.Red).Select(a => a.DocumentKey).ToList();
        Assert.Equal(["BL-095", "BL-096", "BL-097", "BL-098", "BL-099"], picked);
        var top = result[99].Reasons.Single(r => r.Kind == ReasonKind.ModelSelection);
        Assert.Equal("model-top", top.Code);
        Assert.StartsWith("ranked 1 of 100 by the risk model (99%)", top.Detail, StringComparison.Ordinal);
        Assert.All(result.Take(95), a => Assert.Equal(Lane.Green, a.Lane));
    }

    [Fact]
    public void ExplorationPicksAreMarkedAsSuchAndComeFromBelowTheTop()
    {
        var batch = Enumerable.Range(0, 100).Select(i => Scored(i, i / 100.0)).ToList();

        var result = BatchSelection.Apply(batch, new InspectionSelector(0.10, ExplorationShare: 0.3, ExplorationMode.MostUncertain), LaneOf);

        var explored = result.Where(a => a.Reasons.Any(r => r.Code == "model-exploration")).Select(a => a.DocumentKey).ToList();
        Assert.Equal(3, explored.Count);
        Assert.Contains("BL-050", explored);
        Assert.Equal(10, result.Count(a => a.Lane == Lane.Red));
    }

    [Fact]
    public void AssessmentsTheModelDidNotScoreAreNeverPicked()
    {
        var batch = new[] { Scored(0, null), Scored(1, 0.9), Scored(2, null), Scored(3, 0.1) };

        var result = BatchSelection.Apply(batch, new InspectionSelector(0.5, ExplorationShare: 0), LaneOf);

        Assert.Equal([Lane.Green, Lane.Red, Lane.Green, Lane.Green], result.Select(a => a.Lane));
        Assert.Same(batch[0], result[0]);
    }
}
