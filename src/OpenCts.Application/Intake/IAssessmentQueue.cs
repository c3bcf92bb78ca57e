using OpenCts.Storage.Messages;

namespace OpenCts.Application.Intake;

/// <summary>Where the intake sends each stored message to be assessed, when assessment runs in other processes (the workers of a pipeline).</summary>
/// <remarks>
/// The store is the durable record: a message is committed before it is queued, and a queue that cannot take it now
/// must take it later from the store's pending consignments (<see cref="OpenCts.Storage.Messages.IMessageStore.PendingAssessmentAsync"/>),
/// so that nothing received is left unassessed. Queuing the same message twice is harmless: the queue deduplicates it
/// and the workers write each consignment version's assessment once.
/// </remarks>
public interface IAssessmentQueue
{
    /// <summary>Queues the consignment versions of one stored message.</summary>
    /// <param name="stored">What the store made of the message; only one with versions is queued.</param>
    /// <param name="cancellationToken">Stops the wait for the queue's acknowledgement; the message stays stored and pending.</param>
    Task EnqueueAsync(StoredMessage stored, CancellationToken cancellationToken);
}
