using OpenCts.Domain.Assessments;

namespace OpenCts.Targeting.Assessment;

/// <summary>How scores become lanes, and how much each kind of reason weighs.</summary>
/// <param name="YellowThreshold">A score at or above this goes to the yellow lane (documentary check).</param>
/// <param name="RedThreshold">A score at or above this goes to the red lane (physical examination).</param>
/// <param name="WatchlistWeight">Score added by a watch-list hit, multiplied by its similarity.</param>
/// <param name="TrustedTraderReduction">Score taken off for a valid trusted trader (AEO), unless a watch list hit.</param>
/// <param name="RandomSelectionRates">Share of each lane picked at random for examination, as a control sample.</param>
/// <param name="RandomSeed">Seed of the random selection; the same seed picks the same consignments.</param>
public sealed record AssessmentSettings(
    double YellowThreshold = 40,
    double RedThreshold = 70,
    double WatchlistWeight = 80,
    double TrustedTraderReduction = 25,
    IReadOnlyDictionary<Lane, double>? RandomSelectionRates = null,
    int RandomSeed = 20261128)
{
    public static AssessmentSettings Default { get; } = new();

    /// <summary>The rate for a lane: 1% of green and yellow by default, none of red (already examined).</summary>
    public double RandomRate(Lane lane) =>
        RandomSelectionRates is { } rates ? rates.GetValueOrDefault(lane) : lane == Lane.Red ? 0 : 0.01;

    public Lane LaneFor(double score) => score >= RedThreshold ? Lane.Red : score >= YellowThreshold ? Lane.Yellow : Lane.Green;
}
