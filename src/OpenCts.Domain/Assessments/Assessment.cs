using OpenCts.Domain.Common;

namespace OpenCts.Domain.Assessments;

/// <summary>The lane a consignment is sent to: released, documentary check, or physical examination.</summary>
public enum Lane
{
    Green,
    Yellow,
    Red,
}

/// <summary>The kind of threat a risk profile targets.</summary>
public enum ThreatCategory
{
    Narcotics,
    WeaponsAndSecurity,
    StrategicAndDualUse,
    Ipr,
    RevenueAndValuation,
    HealthAndSafety,
    EnvironmentAndCites,
    Other,

    /// <summary>Poor advance data itself: vague descriptions, HS codes the nomenclature lacks, unknown places (WCO Risk Management Compendium).</summary>
    DataQuality,
}

/// <summary>What a risk profile asks for when it hits.</summary>
public enum ProfileAction
{
    RedLane,
    YellowLane,
    Hold,
    DocumentaryCheck,
}

/// <summary>Where a reason for a score came from.</summary>
public enum ReasonKind
{
    Profile,
    Watchlist,
    Model,
    RandomSelection,
    TrustedTrader,
    CrossBorder,
    ModelSelection,

    /// <summary>The consignment's data-quality findings: no score of its own, so that profiles decide what poor data weighs.</summary>
    DataQuality,
}

/// <summary>One value of a consignment that met one criterion: the proof behind a reason.</summary>
/// <param name="Criterion">The criterion as the analyst wrote it, such as <c>goods.hs startsWith "8517"</c>.</param>
/// <param name="Field">The field path that was read, such as <c>goods[2].hsCode</c>.</param>
/// <param name="Value">The value that met the criterion, as text.</param>
public sealed record Evidence(string Criterion, string Field, string Value);

/// <summary>Why a consignment got (part of) its score: a profile hit, a watch-list hit, the model, a random pick.</summary>
/// <param name="Kind">Where the reason came from.</param>
/// <param name="Code">The profile id, watch-list entry or model version that made it.</param>
/// <param name="Title">A line an officer reads, such as the profile's name.</param>
/// <param name="Score">What this reason adds to the total (negative for trusted-trader facilitation).</param>
/// <param name="Detail">More on the reason: the threat category, the listed name, the top model features.</param>
/// <param name="Evidence">The values that met each criterion.</param>
/// <param name="Version">The version of the profile, list or model that made the reason.</param>
/// <param name="Action">The action a profile asks for, when it is a profile.</param>
/// <param name="Category">The threat category, when known.</param>
/// <param name="Probability">For the model's reason, its probability that the consignment is irregular; the batch selection ranks by it.</param>
public sealed record Reason(
    ReasonKind Kind,
    string Code,
    string Title,
    double Score,
    string Detail,
    ValueList<Evidence> Evidence = default,
    int Version = 1,
    ProfileAction? Action = null,
    ThreatCategory? Category = null,
    double? Probability = null);

/// <summary>The result of assessing one version of a consignment: score, lane and every reason.</summary>
public sealed record Assessment(
    string DocumentKey,
    int ConsignmentVersion,
    double Score,
    Lane Lane,
    ValueList<Reason> Reasons,
    DateTimeOffset AssessedAt);
