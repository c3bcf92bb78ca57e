using System.Globalization;
using System.Text.Json;
using OpenCts.Domain.Consignments;

namespace OpenCts.Storage.Consignments;

/// <summary>Where and when a consignment version's goods arrive, as kept in columns beside its body for the worklist.</summary>
/// <param name="Discharge">The place of discharge (a UN/LOCODE), or null.</param>
/// <param name="Arrival">The estimated arrival as written (round-trip form, offset kept), or null.</param>
/// <param name="ArrivalTicks">The estimated arrival's UTC ticks, which order arrivals whatever their offsets; null when none.</param>
public sealed record ConsignmentPlace(string? Discharge, string? Arrival, long? ArrivalTicks)
{
    /// <summary>The place of a consignment.</summary>
    public static ConsignmentPlace Of(Consignment consignment) => new(
        consignment.PlaceOfDischarge?.Value,
        consignment.EstimatedArrival?.ToString("O", CultureInfo.InvariantCulture),
        consignment.EstimatedArrival?.UtcTicks);

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
        return new ConsignmentPlace(discharge, arrival?.ToString("O", CultureInfo.InvariantCulture), arrival?.UtcTicks);
    }

    /// <summary>The arrival as a value, or null.</summary>
    public DateTimeOffset? EstimatedArrival => Arrival is null ? null : DateTimeOffset.Parse(Arrival, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
