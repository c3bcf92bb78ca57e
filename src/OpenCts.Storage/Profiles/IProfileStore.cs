using OpenCts.Domain.Profiles;

namespace OpenCts.Storage.Profiles;

/// <summary>Risk profiles with every version kept: a change to a profile is a new version, never an overwrite.</summary>
public interface IProfileStore
{
    /// <summary>Saves a profile as a new version, journaled, when it differs from the latest one; returns the version in force.</summary>
    Task<RiskProfile> SaveAsync(RiskProfile profile, CancellationToken cancellationToken);

    /// <summary>Saves a profile as a new version only while its latest version is still <paramref name="expectedVersion"/>, journaled.</summary>
    /// <remarks>The check and the insert are one write, so of two changes made from the same version (an approval and a rejection at once) exactly one is kept.</remarks>
    /// <exception cref="StoreConflictException">The latest version is no longer the expected one; nothing was saved.</exception>
    Task<RiskProfile> SaveAsync(RiskProfile profile, int expectedVersion, CancellationToken cancellationToken);

    /// <summary>The latest version of every profile, by id.</summary>
    Task<IReadOnlyList<RiskProfile>> LatestAsync(CancellationToken cancellationToken);

    /// <summary>Every version of one profile, oldest first.</summary>
    Task<IReadOnlyList<RiskProfile>> VersionsAsync(string id, CancellationToken cancellationToken);
}
