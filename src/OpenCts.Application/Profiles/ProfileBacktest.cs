using OpenCts.Application.Engine;
using OpenCts.Domain.Examinations;
using OpenCts.Domain.Profiles;
using OpenCts.Screening.Matching;
using OpenCts.Storage;
using OpenCts.Targeting.Backtesting;
using OpenCts.Targeting.Profiles.Compilation;

namespace OpenCts.Application.Profiles;

/// <summary>Runs profiles (drafts included) over the stored history, beside the active set: how many they would hit, and how often those hits were irregular when examined.</summary>
public sealed class ProfileBacktest(ICtsStore store, TargetingEngineHost engines)
{
    /// <summary>One result per profile, in the order given, then one for the profiles in force.</summary>
    /// <exception cref="OpenCts.Targeting.Profiles.Syntax.ProfileException">A profile's criteria do not compile against the store's lists.</exception>
    public async Task<IReadOnlyList<BacktestResult>> RunAsync(IReadOnlyList<RiskProfile> drafts, string source, CancellationToken cancellationToken)
    {
        var environment = await TargetingEngineHost.EnvironmentAsync(store, cancellationToken).ConfigureAwait(false);
        foreach (var draft in drafts)
        {
            ProfileLifecycle.ThrowIfInvalid(draft, source, environment);
        }
        var history = (await store.Messages.CurrentAsync(cancellationToken).ConfigureAwait(false)).Select(c => c.Consignment).ToList();
        var irregular = (await store.Examinations.AllAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(e => e.DocumentKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Any(e => e.Outcome == ExaminationOutcome.Irregular), StringComparer.Ordinal);
        var now = store.Clock.GetUtcNow();
        var screening = await TargetingEngineHost.ScreeningAsync(store, engines.Settings, cancellationToken).ConfigureAwait(false);
        var function = screening is null ? null : new PartyScreeningFunction(screening);
        var results = new List<BacktestResult>(drafts.Count + 1);
        foreach (var draft in drafts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tried = draft with { Status = ProfileStatus.Active, ValidFrom = null, ValidTo = null };
            var set = new CompiledProfileSet([tried], environment, store.Clock, function);
            results.Add(Backtest.Run($"{draft.Id} (v{draft.Version}, {draft.Status.ToString().ToLowerInvariant()})", set, history, irregular));
        }
        var active = new CompiledProfileSet(await TargetingEngineHost.InForceAsync(store, now, cancellationToken).ConfigureAwait(false), environment, store.Clock, function);
        results.Add(Backtest.Run($"active set ({active.Count} profiles)", active, history, irregular));
        return results;
    }
}
