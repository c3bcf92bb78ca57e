using OpenCts.Domain.Common;
using OpenCts.Domain.Values;

namespace OpenCts.Domain.Consignments;

/// <summary>
/// Goods moving under one transport document, as advance cargo data describes them (WCO Data Model consignment).
/// </summary>
/// <remarks>
/// Immutable and valid once built: every constructor and <c>with</c> checks its values, so the targeting engine
/// never sees a malformed HS code, container or country. Content that is well formed but wrong (an HS code the
/// nomenclature does not have, a container whose check digit fails) is kept as given and named in <see cref="DataQuality"/>.
/// </remarks>
public sealed record Consignment
{
    public Consignment(
        TransportDocument document,
        Direction direction,
        TransportMode mode,
        ValueList<Party> parties,
        ValueList<GoodsItem> goods,
        Carrier? carrier = null,
        Conveyance? conveyance = null,
        UnLocode? placeOfLoading = null,
        UnLocode? placeOfDischarge = null,
        UnLocode? finalDestination = null,
        ValueList<CountryCode> route = default,
        DateTimeOffset? departure = null,
        DateTimeOffset? estimatedArrival = null,
        ValueList<Equipment> equipment = default,
        Provenance? provenance = null,
        ValueList<DataQualityFinding> dataQuality = default)
    {
        Document = document ?? throw new DomainException("document", "is required");
        Direction = direction;
        Mode = mode;
        Parties = parties;
        Goods = goods;
        Carrier = carrier;
        Conveyance = conveyance;
        PlaceOfLoading = placeOfLoading;
        PlaceOfDischarge = placeOfDischarge;
        FinalDestination = finalDestination;
        Route = route;
        Departure = departure;
        EstimatedArrival = estimatedArrival;
        Equipment = equipment;
        Provenance = provenance;
        DataQuality = dataQuality;
        if (departure is { } d && estimatedArrival is { } a && a < d)
        {
            throw new DomainException("estimatedArrival", $"{a:O} is before the departure {d:O}");
        }
    }

    public TransportDocument Document { get; init; }

    public Direction Direction { get; init => field = Enum.IsDefined(value) ? value : throw new DomainException("direction", $"{value} is not a direction"); }

    public TransportMode Mode { get; init => field = Enum.IsDefined(value) ? value : throw new DomainException("mode", $"{value} is not a mode of transport"); }

    public ValueList<Party> Parties { get; init; }

    public ValueList<GoodsItem> Goods
    {
        get;
        init
        {
            if (value.Count == 0)
            {
                throw new DomainException("goods", "a consignment needs at least one goods item");
            }
            field = value;
        }
    }

    public Carrier? Carrier { get; init; }

    public Conveyance? Conveyance { get; init; }

    public UnLocode? PlaceOfLoading { get; init; }

    public UnLocode? PlaceOfDischarge { get; init; }

    public UnLocode? FinalDestination { get; init; }

    /// <summary>Countries the goods pass through between loading and discharge, in order.</summary>
    public ValueList<CountryCode> Route { get; init; }

    public DateTimeOffset? Departure { get; init; }

    public DateTimeOffset? EstimatedArrival { get; init; }

    public ValueList<Equipment> Equipment { get; init; }

    /// <summary>Sender, message and version; set when the consignment is received.</summary>
    public Provenance? Provenance { get; init; }

    /// <summary>Faults in the content as the sender gave it (an unknown HS code, a missing description), kept instead of refusing the consignment.</summary>
    /// <remarks>Set by the formats when the consignment is read; empty when the data is clean.</remarks>
    public ValueList<DataQualityFinding> DataQuality { get; init; }

    /// <summary>The exporting administration's verified record compared with this one, when one was attached.</summary>
    /// <remarks>Not part of what a sender sends: OpenCTS attaches it before assessment.</remarks>
    public CrossBorder.ExportComparison? Export { get; init; }

    /// <summary>The parties' entities and what history says about them, when the e-commerce indicators were computed.</summary>
    /// <remarks>Not part of what a sender sends: OpenCTS attaches it before assessment.</remarks>
    public Commerce.CommerceFacts? Commerce { get; init; }

    public Party? Consignor => PartyIn(PartyRole.Consignor);

    public Party? Consignee => PartyIn(PartyRole.Consignee);

    public Party? NotifyParty => PartyIn(PartyRole.NotifyParty);

    public Party? Declarant => PartyIn(PartyRole.Declarant);

    public Party? Seller => PartyIn(PartyRole.Seller);

    /// <summary>The sum of the goods items' gross mass in kilograms.</summary>
    public decimal TotalGrossMassKg
    {
        get
        {
            var total = 0m;
            foreach (var item in Goods)
            {
                total += item.GrossMassKg;
            }
            return total;
        }
    }

    /// <summary>The first party in a role, or null.</summary>
    public Party? PartyIn(PartyRole role)
    {
        foreach (var party in Parties)
        {
            if (party.Role == role)
            {
                return party;
            }
        }
        return null;
    }

    /// <summary>True when the route, loading place or discharge place lies in the country.</summary>
    public bool PassesThrough(CountryCode country)
    {
        if (PlaceOfLoading?.Value.StartsWith(country.Value, StringComparison.Ordinal) == true ||
            PlaceOfDischarge?.Value.StartsWith(country.Value, StringComparison.Ordinal) == true)
        {
            return true;
        }
        foreach (var c in Route)
        {
            if (c == country)
            {
                return true;
            }
        }
        return false;
    }
}
