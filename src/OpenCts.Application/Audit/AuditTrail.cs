using OpenCts.Storage;
using OpenCts.Storage.Audit;

namespace OpenCts.Application.Audit;

/// <summary>Who did what, when: every action a host performs for someone, journaled into the ledger.</summary>
public sealed class AuditTrail(ICtsStore store)
{
    public async Task<AuditEntry> RecordAsync(string actor, string action, string target, string outcome, CancellationToken cancellationToken)
    {
        var entry = Entry(actor, action, target, outcome);
        await store.AuditLog.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        return entry;
    }

    /// <summary>An entry stamped now, for a write that records it with its own rows (<see cref="Intake.MessageIntake.ReceiveAsync(ReadOnlyMemory{byte}, string, string?, Func{OpenCts.Storage.Messages.StoredMessage, AuditEntry}, CancellationToken)"/>).</summary>
    public AuditEntry Entry(string actor, string action, string target, string outcome) => new(actor, action, target, outcome, store.Clock.GetUtcNow());

    /// <summary>The latest entries, newest first.</summary>
    public Task<IReadOnlyList<AuditEntry>> LatestAsync(int limit, CancellationToken cancellationToken) => store.AuditLog.LatestAsync(limit, cancellationToken);
}
