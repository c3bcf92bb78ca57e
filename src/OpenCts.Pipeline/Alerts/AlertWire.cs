using System.Text.Json;
using OpenCts.Application.Alerts;
using OpenCts.Domain.Serialization;

namespace OpenCts.Pipeline.Alerts;

/// <summary>An alert as it travels between processes: JSON in the domain's form.</summary>
internal static class AlertWire
{
    public static byte[] ToBytes(Alert alert) => JsonSerializer.SerializeToUtf8Bytes(alert, DomainJson.Options);

    public static Alert? TryRead(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<Alert>(bytes, DomainJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
