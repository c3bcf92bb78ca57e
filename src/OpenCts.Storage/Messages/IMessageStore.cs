using OpenCts.Domain.Consignments;
using OpenCts.Domain.Messages;
using OpenCts.Storage.Audit;

namespace OpenCts.Storage.Messages;

/// <summary>What became of a received message.</summary>
public enum MessageOutcome
{
    /// <summary>Stored, with any warnings and data-quality findings.</summary>
    Stored,

    /// <summary>The same sender and message id was already stored; nothing was written.</summary>
    Duplicate,

    /// <summary>Rejected: its raw bytes and errors are kept, none of its consignments.</summary>
    Rejected,
}

/// <summary>The result of storing one message.</summary>
/// <param name="Outcome">Stored, duplicate or rejected.</param>
/// <param name="RawMessageId">The stored raw message (the earlier one for a duplicate).</param>
/// <param name="Status">The status the sender is told: <c>accepted</c>, <c>accepted-with-warnings</c>, <c>accepted-with-findings</c>, <c>duplicate</c> or <c>rejected</c>.</param>
/// <param name="Versions">The consignment versions written: document key and version.</param>
/// <param name="Issues">All warnings and errors, including those the store added (a cancellation of an unknown document).</param>
/// <param name="Findings">The data-quality findings of the consignments stored: taken, and told to the sender.</param>
public sealed record StoredMessage(MessageOutcome Outcome, long RawMessageId, string Status, IReadOnlyList<(string DocumentKey, int Version)> Versions, IReadOnlyList<IngestionIssue> Issues, IReadOnlyList<DocumentFinding> Findings);

/// <summary>A stored version of a consignment with its bookkeeping.</summary>
public sealed record StoredConsignment(string DocumentKey, int Version, string Status, long RawMessageId, Consignment Consignment);

/// <summary>One page of stored consignment versions, in the order they were stored.</summary>
/// <param name="Items">The versions of the page.</param>
/// <param name="Next">Where the next page starts: pass it as <c>after</c>; the page was the last when it holds fewer than asked.</param>
public sealed record ConsignmentPage(IReadOnlyList<StoredConsignment> Items, long Next)
{
    /// <summary>For a page of <see cref="IMessageStore.CurrentPageAsync"/>: the assessment in force for each item's version, in the items' order (null for one that has none); otherwise null.</summary>
    public IReadOnlyList<Assessments.AssessmentInForce?>? InForce { get; init; }
}

/// <summary>A current version's outline, with whether it still waits for an assessment of that version.</summary>
/// <param name="DocumentKey">The consignment's key.</param>
/// <param name="Version">The version's number.</param>
/// <param name="Outline">What the e-commerce build reads of it; the whole consignment is read again by its row when needed.</param>
/// <param name="Pending">Whether it still waits for an assessment of that version.</param>
/// <param name="VersionId">The version's row, by which <see cref="IMessageStore.VersionsByIdAsync"/> reads it again.</param>
public sealed record HistoryItem(string DocumentKey, int Version, ConsignmentOutline Outline, bool Pending, long VersionId);

/// <summary>One page of current versions, each marked pending or assessed, in the order they were stored.</summary>
/// <param name="Items">The versions of the page.</param>
/// <param name="Next">Where the next page starts, as <see cref="ConsignmentPage.Next"/>.</param>
public sealed record HistoryPage(IReadOnlyList<HistoryItem> Items, long Next);

/// <summary>How many messages and consignments a store holds.</summary>
public sealed record MessageCounts(long Messages, long Rejected, long Consignments, long Versions);

/// <summary>Raw messages and consignment versions: what was received, exactly, and what was read from it.</summary>
public interface IMessageStore
{
    /// <summary>Stores one message in one unit of work: the raw bytes, then a new version of each consignment, journaled.</summary>
    /// <param name="message">The parsed message; a rejected one keeps only its bytes and issues.</param>
    /// <param name="fileName">The file or upload it came from, kept with the raw bytes.</param>
    /// <param name="cancellationToken">Stops before the commit; nothing is then written.</param>
    Task<StoredMessage> StoreAsync(ParsedMessage message, string fileName, CancellationToken cancellationToken);

    /// <summary>Stores one message as <see cref="StoreAsync(ParsedMessage, string, CancellationToken)"/> does, and in the same unit of work the audit entry that <paramref name="audit"/> makes of what became of it.</summary>
    /// <remarks>
    /// The request that brought the message is then answered after one commit, not two (the message's, then its audit
    /// entry's), and a crash keeps both or neither.
    /// </remarks>
    /// <param name="message">The parsed message.</param>
    /// <param name="fileName">The file or upload it came from.</param>
    /// <param name="audit">Makes the audit entry from the stored message's outcome; called once, inside the unit of work.</param>
    /// <param name="cancellationToken">Stops before the commit; nothing is then written.</param>
    Task<StoredMessage> StoreAsync(ParsedMessage message, string fileName, Func<StoredMessage, AuditEntry> audit, CancellationToken cancellationToken);

