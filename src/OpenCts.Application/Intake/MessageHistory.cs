using OpenCts.Application.Consignments;
using OpenCts.Storage;
using OpenCts.Storage.Messages;

namespace OpenCts.Application.Intake;

/// <summary>The messages received, as their senders and the administrators read them back: newest first, paged.</summary>
public sealed class MessageHistory(ICtsStore store)
{
    /// <summary>A page of stored messages, of one sender and one status when given (<c>rejected</c> lists the intake errors).</summary>
    public async Task<Page<ReceivedRecord>> ListAsync(string? sender, string? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await store.Messages.CountAsync(sender, status, cancellationToken).ConfigureAwait(false);
        var items = await store.Messages.ListAsync(sender, status, (page - 1) * pageSize, pageSize, cancellationToken).ConfigureAwait(false);
        return new Page<ReceivedRecord>(items, page, pageSize, total);
    }

    /// <summary>One stored message's bytes exactly as received, or null.</summary>
    public Task<byte[]?> RawAsync(long id, CancellationToken cancellationToken) => store.Messages.RawAsync(id, cancellationToken);
}
