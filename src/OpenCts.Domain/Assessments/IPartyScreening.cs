using OpenCts.Domain.Consignments;

namespace OpenCts.Domain.Assessments;

/// <summary>Screens the parties of a consignment against the loaded watch lists.</summary>
public interface IPartyScreening
{
    /// <summary>Appends a <see cref="ReasonKind.Watchlist"/> reason for each party whose best hit reaches the alert threshold.</summary>
    void Screen(Consignment consignment, List<Reason> reasons);

    /// <summary>The best similarity in 0..1 between a party and the entries of one list (or of all lists when <paramref name="list"/> is null).</summary>
    double BestScore(Party party, string? list);
}
