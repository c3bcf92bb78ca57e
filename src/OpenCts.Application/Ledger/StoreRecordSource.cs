using OpenCts.Ledger.Audit;
using OpenCts.Storage;

namespace OpenCts.Application.Ledger;

/// <summary>Reads every kind of record back from the store for the ledger's audit and proofs, as the store journaled it, and the purge tombstones that name purged ones.</summary>
/// <remarks>The ledger's audit reads records one at a time and synchronously; the embedded store answers at once, so waiting here costs nothing.</remarks>
public sealed class StoreRecordSource(ICtsStore store) : IRecordSource, IPurgeRegister
{
    public byte[]? Read(string recordKind, string recordId)
    {
        try
        {
            return store.ReadCanonicalAsync(recordKind, recordId, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (ArgumentException)
        {
            throw new UnreadableRecordKindException(recordKind);
        }
    }

    public PurgeNotice? PurgeOf(string recordKind, string recordId) =>
        store.Retention.TombstoneOfAsync(recordKind, recordId, CancellationToken.None).GetAwaiter().GetResult() is { } tombstone
            ? new PurgeNotice(RecordKinds.Purge, tombstone.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), tombstone.Rule, tombstone.PurgedAt)
            : null;
}
