using OpenCts.Domain.Profiles;

namespace OpenCts.Storage.Profiles;

/// <summary>Risk profiles with every version kept: a change to a profile is a new version, never an overwrite.</summary>
public interface IProfileStore
{
    /// <summary>Saves a profile as a new version, journaled, when it differs from the latest one; returns the version in force.</summary>
    Task<RiskProfile> SaveAsync(RiskProfile profile, CancellationToken cancellationToken);

    /// <summary>The latest version of every profile, by id.</summary>
    Task<IReadOnlyList<RiskProfile>> LatestAsync(CancellationToken cancellationToken);

    /// <summary>Every version of one profile, oldest first.</summary>
    Task<IReadOnlyList<RiskProfile>> VersionsAsync(string id, CancellationToken cancellationToken);
}
