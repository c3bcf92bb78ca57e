using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Profiles;
using OpenCts.RiskModel.Scoring;
using OpenCts.RiskModel.Training;
using OpenCts.Screening.Matching;
using OpenCts.Storage;
using OpenCts.Targeting.Assessment;
using OpenCts.Targeting.Catalog;
using OpenCts.Targeting.Profiles.Compilation;

namespace OpenCts.Application.Engine;

/// <summary>Builds the targeting engine from the store and swaps it atomically when profiles, lists or the model change.</summary>
/// <remarks>
/// Readers take <see cref="CurrentAsync"/> without a lock; a refresh builds the next snapshot aside and publishes it in one
/// reference write, so a batch in flight finishes on the snapshot it started with.
/// </remarks>
public sealed class TargetingEngineHost(ICtsStore store, AssessmentSettings settings)
{
    /// <summary>What the model's probability of 1 adds to an assessment's score.</summary>
    public const double ModelWeight = 40;

    private readonly SemaphoreSlim _building = new(1, 1);
    private TargetingEngine? _current;
    private long _generation;

    public AssessmentSettings Settings => settings;

    /// <summary>The engine in force, built on first use.</summary>
    public async ValueTask<TargetingEngine> CurrentAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _current) ?? await RefreshAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Builds a new engine from what the store holds now and puts it in force.</summary>
    public async Task<TargetingEngine> RefreshAsync(CancellationToken cancellationToken)
    {
        await _building.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var engine = await BuildAsync(Interlocked.Increment(ref _generation), cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, engine);
            return engine;
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>The profile language's environment: the store's named reference lists.</summary>
    public static async Task<ProfileEnvironment> EnvironmentAsync(ICtsStore store, CancellationToken cancellationToken)
    {
        var lists = await store.Watchlists.ReferenceListsAsync(cancellationToken).ConfigureAwait(false);
        return new ProfileEnvironment(lists.ToDictionary(p => p.Key, p => (IReadOnlyCollection<string>)p.Value, StringComparer.Ordinal));
    }

    /// <summary>Party screening against every list in the store with its allow-list; null when no list is loaded.</summary>
    public static async Task<PartyScreening?> ScreeningAsync(ICtsStore store, AssessmentSettings settings, CancellationToken cancellationToken)
    {
        var entries = await store.Watchlists.EntriesAsync(cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            return null;
        }
        var allowed = await store.Watchlists.AllowListAsync(cancellationToken).ConfigureAwait(false);
        return new PartyScreening(ScreeningIndex.Build(entries), new AllowList(allowed), settings.WatchlistWeight);
    }

    /// <summary>The profiles in force at an instant: of each profile, the latest version approved, unless a later one retired it.</summary>
    /// <remarks>A new draft of an active profile leaves the active version in force until the draft is approved.</remarks>
    public static async Task<IReadOnlyList<RiskProfile>> InForceAsync(ICtsStore store, DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var result = new List<RiskProfile>();
        foreach (var latest in await store.Profiles.LatestAsync(cancellationToken).ConfigureAwait(false))
        {
            var candidate = latest;
            if (latest.Status is ProfileStatus.Draft or ProfileStatus.AwaitingApproval)
            {
                var versions = await store.Profiles.VersionsAsync(latest.Id, cancellationToken).ConfigureAwait(false);
                candidate = versions.LastOrDefault(v => v.Status is ProfileStatus.Active or ProfileStatus.Retired) ?? latest;
            }
            if (candidate.IsInForceAt(instant))
            {
                result.Add(candidate);
            }
        }
        return result;
    }

    private async Task<TargetingEngine> BuildAsync(long generation, CancellationToken cancellationToken)
    {
        var clock = store.Clock;
        var now = clock.GetUtcNow();
        var screening = await ScreeningAsync(store, settings, cancellationToken).ConfigureAwait(false);
        var function = screening is null ? null : new PartyScreeningFunction(screening);
        var inForce = await InForceAsync(store, now, cancellationToken).ConfigureAwait(false);
        var profiles = new CompiledProfileSet(inForce, await EnvironmentAsync(store, cancellationToken).ConfigureAwait(false), clock, function);
        var traders = new TrustedTraderRegister(await store.Watchlists.TrustedTradersAsync(cancellationToken).ConfigureAwait(false));
        var scorer = new ModelRepository(Path.Combine(store.DataDirectory, "models")).LoadLatest();
        var model = scorer is null ? null : new ModelAdapter(new ModelReasons(scorer, Weight: ModelWeight), now);
        return new TargetingEngine(() => new Assessor(profiles, screening, traders, model, settings, clock), settings, profiles.Count, screening?.Entries ?? 0, scorer?.Version, generation);
    }

    /// <summary>Adapts the model's reasons to the assessor: a consignment is scored as of its arrival.</summary>
    private sealed class ModelAdapter(ModelReasons reasons, DateTimeOffset now) : IRiskModel
    {
        public Reason? Explain(Consignment consignment) =>
            reasons.ReasonFor(consignment, DateOnly.FromDateTime((consignment.EstimatedArrival ?? now).UtcDateTime));
    }
}
