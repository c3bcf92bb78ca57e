using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;

namespace OpenCts.Domain.Profiles;

/// <summary>Where a risk profile is in its life.</summary>
public enum ProfileStatus
{
    Draft,
    AwaitingApproval,
    Active,
    Expired,
    Retired,
}

/// <summary>A risk profile as a risk analyst writes it: criteria in the profile language, a weight and an action.</summary>
/// <remarks>
/// Profiles are versioned: an edit makes a new version and every hit records the version that made it, so that
/// a profile's hit rate is measured on what it said at the time.
/// </remarks>
public sealed record RiskProfile
{
    public RiskProfile(
        string id,
        string name,
        ThreatCategory category,
        string criteria,
        double weight,
        ProfileAction action,
        string owner,
        ProfileStatus status = ProfileStatus.Active,
        int version = 1,
        DateTimeOffset? validFrom = null,
        DateTimeOffset? validTo = null,
        string? description = null)
    {
        Id = id;
        Name = name;
        Category = category;
        Criteria = criteria;
        Weight = weight;
        Action = action;
        Owner = owner;
        Status = status;
        Version = version;
        ValidFrom = validFrom;
        ValidTo = validTo;
        Description = description;
        if (validFrom is { } from && validTo is { } to && to < from)
        {
            throw new DomainException("validTo", $"{to:O} is before validFrom {from:O}");
        }
    }

    /// <summary>A short stable identifier, such as <c>NARC-017</c>.</summary>
    public string Id { get; init => field = Guard.NotBlank(value, "id", 64); }

    public string Name { get; init => field = Guard.NotBlank(value, "name", 256); }

    public ThreatCategory Category { get; init; }

    /// <summary>The criteria in the profile language, such as <c>any goods: goods.hs startsWith "8517" and goods.valuePerKg &lt; 20</c>.</summary>
    public string Criteria { get; init => field = Guard.NotBlank(value, "criteria", 65536); }

    /// <summary>What a hit adds to the consignment's score.</summary>
    public double Weight { get; init => field = double.IsFinite(value) ? value : throw new DomainException("weight", "must be a finite number"); }

    public ProfileAction Action { get; init; }

    /// <summary>The analyst or unit responsible for the profile.</summary>
    public string Owner { get; init => field = Guard.NotBlank(value, "owner", 128); }

    public ProfileStatus Status { get; init; }

    public int Version { get; init => field = value >= 1 ? value : throw new DomainException("version", $"{value} must be 1 or more"); }

    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ValidTo { get; init; }

    public string? Description { get; init; }

    /// <summary>True when the profile is active and its validity window holds the instant.</summary>
    public bool IsInForceAt(DateTimeOffset instant) =>
        Status == ProfileStatus.Active && (ValidFrom is null || ValidFrom <= instant) && (ValidTo is null || instant < ValidTo);
}
