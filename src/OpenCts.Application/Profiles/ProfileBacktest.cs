using OpenCts.Application.Engine;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Examinations;
using OpenCts.Domain.Profiles;
using OpenCts.Screening.Matching;
using OpenCts.Storage;
using OpenCts.Targeting.Backtesting;
using OpenCts.Targeting.Profiles.Compilation;

namespace OpenCts.Application.Profiles;

/// <summary>A consignment a backtested profile would have hit, for the analyst to look at.</summary>
/// <param name="DocumentKey">The consignment's document key.</param>
/// <param name="DocumentNumber">Its document number.</param>
/// <param name="Arrival">Its estimated arrival, else its departure.</param>
/// <param name="Irregular">True or false when it was examined, null when not.</param>
/// <param name="Evidence">Each criterion that held, with the field and the value that met it.</param>
public sealed record BacktestSample(string DocumentKey, string DocumentNumber, DateTimeOffset? Arrival, bool? Irregular, IReadOnlyList<Evidence> Evidence);

/// <summary>A backtest of one profile over a window, beside the profiles in force over the same window, with some of its hits.</summary>
public sealed record BacktestRun(BacktestResult Profile, BacktestResult Active, IReadOnlyList<BacktestSample> Samples);

/// <summary>Runs profiles (drafts included) over the stored history, beside the active set: how many they would hit, and how often those hits were irregular when examined.</summary>
public sealed class ProfileBacktest(ICtsStore store, TargetingEngineHost engines, Commerce.CommerceHost commerce)
{
    /// <summary>One result per profile, in the order given, then one for the profiles in force.</summary>
    /// <exception cref="OpenCts.Targeting.Profiles.Syntax.ProfileException">A profile's criteria do not compile against the store's lists.</exception>
    public async Task<IReadOnlyList<BacktestResult>> RunAsync(IReadOnlyList<RiskProfile> drafts, string source, CancellationToken cancellationToken)
    {
        var history = await HistoryAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<BacktestResult>(drafts.Count + 1);
        foreach (var draft in drafts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(Backtest.Run(Label(draft), await TriedAsync(draft, source, cancellationToken).ConfigureAwait(false), history.Consignments, history.Irregular));
        }
        results.Add(await ActiveAsync(history, cancellationToken).ConfigureAwait(false));
        return results;
    }

    /// <summary>Runs one profile over the consignments arriving in a window (either end open), beside the profiles in force, with up to <paramref name="samples"/> of its hits.</summary>
    /// <exception cref="OpenCts.Targeting.Profiles.Syntax.ProfileException">The criteria do not compile against the store's lists.</exception>
    public async Task<BacktestRun> TryAsync(RiskProfile profile, DateTimeOffset? from, DateTimeOffset? to, int samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var set = await TriedAsync(profile, profile.Id, cancellationToken).ConfigureAwait(false);
        var all = await HistoryAsync(cancellationToken).ConfigureAwait(false);
        var history = all with
        {
            Consignments = [.. all.Consignments.Where(c => (c.EstimatedArrival ?? c.Departure) is not { } when ? from is null && to is null : (from is null || when >= from) && (to is null || when < to))],
        };
        var result = Backtest.Run(Label(profile), set, history.Consignments, history.Irregular);
        var found = new List<BacktestSample>();
        var reasons = new List<Reason>();
        foreach (var consignment in history.Consignments)
        {
            if (found.Count >= samples)
            {
                break;
            }
            reasons.Clear();
            set.Evaluate(consignment, reasons);
            if (reasons.Count > 0)
            {
                found.Add(new BacktestSample(consignment.Document.Key, consignment.Document.Number, consignment.EstimatedArrival ?? consignment.Departure,
                    history.Irregular.TryGetValue(consignment.Document.Key, out var irregular) ? irregular : null, [.. reasons.SelectMany(r => r.Evidence)]));
            }
        }
        return new BacktestRun(result, await ActiveAsync(history, cancellationToken).ConfigureAwait(false), found);
    }

    private sealed record History(IReadOnlyList<Consignment> Consignments, IReadOnlyDictionary<string, bool> Irregular, IScreeningFunction? Screening);

    private async Task<History> HistoryAsync(CancellationToken cancellationToken)
    {
        // With the e-commerce facts as they stand, so that a profile on consignee.entity.* or goods.platformPrice can hit.
        var consignments = await commerce.PeekAsync(await store.Messages.CurrentAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var irregular = (await store.Examinations.AllAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(e => e.DocumentKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Any(e => e.Outcome == ExaminationOutcome.Irregular), StringComparer.Ordinal);
        var screening = await TargetingEngineHost.ScreeningAsync(store, engines.Settings, cancellationToken).ConfigureAwait(false);
        return new History(consignments, irregular, screening is null ? null : new PartyScreeningFunction(screening));
    }

    /// <summary>A profile compiled as if it were in force with no validity window; its criteria checked against the store's lists first.</summary>
    private async Task<CompiledProfileSet> TriedAsync(RiskProfile profile, string source, CancellationToken cancellationToken)
    {
        var environment = await TargetingEngineHost.EnvironmentAsync(store, cancellationToken).ConfigureAwait(false);
        ProfileLifecycle.ThrowIfInvalid(profile, source, environment);
        var screening = await TargetingEngineHost.ScreeningAsync(store, engines.Settings, cancellationToken).ConfigureAwait(false);
        var tried = profile with { Status = ProfileStatus.Active, ValidFrom = null, ValidTo = null };
        return new CompiledProfileSet([tried], environment, store.Clock, screening is null ? null : new PartyScreeningFunction(screening));
    }

    private async Task<BacktestResult> ActiveAsync(History history, CancellationToken cancellationToken)
    {
        var environment = await TargetingEngineHost.EnvironmentAsync(store, cancellationToken).ConfigureAwait(false);
        var active = new CompiledProfileSet(await TargetingEngineHost.InForceAsync(store, store.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false), environment, store.Clock, history.Screening);
        return Backtest.Run($"active set ({active.Count} profiles)", active, history.Consignments, history.Irregular);
    }

    private static string Label(RiskProfile profile) => $"{profile.Id} (v{profile.Version}, {profile.Status.ToString().ToLowerInvariant()})";
}
