using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenCts.Pipeline.Intake;

/// <summary>One consignment version a work item names.</summary>
/// <param name="DocumentKey">The consignment's document key.</param>
/// <param name="Version">The version the message wrote.</param>
public sealed record WorkVersion([property: JsonPropertyName("key")] string DocumentKey, [property: JsonPropertyName("version")] int Version);

/// <summary>What the intake puts on the stream for one stored message: the consignment versions a worker is to assess.</summary>
/// <remarks>
/// The message itself stays in the store; the item only names it. Its id (<see cref="Id"/>) is the stored message's,
/// so the same message queued twice (a retry, or a queuing again from the store after a restart) is one item.
/// </remarks>
/// <param name="RawMessageId">The stored raw message.</param>
/// <param name="Versions">The consignment versions it wrote.</param>
public sealed record WorkItem([property: JsonPropertyName("message")] long RawMessageId, [property: JsonPropertyName("versions")] IReadOnlyList<WorkVersion> Versions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The <c>Nats-Msg-Id</c> of the item: the same for every queuing of the same stored message.</summary>
    public string Id => string.Create(CultureInfo.InvariantCulture, $"message-{RawMessageId}");

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads an item; null when the bytes are not one.</summary>
    public static WorkItem? TryRead(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<WorkItem>(bytes, Json) is { Versions: not null } item ? item : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
