using System.Text;
using System.Text.Json;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Ingestion.Quality;

namespace OpenCts.Ingestion.Json;

/// <summary>OpenCTS JSON messages: an envelope with sender, message id and consignments (<c>docs/consignment.schema.json</c>).</summary>
public sealed class JsonMessageFormat : IMessageFormat
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    public string Name => "json";

    public bool Recognises(string fileName, ReadOnlySpan<byte> head)
    {
        return JsonHead.OpensObject(head, skipByteOrderMark: false) && head.IndexOf("\"consignments\""u8) >= 0;
    }

    public IReadOnlyList<ParsedMessage> Parse(string fileName, ReadOnlyMemory<byte> content, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (JsonSyntax.FirstInvalidUtf8(content.Span) is { } bad)
        {
            var (where, why) = JsonSyntax.NotUtf8(fileName, content.Span, bad);
            return [Rejected(fileName, content, where, why)];
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, Options);
        }
        catch (JsonException e)
        {
            var where = $"{fileName}: line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}";
            return [Rejected(fileName, content, where, JsonSyntax.Describe(e))];
        }
        using (document)
        {
            try
            {
                return [Read(document.RootElement, fileName, content, receivedAt, cancellationToken)];
            }
            catch (DomainException e)
            {
                // An error about the whole message (its top level is not an object) has no field to name; it is placed at the value instead.
                var where = e.Field.Length == 0 ? JsonSyntax.PlaceOfFirstValue(fileName, content.Span) : $"{fileName}: {Printable.Of(e.Field)}";
                return [Rejected(fileName, content, where, Printable.Of(e.Reason), TopText(document.RootElement, "sender"), TopText(document.RootElement, "messageId"))];
            }
            catch (InvalidOperationException) when (JsonEscapes.FirstLoneSurrogate(content.Span, Options) is { } at)
            {
                // A name with an escape that is no character, met where names are compared rather than read.
                var (where, why) = JsonSyntax.NotACharacter(fileName, content.Span, at);
                return [Rejected(fileName, content, where, why)];
            }
        }
    }

    private static ParsedMessage Read(JsonElement root, string fileName, ReadOnlyMemory<byte> content, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var f = new JsonFields(root, "", "$schema", "sender", "messageId", "function", "cancels", "consignments");
        var sender = f.RequiredString("sender");
        var messageId = f.RequiredString("messageId");
        var function = f.String("function") switch
        {
            null or "original" => MessageFunction.Original,
            "cancellation" => MessageFunction.Cancellation,
            var other => throw new DomainException("function", $"'{other}' is not one of original, cancellation"),
        };
        var cancels = f.List("cancels", JsonFields.AsString);
        var provenance = new Provenance(sender, messageId, receivedAt);
        var consignments = f.List("consignments", (element, path) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dropped = new List<DataQualityFinding>();
            var consignment = ConsignmentJsonReader.Read(element, path, dropped) with { Provenance = provenance };
            return DataQualityCheck.Apply(consignment, dropped);
        });
        if (function == MessageFunction.Original && consignments.Count == 0)
        {
            throw new DomainException("consignments", "a message needs at least one consignment");
        }
        if (function == MessageFunction.Cancellation && cancels.Count == 0)
        {
            throw new DomainException("cancels", "a cancellation names the documents it cancels, as kind:number");
        }
        return new ParsedMessage("json", sender, messageId, content, consignments, [], function, cancels);
    }

    private static ParsedMessage Rejected(string fileName, ReadOnlyMemory<byte> content, string where, string why, string? sender = null, string? messageId = null) =>
        new("json", sender ?? "unknown", messageId ?? fileName, content, [], [new IngestionIssue(IssueSeverity.Error, where, why)]);

    /// <summary>A top-level text of a message being rejected, to name its sender and id where they can be read.</summary>
    private static string? TopText(JsonElement root, string name)
    {
        try
        {
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            // A name or text with an escape that is no character: the issue says where, and the message goes without them.
            return null;
        }
    }
}
