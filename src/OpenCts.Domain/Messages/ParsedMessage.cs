using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;

namespace OpenCts.Domain.Messages;

/// <summary>How serious an issue found while reading a message is.</summary>
public enum IssueSeverity
{
    /// <summary>The message is taken; the sender is told (a control count that does not match, say).</summary>
    Warning,

    /// <summary>The message is rejected: nothing of it is stored but its raw bytes and this status.</summary>
    Error,
}

/// <summary>A problem in a received message, with the exact place it was found.</summary>
/// <param name="Severity">Whether the message is still taken.</param>
/// <param name="Location">The place: <c>file.json: line 12, column 30, $.goods[2].hsCode</c>, or <c>interchange 17, message 2, segment 14 (LOC), element 2, component 1</c>.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record IngestionIssue(IssueSeverity Severity, string Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}

/// <summary>What a message asks of the documents it carries.</summary>
public enum MessageFunction
{
    /// <summary>A first message or an amendment: a later one for the same document becomes a new version.</summary>
    Original,

    /// <summary>Cancels the documents it names; they are marked cancelled, never erased.</summary>
    Cancellation,
}

/// <summary>One message read from a received file: its consignments, or why it was rejected.</summary>
/// <remarks>
/// A file can hold many messages (an EDIFACT interchange, a CSV bulk load). Each one is stored on its own, in one
/// transaction: a message with an <see cref="IssueSeverity.Error"/> keeps only its raw bytes and status.
/// </remarks>
/// <param name="Format">The format's name, such as <c>json</c>, <c>csv</c>, <c>cuscar</c>, <c>xfwb</c>.</param>
/// <param name="Sender">The sender's identifier as the message names it.</param>
/// <param name="MessageId">The sender's reference of the message; with <paramref name="Sender"/> it makes ingestion idempotent.</param>
/// <param name="Raw">The message's own bytes (the whole file when it holds one message).</param>
/// <param name="Consignments">The consignments read; empty when rejected.</param>
/// <param name="Issues">Warnings and errors, each with its place.</param>
/// <param name="Function">Original or amendment, or cancellation.</param>
/// <param name="CancelledDocuments">For a cancellation, the keys of the transport documents it cancels (<see cref="TransportDocument.Key"/>).</param>
/// <param name="Unmapped">Parts of the message the model has no field for (EDIFACT segments, XML elements), kept as text so nothing is dropped silently.</param>
public sealed record ParsedMessage(
    string Format,
    string Sender,
    string MessageId,
    ReadOnlyMemory<byte> Raw,
    ValueList<Consignment> Consignments,
    ValueList<IngestionIssue> Issues,
    MessageFunction Function = MessageFunction.Original,
    ValueList<string> CancelledDocuments = default,
    ValueList<string> Unmapped = default)
{
    /// <summary>True when an error rejects the message.</summary>
    public bool IsRejected
    {
        get
        {
            foreach (var issue in Issues)
            {
                if (issue.Severity == IssueSeverity.Error)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
