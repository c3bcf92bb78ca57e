using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Profiles;

namespace OpenCts.Targeting.Profiles.Compilation;

/// <summary>A risk profile with its criteria compiled.</summary>
public sealed class CompiledProfile(RiskProfile profile, CompiledCriteria criteria)
{
    private readonly double _validFrom = profile.ValidFrom is { } from ? from.ToUnixTimeMilliseconds() / 1000.0 : double.NegativeInfinity;
    private readonly double _validTo = profile.ValidTo is { } to ? to.ToUnixTimeMilliseconds() / 1000.0 : double.PositiveInfinity;
    private readonly string _summary = $"{profile.Category}: {profile.Action}";

    public RiskProfile Profile => profile;

    public CompiledCriteria Criteria => criteria;

    /// <summary>True when the profile's validity window holds the context's instant.</summary>
    public bool InForce(EvaluationContext context) => context.NowSeconds >= _validFrom && context.NowSeconds < _validTo;

    /// <summary>The reason a hit adds to an assessment, with the evidence of the criteria met.</summary>
    public Reason ReasonFor(Consignment consignment, EvaluationContext context) => new(
        ReasonKind.Profile,
        profile.Id,
        profile.Name,
        profile.Weight,
        _summary,
        criteria.Evidence(consignment, context),
        profile.Version,
        profile.Action,
        profile.Category);
}
