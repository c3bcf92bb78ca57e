using OpenCts.Storage.Messages;

namespace OpenCts.Storage.Consignments;

/// <summary>Finds current consignments by key and by transport document: a worklist's facts, and house and master filings linked by master number.</summary>
public interface IConsignmentIndex
{
    /// <summary>The current version of each of the documents that is not cancelled.</summary>
    Task<IReadOnlyList<StoredConsignment>> CurrentOfAsync(IReadOnlyCollection<string> documentKeys, CancellationToken cancellationToken);

    /// <summary>The current consignments that are not cancelled whose document number, or whose master document number, is the number.</summary>
    Task<IReadOnlyList<StoredConsignment>> LinkedByAsync(string documentNumber, CancellationToken cancellationToken);
}
