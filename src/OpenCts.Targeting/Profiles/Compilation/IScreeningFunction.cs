using OpenCts.Domain.Consignments;
using OpenCts.Domain.Assessments;
using OpenCts.Targeting.Assessment;

namespace OpenCts.Targeting.Profiles.Compilation;

/// <summary>What <c>screen(party, "list")</c> calls: the best watch-list similarity of a party, in 0..1.</summary>
public interface IScreeningFunction
{
    /// <summary>The best similarity between the party and the entries of one list, or of all lists when <paramref name="list"/> is null.</summary>
    double BestScore(Party party, string? list);
}

/// <summary>Lets <c>screen()</c> use the assessment's party screening.</summary>
public sealed class PartyScreeningFunction(IPartyScreening screening) : IScreeningFunction
{
    public double BestScore(Party party, string? list) => screening.BestScore(party, list);
}
