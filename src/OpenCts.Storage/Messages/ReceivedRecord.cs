using OpenCts.Domain.Messages;

namespace OpenCts.Storage.Messages;

/// <summary>A stored raw message as its sender is told about it: who sent it, its status and issues, and the consignment versions it made.</summary>
/// <param name="Id">The stored raw message's id.</param>
/// <param name="Sender">The sender it was stored under.</param>
/// <param name="MessageId">The message's own id.</param>
/// <param name="Format">The format it was read as.</param>
/// <param name="ReceivedAt">When it was stored.</param>
/// <param name="Status">One of <see cref="MessageStatus"/>.</param>
/// <param name="Issues">Every warning and error, with its place.</param>
/// <param name="Versions">The consignment versions it wrote.</param>
public sealed record ReceivedRecord(
    long Id,
    string Sender,
    string MessageId,
    string Format,
    DateTimeOffset ReceivedAt,
    string Status,
    IReadOnlyList<IngestionIssue> Issues,
    IReadOnlyList<(string DocumentKey, int Version)> Versions);
