using OpenCts.Storage.Messages;

namespace OpenCts.Storage.Consignments;

/// <summary>Finds current consignments by key and by transport document: a worklist's facts, and house and master filings linked by master number.</summary>
public interface IConsignmentIndex
{
    /// <summary>The current version of each of the documents that is not cancelled.</summary>
    Task<IReadOnlyList<StoredConsignment>> CurrentOfAsync(IReadOnlyCollection<string> documentKeys, CancellationToken cancellationToken);

    /// <summary>The keys of the current consignments, not cancelled, whose document has the number and names no master of its own: the master filings a house names.</summary>
    /// <remarks>Keys only, in the order stored: a consolidation has thousands of houses, and each one's assessment looks its master up.</remarks>
    Task<IReadOnlyList<string>> MastersNumberedAsync(string number, CancellationToken cancellationToken);

    /// <summary>The keys of the current consignments, not cancelled, whose current version names the master number: the houses of a master filing.</summary>
    /// <remarks>A house's earlier versions may have named another master; only its current one counts.</remarks>
    Task<IReadOnlyList<string>> HousesOfAsync(string masterNumber, CancellationToken cancellationToken);
}
