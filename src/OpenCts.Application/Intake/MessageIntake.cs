using OpenCts.Application.Referrals;
using OpenCts.Domain.Messages;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Storage;
using OpenCts.Storage.Audit;
using OpenCts.Storage.Messages;

namespace OpenCts.Application.Intake;

/// <summary>One message of a received file or upload, with what the store made of it.</summary>
/// <param name="Source">The file or upload it came from.</param>
/// <param name="Message">The message as read.</param>
/// <param name="Stored">Its outcome, status, versions and every issue.</param>
public sealed record ReceivedMessage(string Source, ParsedMessage Message, StoredMessage Stored);

/// <summary>Receives messages: recognises the format by content, parses, and stores each message with its ledger leaf.</summary>
/// <remarks>
/// A message that can be read is always taken; content faults travel on its consignments as data-quality findings.
/// What cannot be read is stored as rejected with its raw bytes and every error's place, so nothing received is lost.
/// </remarks>
/// <remarks>A new version from the filer of a consignment answers its open requests for information (<see cref="ReferralDesk"/>).</remarks>
/// <remarks>With a queue (<see cref="IAssessmentQueue"/>), each stored message is handed to it once committed, for workers to assess.</remarks>
public sealed partial class MessageIntake(ICtsStore store, MessageFormats formats, IAssessmentQueue? queue = null)
{
    private readonly ReferralDesk _referrals = new(store);

    /// <summary>Receives the bytes of one file or upload, which may hold several messages.</summary>
    /// <param name="content">The raw bytes, exactly as received.</param>
    /// <param name="source">A name for where they came from (a file name, or the upload's), used in every issue's place.</param>
    /// <param name="sender">The authenticated sender, which replaces the sender a message names; null to keep the message's own.</param>
    /// <param name="cancellationToken">Stops between messages; a stored message stays stored.</param>
    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(ReadOnlyMemory<byte> content, string source, string? sender, CancellationToken cancellationToken)
    {
        var received = new FileReceiver(formats, store.Clock).Read(source, content, cancellationToken);
        return await StoreAsync(source, received.Messages, sender, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Receives the bytes of one upload as <see cref="ReceiveAsync(ReadOnlyMemory{byte}, string, string?, CancellationToken)"/>
    /// does; when they hold one message, as a carrier's upload almost always does, that message is stored with the
    /// request's audit entry in one commit.
    /// </summary>
    /// <param name="content">The raw bytes, exactly as received.</param>
    /// <param name="source">A name for where they came from.</param>
    /// <param name="sender">The authenticated sender, or null to keep the message's own.</param>
    /// <param name="audit">Makes the request's audit entry from what became of the lone message.</param>
    /// <param name="cancellationToken">Stops between messages; a stored message stays stored.</param>
    /// <returns>The messages, and whether the audit entry was written with them; when it was not (none or several messages), the caller records it.</returns>
    public async Task<(IReadOnlyList<ReceivedMessage> Messages, bool Audited)> ReceiveAsync(
        ReadOnlyMemory<byte> content, string source, string? sender, Func<StoredMessage, AuditEntry> audit, CancellationToken cancellationToken)
    {
        var received = new FileReceiver(formats, store.Clock).Read(source, content, cancellationToken);
        if (received.Messages.Count != 1)
        {
            return (await StoreAsync(source, received.Messages, sender, cancellationToken).ConfigureAwait(false), false);
        }
        var message = FromSender(received.Messages[0], sender);
        var stored = await store.Messages.StoreAsync(message, source, audit, cancellationToken).ConfigureAwait(false);
        return ([await AfterStoredAsync(source, message, stored, cancellationToken).ConfigureAwait(false)], true);
    }

    /// <summary>Receives one file from disk.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveFileAsync(string path, CancellationToken cancellationToken)
    {
        var received = new FileReceiver(formats, store.Clock).Read(path, cancellationToken);
        return await StoreAsync(Path.GetFileName(path), received.Messages, sender: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads without storing: what each message holds, for a dry run.</summary>
    public IReadOnlyList<ParsedMessage> Read(string path, CancellationToken cancellationToken) =>
        new FileReceiver(formats, store.Clock).Read(path, cancellationToken).Messages;

    private async Task<IReadOnlyList<ReceivedMessage>> StoreAsync(string source, IReadOnlyList<ParsedMessage> messages, string? sender, CancellationToken cancellationToken)
    {
        var result = new List<ReceivedMessage>(messages.Count);
        foreach (var message in messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var taken = FromSender(message, sender);
            var stored = await store.Messages.StoreAsync(taken, source, cancellationToken).ConfigureAwait(false);
            result.Add(await AfterStoredAsync(source, taken, stored, cancellationToken).ConfigureAwait(false));
        }
        return result;
    }

    /// <summary>The message as sent by the authenticated sender, who replaces the one it names; as it is without one.</summary>
    private static ParsedMessage FromSender(ParsedMessage message, string? sender) => sender is null ? message : message with { Sender = sender };

    /// <summary>What follows a committed message: its answers to open requests for information, and its place in the queue.</summary>
    private async Task<ReceivedMessage> AfterStoredAsync(string source, ParsedMessage message, StoredMessage stored, CancellationToken cancellationToken)
    {
        await _referrals.AnswerAsync(stored, message.Sender, cancellationToken).ConfigureAwait(false);
        if (queue is not null && stored.Outcome == MessageOutcome.Stored && stored.Versions.Count > 0)
        {
            await queue.EnqueueAsync(stored, cancellationToken).ConfigureAwait(false);
        }
        return new ReceivedMessage(source, message, stored);
    }
}
