using System.Text.Json;
using OpenCts.Domain.Consignments;

namespace OpenCts.Storage.Consignments;

/// <summary>Where and when a consignment version's goods arrive, as kept in columns beside its body for the worklist.</summary>
/// <param name="Discharge">The place of discharge (a UN/LOCODE), or null.</param>
/// <param name="ArrivalTicks">The estimated arrival's UTC ticks, which order arrivals whatever their offsets; null when none.</param>
/// <param name="ArrivalOffset">The offset the arrival was declared in, in minutes, so it reads back as declared; null when none.</param>
public sealed record ConsignmentPlace(string? Discharge, long? ArrivalTicks, int? ArrivalOffset)
{
    /// <summary>The place of a consignment.</summary>
    public static ConsignmentPlace Of(Consignment consignment) => new(
        consignment.PlaceOfDischarge?.Value,
        consignment.EstimatedArrival?.UtcTicks,
        consignment.EstimatedArrival is { } a ? (int)a.Offset.TotalMinutes : null);

    /// <summary>The place read from a stored body (the canonical consignment JSON), for versions stored before the columns existed.</summary>
    /// <remarks>Reads the two top-level properties only; a body without them has no place.</remarks>
    public static ConsignmentPlace OfBody(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? discharge = null;
        DateTimeOffset? arrival = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return new ConsignmentPlace(null, null, null);
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("placeOfDischarge"u8))
            {
                reader.Read();
                discharge = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("estimatedArrival"u8))
            {
                reader.Read();
                arrival = reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value) ? value : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return new ConsignmentPlace(discharge, arrival?.UtcTicks, arrival is { } a ? (int)a.Offset.TotalMinutes : null);
    }

    /// <summary>The arrival in the offset it was declared in, or null.</summary>
    public DateTimeOffset? EstimatedArrival => Arrival(ArrivalTicks, ArrivalOffset);

    /// <summary>An arrival from its two columns: UTC ticks and the offset in minutes.</summary>
    public static DateTimeOffset? Arrival(long? utcTicks, int? offsetMinutes) => utcTicks is { } ticks
        ? new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes ?? 0))
        : null;
}
