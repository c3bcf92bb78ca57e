using OpenCts.Storage;
using OpenCts.Storage.Retention;

namespace OpenCts.Application.Privacy;

/// <summary>What one rule finds past its period, and, when applied, what each purge did.</summary>
public sealed record RetentionResult(RetentionRule Rule, DateTimeOffset Cutoff, IReadOnlyList<RetentionCandidate> Expired, IReadOnlyList<PurgeOutcome> Outcomes)
{
    /// <summary>The records purged (tombstones written).</summary>
    public int Purged => Outcomes.Count(o => o.Skipped is null);

    /// <summary>The records kept for now, each with its reason.</summary>
    public IEnumerable<PurgeOutcome> Skipped => Outcomes.Where(o => o.Skipped is not null);
}

/// <summary>Applies retention rules to a store: finds every record past its period and purges each in its own unit of work.</summary>
/// <remarks>
/// One unit of work per record keeps a long purge from holding the write lock, and a crash midway leaves every record
/// either purged with its tombstone or untouched. Run <c>cts ledger checkpoint</c> after, so the tombstones enter the tree.
/// </remarks>
public sealed class RetentionRun(ICtsStore store)
{
    /// <summary>What the rules would purge now, without changing anything.</summary>
    public async Task<IReadOnlyList<RetentionResult>> PlanAsync(IReadOnlyList<RetentionRule> rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var now = store.Clock.GetUtcNow();
        var results = new List<RetentionResult>();
        foreach (var rule in rules)
        {
            var cutoff = rule.CutoffAt(now);
            results.Add(new RetentionResult(rule, cutoff, await store.Retention.ExpiredAsync(rule.Kind, cutoff, cancellationToken).ConfigureAwait(false), []));
        }
        return results;
    }

    /// <summary>Purges what each rule finds past its period; <paramref name="purgedBy"/> is recorded in each tombstone.</summary>
    /// <remarks>Each rule looks for its records after the rules before it ran, so an assessment a consignment took with it is not looked for again.</remarks>
    public async Task<IReadOnlyList<RetentionResult>> ApplyAsync(IReadOnlyList<RetentionRule> rules, string purgedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var now = store.Clock.GetUtcNow();
        var results = new List<RetentionResult>();
        foreach (var rule in rules)
        {
            var cutoff = rule.CutoffAt(now);
            var expired = await store.Retention.ExpiredAsync(rule.Kind, cutoff, cancellationToken).ConfigureAwait(false);
            var outcomes = new List<PurgeOutcome>();
            if (expired.Count > 0)
            {
                // Before the purge: a checkpoint of the e-commerce indicators holds what purged records taught them, and the
                // next build must learn from what is left instead.
                OpenCts.Application.Commerce.CommerceHost.DiscardCheckpoint(store.DataDirectory);
            }
            foreach (var candidate in expired)
            {
                outcomes.Add(await store.Retention.PurgeAsync(candidate, rule.Name, purgedBy, cancellationToken).ConfigureAwait(false));
            }
            results.Add(new RetentionResult(rule, cutoff, expired, outcomes));
        }
        return results;
    }
}
