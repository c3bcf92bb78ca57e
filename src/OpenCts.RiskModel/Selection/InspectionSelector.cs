namespace OpenCts.RiskModel.Selection;

/// <summary>How the exploration share of an inspection batch is picked.</summary>
public enum ExplorationMode
{
    /// <summary>Uniformly at random among the rest, with a seed.</summary>
    Random,

    /// <summary>The rest with probability nearest one half, where the model knows least.</summary>
    MostUncertain,
}

/// <summary>Why a declaration was picked for inspection.</summary>
public enum SelectionReason
{
    TopScore,
    Exploration,
}

/// <summary>One pick: the row index in the batch, and why.</summary>
public readonly record struct Selection(int Index, SelectionReason Reason);

/// <summary>Picks which declarations of a batch to inspect: the top by score, plus an exploration share.</summary>
/// <remarks>
/// A model trained only on what it chose to inspect never learns about what it ranks low. Spending a share of the
/// inspections elsewhere keeps the examination results a fair sample for retraining and for measuring the model.
/// </remarks>
/// <param name="InspectionShare">The share of the batch that can be inspected, such as 0.05.</param>
/// <param name="ExplorationShare">The share of those inspections given to exploration, such as 0.1.</param>
/// <param name="Mode">How exploration picks.</param>
/// <param name="Seed">Seed of random exploration.</param>
public sealed record InspectionSelector(double InspectionShare, double ExplorationShare = 0.1, ExplorationMode Mode = ExplorationMode.Random, int Seed = 1)
{
    public IReadOnlyList<Selection> Select(ReadOnlySpan<double> probabilities)
    {
        if (InspectionShare is < 0 or > 1 || ExplorationShare is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(InspectionShare), "shares are between 0 and 1");
        }
        var budget = (int)Math.Round(probabilities.Length * InspectionShare, MidpointRounding.AwayFromZero);
        var explore = (int)Math.Round(budget * ExplorationShare, MidpointRounding.AwayFromZero);
        var exploit = budget - explore;

        var byScore = Evaluation.RankingMetrics.Order(probabilities, descending: true);
        var picks = new List<Selection>(budget);
        for (var i = 0; i < exploit; i++)
        {
            picks.Add(new Selection(byScore[i], SelectionReason.TopScore));
        }
        var rest = byScore.AsSpan(exploit).ToArray();
        if (Mode == ExplorationMode.Random)
        {
            new Random(Seed).Shuffle(rest);
        }
        else
        {
            var p = probabilities.ToArray();
            // Stable sort by distance from one half; ties keep their order by score.
            rest = [.. rest.Select((index, rank) => (index, rank)).OrderBy(x => Math.Abs(p[x.index] - 0.5)).ThenBy(x => x.rank).Select(x => x.index)];
        }
        for (var i = 0; i < Math.Min(explore, rest.Length); i++)
        {
            picks.Add(new Selection(rest[i], SelectionReason.Exploration));
        }
        return picks;
    }
}
