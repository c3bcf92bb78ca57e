using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;
using OpenCts.Targeting.Assessment;

namespace OpenCts.Targeting.Backtesting;

/// <summary>How a set of profiles would have done over the stored history.</summary>
/// <param name="Name">What was measured: the draft profile, or the active set.</param>
/// <param name="Consignments">Consignments run through it.</param>
/// <param name="Hit">Consignments it would have hit.</param>
/// <param name="FirstArrival">Earliest estimated arrival (or departure) among them.</param>
/// <param name="LastArrival">Latest estimated arrival (or departure) among them.</param>
/// <param name="ExaminedHits">Hit consignments that were examined.</param>
/// <param name="IrregularHits">Examined hit consignments found irregular.</param>
public sealed record BacktestResult(string Name, int Consignments, int Hit, DateTimeOffset? FirstArrival, DateTimeOffset? LastArrival, int ExaminedHits, int IrregularHits)
{
    /// <summary>Share of consignments hit.</summary>
    public double HitShare => Consignments == 0 ? 0 : (double)Hit / Consignments;

    /// <summary>Among examined hits, the share found irregular; null when none was examined.</summary>
    public double? HitRate => ExaminedHits == 0 ? null : (double)IrregularHits / ExaminedHits;
}

/// <summary>Runs profiles over past consignments and measures them against examination results.</summary>
/// <remarks>A risk analyst backtests a draft before asking for its approval, and sees it beside the active set.</remarks>
public static class Backtest
{
    /// <param name="name">A label for the report.</param>
    /// <param name="profiles">The compiled profiles to measure.</param>
    /// <param name="history">The consignments to run them over.</param>
    /// <param name="irregular">For each examined document key: true when the examination found an irregularity.</param>
    public static BacktestResult Run(string name, IRiskProfileSet profiles, IEnumerable<Consignment> history, IReadOnlyDictionary<string, bool> irregular)
    {
        var reasons = new List<Reason>();
        int total = 0, hit = 0, examined = 0, irregularHits = 0;
        DateTimeOffset? first = null, last = null;
        foreach (var consignment in history)
        {
            total++;
            var when = consignment.EstimatedArrival ?? consignment.Departure;
            if (when is { } w)
            {
                first = first is null || w < first ? w : first;
                last = last is null || w > last ? w : last;
            }
            reasons.Clear();
            profiles.Evaluate(consignment, reasons);
            if (reasons.Count == 0)
            {
                continue;
            }
            hit++;
            if (irregular.TryGetValue(consignment.Document.Key, out var found))
            {
                examined++;
                irregularHits += found ? 1 : 0;
            }
        }
        return new BacktestResult(name, total, hit, first, last, examined, irregularHits);
    }
}
