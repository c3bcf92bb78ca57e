using OpenCts.Domain.Common;
using OpenCts.Domain.Values;

namespace OpenCts.Domain.Consignments;

/// <summary>The company that carries the goods, named by its SCAC, IATA or other carrier code.</summary>
public sealed record Carrier
{
    public Carrier(string name, string? code = null)
    {
        Name = name;
        Code = code;
    }

    public string Name { get; init => field = Guard.NotBlank(value, "carrier.name"); }

    /// <summary>SCAC for ocean carriers, the IATA two-character code for airlines.</summary>
    public string? Code { get; init => field = Guard.Optional(value, "carrier.code", 8)?.ToUpperInvariant(); }
}

/// <summary>The means of transport at the border: a vessel and its voyage, or a flight.</summary>
public sealed record Conveyance
{
    public Conveyance(string? vesselName = null, ImoNumber? imo = null, string? voyage = null, string? flightNumber = null, string? vehicleRegistration = null)
    {
        VesselName = vesselName;
        Imo = imo;
        Voyage = voyage;
        FlightNumber = flightNumber;
        VehicleRegistration = vehicleRegistration;
    }

    public string? VesselName { get; init => field = Guard.Optional(value, "conveyance.vesselName", 128); }

    public ImoNumber? Imo { get; init; }

    public string? Voyage { get; init => field = Guard.Optional(value, "conveyance.voyage", 32); }

    /// <summary>Carrier code and number, such as <c>LH8160</c>.</summary>
    public string? FlightNumber
    {
        get;
        init
        {
            var flight = Guard.Optional(value, "conveyance.flightNumber", 10)?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            if (flight is not null && (flight.Length < 3 || !flight.AsSpan(2).ContainsAnyInRange('0', '9')))
            {
                throw new DomainException("conveyance.flightNumber", $"'{value}' is not a flight number (carrier code and number, such as LH8160)");
            }
            field = flight;
        }
    }

    public string? VehicleRegistration { get; init => field = Guard.Optional(value, "conveyance.vehicleRegistration", 32); }
}

/// <summary>Where a consignment came from: which sender, which message, which version of its document.</summary>
public sealed record Provenance
{
    public Provenance(string sender, string messageId, DateTimeOffset receivedAt, int version = 1, long? rawMessageId = null)
    {
        Sender = sender;
        MessageId = messageId;
        ReceivedAt = receivedAt;
        Version = version;
        RawMessageId = rawMessageId;
    }

    /// <summary>The party that sent the message: a carrier, forwarder or postal operator identifier.</summary>
    public string Sender { get; init => field = Guard.NotBlank(value, "sender", 128); }

    /// <summary>The sender's own identifier of the message; with the sender it makes ingestion idempotent.</summary>
    public string MessageId { get; init => field = Guard.NotBlank(value, "messageId", 128); }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>1 for the first message about a transport document, then one more for each amendment.</summary>
    public int Version { get; init => field = value >= 1 ? value : throw new DomainException("version", $"{value} must be 1 or more"); }

    /// <summary>The stored raw message this consignment was read from.</summary>
    public long? RawMessageId { get; init; }
}
