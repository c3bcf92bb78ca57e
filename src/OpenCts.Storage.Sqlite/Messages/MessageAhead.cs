using System.Security.Cryptography;
using System.Text.Json;
using OpenCts.Domain.Messages;

namespace OpenCts.Storage.Sqlite.Messages;

/// <summary>What the embedded store makes of a message before its transaction: the work that no row decides, done off the one writer.</summary>
/// <param name="Message">The message it was made from; the store uses it for that message alone.</param>
/// <param name="Kept">The raw bytes as kept, packed where that pays.</param>
/// <param name="Compression">How <paramref name="Kept"/> is packed, or null.</param>
/// <param name="Sha256">The raw bytes' SHA-256, in lower-case hexadecimal.</param>
/// <param name="IssuesJson">The message's own issues as the row keeps them.</param>
/// <param name="UnmappedJson">What the model has no field for, as the row keeps it.</param>
/// <param name="Bodies">Each consignment's body head, in the message's order; none for a rejected message.</param>
internal sealed record MessageAhead(ParsedMessage Message, byte[] Kept, string? Compression, string Sha256, string IssuesJson, string UnmappedJson, BodyHead[] Bodies)
{
    /// <summary>Packs the raw bytes and each body's head (with the store's dictionary, if it has one), and takes the digest.</summary>
    public static MessageAhead Of(ParsedMessage message, PackingDictionary? dictionary)
    {
        var bytes = message.Raw.Span;
        var (kept, compression) = Packing.PackRaw(bytes);
        var bodies = message.IsRejected ? [] : new BodyHead[message.Consignments.Count];
        for (var i = 0; i < bodies.Length; i++)
        {
            var consignment = message.Consignments[i];
            if (consignment.Provenance is null)
            {
                throw new InvalidOperationException($"consignment {consignment.Document.Key} has no provenance; formats must set sender and message id");
            }
            bodies[i] = Packing.PrepareBody(consignment, dictionary);
        }
        return new MessageAhead(message, kept, compression, Convert.ToHexStringLower(SHA256.HashData(bytes)), IssuesJsonOf(message.Issues), JsonSerializer.Serialize(message.Unmapped), bodies);
    }

    /// <summary>Issues as the raw message's row keeps them.</summary>
    public static string IssuesJsonOf(IEnumerable<IngestionIssue> issues) =>
        JsonSerializer.Serialize(issues.Select(i => new { severity = i.Severity == IssueSeverity.Error ? "error" : "warning", location = i.Location, message = i.Message }));
}
