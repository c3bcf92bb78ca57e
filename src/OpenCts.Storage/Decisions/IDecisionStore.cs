using OpenCts.Domain.Decisions;

namespace OpenCts.Storage.Decisions;

/// <summary>Officers' decisions on consignments, each kept and journaled.</summary>
public interface IDecisionStore
{
    /// <summary>Records a decision in one unit of work, journaled, and returns its id.</summary>
    Task<long> RecordAsync(Decision decision, CancellationToken cancellationToken);

    /// <summary>Every decision on one document, oldest first.</summary>
    Task<IReadOnlyList<Decision>> OfAsync(string documentKey, CancellationToken cancellationToken);
}
