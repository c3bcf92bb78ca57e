using OpenCts.Domain.Consignments;

namespace OpenCts.Targeting.Assessment;

/// <summary>Tells whether a party is an authorised economic operator or other trusted trader at an instant.</summary>
public interface ITrustedTraders
{
    /// <summary>The programme (such as <c>AEO-F</c>) under which the party is trusted at the instant, or null.</summary>
    string? ProgrammeOf(Party party, DateTimeOffset instant);
}

/// <summary>A risk model that scores consignments; its reason carries the top feature contributions.</summary>
public interface IRiskModel
{
    /// <summary>The model's reason for a consignment, or null when the model has nothing to say.</summary>
    OpenCts.Domain.Assessments.Reason? Explain(Consignment consignment);
}