    /// <summary>Does ahead, on the calling thread, the part of storing a message that no row of the store decides (packing its bytes and bodies, digests), so that the store's one writer has less to do.</summary>
    /// <remarks>Bulk intake calls this on the threads that parse, while the writer stores the batch before. A store with nothing to do ahead gives the message as it is.</remarks>
    /// <param name="message">The parsed message.</param>
    /// <param name="fileName">The file or upload it came from.</param>
    PreparedMessage Prepare(ParsedMessage message, string fileName) => new(message, fileName);

    /// <summary>Stores several messages in one unit of work, each as <see cref="StoreAsync(ParsedMessage, string, CancellationToken)"/> would, in order: a batch commits or writes nothing.</summary>
    /// <remarks>One transaction for many messages is what makes bulk intake fast; a duplicate of an earlier message in the same batch is a duplicate.</remarks>
    /// <param name="messages">Each message as <see cref="Prepare"/> gave it.</param>
    /// <param name="cancellationToken">Stops before the commit; nothing is then written.</param>
    Task<IReadOnlyList<StoredMessage>> StoreManyAsync(IReadOnlyList<PreparedMessage> messages, CancellationToken cancellationToken);

    /// <summary>A page of the latest versions of active consignments, oldest stored first, after a position.</summary>
    /// <param name="pendingOnly">Only those with no assessment of that version yet (as <see cref="PendingAssessmentAsync"/>); otherwise all (as <see cref="CurrentAsync"/>).</param>
    /// <param name="after">0 for the first page, then the previous page's <see cref="ConsignmentPage.Next"/>.</param>
    /// <param name="take">At most this many.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<ConsignmentPage> PageAsync(bool pendingOnly, long after, int take, CancellationToken cancellationToken);

    /// <summary>A page of the latest versions of active consignments, as <see cref="PageAsync"/> without <c>pendingOnly</c>, with what the assessment in force for each says (<see cref="ConsignmentPage.InForce"/>).</summary>
    /// <remarks>
    /// What re-assessing the stored history reads (<c>cts assess --all</c>, after profiles change), so that it saves only
    /// the assessments that say something else: read with the page, in the page's order, the assessments in force cost
    /// a walk beside it rather than a search each under the store's one writer. They are what was in force when the page
    /// was read: should a writer save another assessment of a version meanwhile, a re-assessment that says what the
    /// earlier one said is not saved and the writer's stands, as if it had been saved after.
    /// </remarks>
    Task<ConsignmentPage> CurrentPageAsync(long after, int take, CancellationToken cancellationToken);

    /// <summary>A page of the latest versions of active consignments, as <see cref="PageAsync"/> without <c>pendingOnly</c>, each marked whether it still waits for an assessment.</summary>
    /// <remarks>One walk tells what was assessed from what waits, where a walk of both lists would read every pending consignment twice.</remarks>
    Task<HistoryPage> HistoryPageAsync(long after, int take, CancellationToken cancellationToken);

    /// <summary>The versions of the rows <see cref="HistoryPageAsync"/> named, in the order asked for; a row that is not there is left out.</summary>
    /// <remarks>Lets a reader that must visit the store in another order than its own hold the rows' numbers rather than the consignments.</remarks>
    Task<IReadOnlyList<StoredConsignment>> VersionsByIdAsync(IReadOnlyList<long> versionIds, CancellationToken cancellationToken);

    /// <summary>The latest version of every consignment that is not cancelled and has no assessment of that version yet, oldest first.</summary>
    Task<IReadOnlyList<StoredConsignment>> PendingAssessmentAsync(CancellationToken cancellationToken);

    /// <summary>The latest version of every consignment that is not cancelled, oldest first.</summary>
    Task<IReadOnlyList<StoredConsignment>> CurrentAsync(CancellationToken cancellationToken);

    /// <summary>Every version of one document, oldest first.</summary>
    Task<IReadOnlyList<StoredConsignment>> VersionsAsync(string documentKey, CancellationToken cancellationToken);

    /// <summary>The document key of a document number, when exactly one document has that number.</summary>
    Task<string?> KeyOfAsync(string documentNumber, CancellationToken cancellationToken);

    Task<MessageCounts> CountsAsync(CancellationToken cancellationToken);

    /// <summary>The stored raw message with this id, as its sender is told about it, or null.</summary>
    Task<ReceivedRecord?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>Stored raw messages, newest first, of one sender and one status when they are given.</summary>
    /// <param name="sender">Only this sender's messages (compared without case), or every sender's.</param>
    /// <param name="status">Only messages with this status, such as <c>rejected</c>, or every status.</param>
    /// <param name="skip">How many of the newest to pass over.</param>
    /// <param name="take">At most this many.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<ReceivedRecord>> ListAsync(string? sender, string? status, int skip, int take, CancellationToken cancellationToken);

    /// <summary>How many stored raw messages <see cref="ListAsync"/> would list in all.</summary>
    Task<int> CountAsync(string? sender, string? status, CancellationToken cancellationToken);

    /// <summary>The bytes of a stored raw message exactly as they were received, or null.</summary>
    Task<byte[]?> RawAsync(long id, CancellationToken cancellationToken);
}
