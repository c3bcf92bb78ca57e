using OpenCts.RiskModel.Selection;

namespace OpenCts.RiskModel.Tests.Selection;

public sealed class InspectionSelectorTests
{
    private static readonly double[] Probabilities = [.. Enumerable.Range(0, 100).Select(i => i / 100.0)];

    [Fact]
    public void WithoutExplorationTheTopScoresAreInspected()
    {
        var picks = new InspectionSelector(0.05, ExplorationShare: 0).Select(Probabilities);
        Assert.Equal([99, 98, 97, 96, 95], picks.Select(p => p.Index));
        Assert.All(picks, p => Assert.Equal(SelectionReason.TopScore, p.Reason));
    }

    [Fact]
    public void ExplorationTakesItsShareFromRowsTheTopWouldNotPick()
    {
        var picks = new InspectionSelector(0.10, ExplorationShare: 0.3, Seed: 5).Select(Probabilities);
        Assert.Equal(10, picks.Count);
        Assert.Equal([99, 98, 97, 96, 95, 94, 93], picks.Where(p => p.Reason == SelectionReason.TopScore).Select(p => p.Index));
        var explored = picks.Where(p => p.Reason == SelectionReason.Exploration).Select(p => p.Index).ToArray();
        Assert.Equal(3, explored.Length);
        Assert.All(explored, i => Assert.InRange(i, 0, 92));
        Assert.Equal(3, explored.Distinct().Count());
    }

    [Fact]
    public void RandomExplorationIsRepeatableForASeedAndVariesWithIt()
    {
        var one = new InspectionSelector(0.2, 0.5, ExplorationMode.Random, Seed: 1).Select(Probabilities);
        var again = new InspectionSelector(0.2, 0.5, ExplorationMode.Random, Seed: 1).Select(Probabilities);
        var other = new InspectionSelector(0.2, 0.5, ExplorationMode.Random, Seed: 2).Select(Probabilities);
        Assert.Equal(one, again);
        Assert.NotEqual(one, other);
    }

    [Fact]
    public void UncertainExplorationPicksTheScoresNearestOneHalf()
    {
        var picks = new InspectionSelector(0.05, ExplorationShare: 0.4, Mode: ExplorationMode.MostUncertain).Select(Probabilities);
        // 0.49 and 0.51 are equally uncertain; the higher score goes first.
        Assert.Equal([50, 51], picks.Where(p => p.Reason == SelectionReason.Exploration).Select(p => p.Index));
    }
}
