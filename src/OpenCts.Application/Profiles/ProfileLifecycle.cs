using OpenCts.Application.Engine;
using OpenCts.Domain.Profiles;
using OpenCts.Storage;
using OpenCts.Targeting.Profiles.Compilation;
using OpenCts.Targeting.Profiles.Syntax;

namespace OpenCts.Application.Profiles;

/// <summary>A change to a profile that its state or the actor does not allow.</summary>
public sealed class ProfileLifecycleException(string message) : InvalidOperationException(message);

/// <summary>The life of a risk profile: draft, submitted for approval, approved by another person and active, then expired or retired.</summary>
/// <remarks>
/// Criteria are compiled against the store's reference lists before anything is saved, so no profile that cannot run is
/// ever stored. Every change is a new version, journaled; activation needs a second person (four eyes).
/// </remarks>
public sealed class ProfileLifecycle(ICtsStore store, TargetingEngineHost engines)
{
    /// <summary>Checks a profile's criteria; the errors name the place in the criteria.</summary>
    public async Task<IReadOnlyList<ProfileError>> CheckAsync(RiskProfile profile, CancellationToken cancellationToken) =>
        ProfileCompiler.Check(profile, await TargetingEngineHost.EnvironmentAsync(store, cancellationToken).ConfigureAwait(false));

    /// <summary>Checks criteria alone, as an editor does while the analyst types; the errors name the place in the text.</summary>
    public async Task<IReadOnlyList<ProfileError>> CheckCriteriaAsync(string criteria, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(criteria)
            ? [new ProfileError(1, 1, "the criteria are empty: write a condition such as mode == \"Sea\"")]
            : ProfileCompiler.Check(criteria, await TargetingEngineHost.EnvironmentAsync(store, cancellationToken).ConfigureAwait(false));

    /// <summary>Saves a profile as it is given (a bundle's profiles, already approved), after the compile check, and puts it in force.</summary>
    /// <param name="profiles">The profiles to save.</param>
    /// <param name="source">Where they came from, named in an error.</param>
    /// <param name="cancellationToken">Stops before the next profile is saved.</param>
    /// <exception cref="ProfileException">A profile's criteria do not compile; the profiles before it are saved.</exception>
    public async Task<IReadOnlyList<RiskProfile>> ImportAsync(IReadOnlyList<RiskProfile> profiles, string source, CancellationToken cancellationToken)
    {
        var environment = await TargetingEngineHost.EnvironmentAsync(store, cancellationToken).ConfigureAwait(false);
        foreach (var profile in profiles)
        {
            ThrowIfInvalid(profile, source, environment);
        }
        var saved = new List<RiskProfile>(profiles.Count);
        foreach (var profile in profiles)
        {
            saved.Add(await store.Profiles.SaveAsync(profile, cancellationToken).ConfigureAwait(false));
        }
        await engines.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return saved;
    }

    /// <summary>Saves a draft written by an analyst, after the compile check.</summary>
    public async Task<RiskProfile> SaveDraftAsync(RiskProfile profile, CancellationToken cancellationToken)
    {
        ThrowIfInvalid(profile, profile.Id, await TargetingEngineHost.EnvironmentAsync(store, cancellationToken).ConfigureAwait(false));
        return await store.Profiles.SaveAsync(profile with { Status = ProfileStatus.Draft }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Submits the latest draft for approval.</summary>
    public Task<RiskProfile> SubmitAsync(string id, string actor, CancellationToken cancellationToken) =>
        MoveAsync(id, actor, [ProfileStatus.Draft], ProfileStatus.AwaitingApproval, fourEyes: false, cancellationToken);

    /// <summary>Approves a submitted profile and puts it in force: never by its owner.</summary>
    public Task<RiskProfile> ApproveAsync(string id, string actor, CancellationToken cancellationToken) =>
        MoveAsync(id, actor, [ProfileStatus.AwaitingApproval], ProfileStatus.Active, fourEyes: true, cancellationToken);

    /// <summary>Sends a submitted profile back to draft: never by its owner.</summary>
    public Task<RiskProfile> RejectAsync(string id, string actor, CancellationToken cancellationToken) =>
        MoveAsync(id, actor, [ProfileStatus.AwaitingApproval], ProfileStatus.Draft, fourEyes: true, cancellationToken);

    /// <summary>Takes a profile out of force for good.</summary>
    public Task<RiskProfile> RetireAsync(string id, string actor, CancellationToken cancellationToken) =>
        MoveAsync(id, actor, [ProfileStatus.Draft, ProfileStatus.AwaitingApproval, ProfileStatus.Active, ProfileStatus.Expired], ProfileStatus.Retired, fourEyes: false, cancellationToken);

    /// <summary>The latest version of a profile, or null.</summary>
    public async Task<RiskProfile?> LatestAsync(string id, CancellationToken cancellationToken) =>
        (await store.Profiles.VersionsAsync(id, cancellationToken).ConfigureAwait(false)).LastOrDefault();

    /// <summary>The status a person sees: an active profile past its validity is expired.</summary>
    public static ProfileStatus StatusAt(RiskProfile profile, DateTimeOffset instant) =>
        profile.Status == ProfileStatus.Active && profile.ValidTo is { } to && to <= instant ? ProfileStatus.Expired : profile.Status;

    private async Task<RiskProfile> MoveAsync(string id, string actor, ProfileStatus[] from, ProfileStatus to, bool fourEyes, CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new ProfileLifecycleException($"profile {id} does not exist");
        var status = StatusAt(latest, store.Clock.GetUtcNow());
        if (!from.Contains(status))
        {
            throw new ProfileLifecycleException($"profile {id} version {latest.Version} is {status}; it must be {string.Join(" or ", from)} to become {to}");
        }
        if (fourEyes && string.Equals(latest.Owner, actor, StringComparison.OrdinalIgnoreCase))
        {
            throw new ProfileLifecycleException($"profile {id} is owned by {actor}: a second person must approve or reject it");
        }
        if (to == ProfileStatus.Active)
        {
            ThrowIfInvalid(latest, id, await TargetingEngineHost.EnvironmentAsync(store, cancellationToken).ConfigureAwait(false));
        }
        RiskProfile saved;
        try
        {
            // Conditional on the version checked above: of an approval and a rejection sent at once, only one is kept.
            saved = await store.Profiles.SaveAsync(latest with { Status = to }, latest.Version, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException e)
        {
            throw new ProfileLifecycleException(e.Message);
        }
        await engines.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return saved;
    }

    internal static void ThrowIfInvalid(RiskProfile profile, string source, ProfileEnvironment environment)
    {
        var errors = ProfileCompiler.Check(profile, environment);
        if (errors.Count > 0)
        {
            throw new ProfileException($"{source}: profile {profile.Id}: criteria {string.Join("; ", errors)}", errors, source, profile.Id);
        }
    }
}
