using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;

namespace OpenCts.Targeting.Assessment;

/// <summary>The active risk profiles, compiled once and evaluated against every consignment.</summary>
/// <remarks>
/// Implementations are built for the hot path: evaluating a consignment that meets no profile allocates nothing;
/// a hit appends one <see cref="Reason"/> with the evidence for each criterion it met.
/// </remarks>
public interface IRiskProfileSet
{
    /// <summary>How many profiles the set holds.</summary>
    int Count { get; }

    /// <summary>Appends a <see cref="ReasonKind.Profile"/> reason to <paramref name="reasons"/> for each profile the consignment meets.</summary>
    void Evaluate(Consignment consignment, List<Reason> reasons);
}
