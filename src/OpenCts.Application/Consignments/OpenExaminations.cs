using OpenCts.Domain.Decisions;
using OpenCts.Storage;
using OpenCts.Storage.Messages;

namespace OpenCts.Application.Consignments;

/// <summary>A consignment ordered for examination whose result is not recorded yet.</summary>
/// <param name="Consignment">Its current version.</param>
/// <param name="Order">The decision that ordered the examination (its kind, who, when, why).</param>
public sealed record OpenExamination(StoredConsignment Consignment, Decision Order);

/// <summary>The examinations waiting for a result: the latest <c>examine</c> decision of a consignment with no result recorded after it.</summary>
public sealed class OpenExaminations(ICtsStore store)
{
    /// <summary>Every open examination, the oldest order first.</summary>
    public async Task<IReadOnlyList<OpenExamination>> ListAsync(CancellationToken cancellationToken)
    {
        var lastResult = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var result in await store.Examinations.AllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!lastResult.TryGetValue(result.DocumentKey, out var at) || result.ExaminedAt > at)
            {
                lastResult[result.DocumentKey] = result.ExaminedAt;
            }
        }
        var open = new List<OpenExamination>();
        foreach (var stored in await store.Messages.CurrentAsync(cancellationToken).ConfigureAwait(false))
        {
            var decisions = await store.Decisions.OfAsync(stored.DocumentKey, cancellationToken).ConfigureAwait(false);
            var order = decisions.LastOrDefault(d => string.Equals(d.Action, DecisionActions.Examine, StringComparison.Ordinal));
            if (order is not null && !(lastResult.TryGetValue(stored.DocumentKey, out var examined) && examined >= order.DecidedAt))
            {
                open.Add(new OpenExamination(stored, order));
            }
        }
        return [.. open.OrderBy(o => o.Order.DecidedAt)];
    }
}
