using OpenCts.Domain.Consignments;
using OpenCts.Domain.Profiles;
using OpenCts.Ingestion.Pipeline;
using OpenCts.RiskModel.Scoring;
using OpenCts.RiskModel.Training;
using OpenCts.Screening.Matching;
using OpenCts.Storage;
using OpenCts.Targeting.Assessment;
using OpenCts.Targeting.Catalog;
using OpenCts.Targeting.Profiles.Compilation;

namespace OpenCts.Cli.Common;

/// <summary>The assessment pipeline built from what the store holds, with counts to report.</summary>
internal sealed record TargetingEngine(Assessor Assessor, int ProfileCount, int WatchlistEntries, string? ModelVersion);

/// <summary>The CLI's composition root: opens the store and builds what commands need from it.</summary>
internal static class Workspace
{
    /// <summary>What the model's probability of 1 adds to an assessment's score.</summary>
    public const double ModelWeight = 40;

    /// <summary>Every message format this build reads.</summary>
    public static MessageFormats Formats => MessageFormats.All;

    /// <summary>Opens the store with the ledger attached, so every record it writes is journaled as a pending leaf; creates it when the folder has none.</summary>
    /// <remarks>For commands that write (ingest, assess, load, import, train). Commands that only read use <see cref="OpenExistingStore"/>.</remarks>
    public static CtsStore OpenStore(StoreSettings settings) => Ledger.LedgerWiring.Attach(CtsStore.Open(settings.DataDirectory));

    /// <summary>Opens the store as <see cref="OpenStore"/> does, but only when there is one: a command that reads must not leave an empty store behind a mistyped <c>--data</c>.</summary>
    /// <exception cref="NoStoreException">The folder holds no store.</exception>
    public static CtsStore OpenExistingStore(StoreSettings settings)
    {
        RequireStore(settings);
        return OpenStore(settings);
    }

    /// <summary>Whether the data folder holds a store.</summary>
    public static bool StoreExists(StoreSettings settings) => File.Exists(Path.Combine(settings.DataDirectory, CtsStore.FileName));

    /// <summary>Checks that the data folder holds a store, for commands that read its files without opening it as a store.</summary>
    /// <exception cref="NoStoreException">The folder holds no store.</exception>
    public static void RequireStore(StoreSettings settings)
    {
        if (!StoreExists(settings))
        {
            throw new NoStoreException(settings.DataDirectory);
        }
    }

    /// <summary>The profile language's environment: the store's named reference lists.</summary>
    public static ProfileEnvironment Environment(CtsStore store) =>
        new(store.Watchlists.ReferenceLists().ToDictionary(p => p.Key, p => (IReadOnlyCollection<string>)p.Value, StringComparer.Ordinal));

    /// <summary>Checks a profile's criteria before it is saved; the error names the file, the profile and the place in its criteria.</summary>
    public static void CheckProfile(RiskProfile profile, string file, ProfileEnvironment environment)
    {
        var errors = ProfileCompiler.Check(profile, environment);
        if (errors.Count > 0)
        {
            throw new FormatException($"{file}: profile {profile.Id}: criteria {string.Join("; ", errors)}");
        }
    }

    /// <summary>Party screening against every list in the store, with its allow-list; null when no list is loaded.</summary>
    public static PartyScreening? Screening(CtsStore store, AssessmentSettings settings)
    {
        var entries = store.Watchlists.Entries();
        return entries.Count == 0 ? null : new PartyScreening(ScreeningIndex.Build(entries), new AllowList(store.Watchlists.AllowList()), settings.WatchlistWeight);
    }

    /// <summary>The profile language's <c>screen()</c> over a party screening.</summary>
    public static IScreeningFunction? ScreeningFunction(PartyScreening? screening) => screening is null ? null : new PartyScreeningFunction(screening);

    /// <summary>Builds the assessor from the profiles in force, the watch lists, the trusted traders and the latest model.</summary>
    public static TargetingEngine BuildEngine(CtsStore store, AssessmentSettings? settings = null)
    {
        var now = store.Clock.GetUtcNow();
        settings ??= AssessmentSettings.Default;
        var screening = Screening(store, settings);
        var profiles = new CompiledProfileSet(store.Profiles.InForce(now), Environment(store), store.Clock, ScreeningFunction(screening));
        var traders = new TrustedTraderRegister(store.Watchlists.TrustedTraders());
        var scorer = new ModelRepository(Path.Combine(store.Directory, "models")).LoadLatest();
        var model = scorer is null ? null : new ModelAdapter(new ModelReasons(scorer, Weight: ModelWeight), now);
        var assessor = new Assessor(profiles, screening, traders, model, settings, store.Clock);
        return new TargetingEngine(assessor, profiles.Count, screening?.Entries ?? 0, scorer?.Version);
    }

    /// <summary>Adapts the model's reasons to the assessor.</summary>
    private sealed class ModelAdapter(ModelReasons reasons, DateTimeOffset now) : IRiskModel
    {
        public OpenCts.Domain.Assessments.Reason? Explain(Consignment consignment) =>
            reasons.ReasonFor(consignment, DateOnly.FromDateTime((consignment.EstimatedArrival ?? now).UtcDateTime));
    }
}
