using OpenCts.Domain.Consignments;

namespace OpenCts.Ingestion.Wco;

/// <summary>The code values and party class names of OpenCTS's WCO Data Model JSON, shared by reader and writer.</summary>
internal static class WcoCodes
{
    // Transport document type codes from UN/EDIFACT 1001; codes starting with Z are OpenCTS's where 1001 has none.
    public static readonly (TransportDocumentKind Kind, string Code)[] Documents =
    [
        (TransportDocumentKind.OceanBillOfLading, "705"),
        (TransportDocumentKind.HouseBillOfLading, "714"),
        (TransportDocumentKind.MasterAirWaybill, "741"),
        (TransportDocumentKind.HouseAirWaybill, "703"),
        (TransportDocumentKind.PostalItem, "750"),
        (TransportDocumentKind.ExpressParcel, "ZEP"),
        (TransportDocumentKind.RoadConsignmentNote, "730"),
        (TransportDocumentKind.RailConsignmentNote, "720"),
        (TransportDocumentKind.Declaration, "ZDC"),
    ];

    // Declaration TypeCode: which way the goods cross the border.
    public static readonly (Direction Direction, string Code)[] Directions =
    [
        (Direction.Import, "IM"),
        (Direction.Export, "EX"),
        (Direction.Transit, "TR"),
        (Direction.Transshipment, "TS"),
    ];

    // The WCO party classes, as property names of a consignment.
    public static readonly (PartyRole Role, string Name)[] Parties =
    [
        (PartyRole.Consignor, "Consignor"),
        (PartyRole.Consignee, "Consignee"),
        (PartyRole.NotifyParty, "NotifyParty"),
        (PartyRole.Declarant, "Declarant"),
        (PartyRole.Seller, "Seller"),
        (PartyRole.Buyer, "Buyer"),
        (PartyRole.Carrier, "CarrierParty"),
        (PartyRole.FreightForwarder, "FreightForwarder"),
    ];

    // BorderTransportMeans IdentificationTypeCode (UN/EDIFACT 8213 qualifiers as the WCO uses them).
    public const string ImoIdentification = "10";
    public const string VehicleIdentification = "30";

    public static TransportDocumentKind? KindOf(string? code) => Documents.FirstOrDefault(d => d.Code == code) is { Code: not null } d ? d.Kind : null;

    public static string CodeOf(TransportDocumentKind kind) => Documents.First(d => d.Kind == kind).Code;

    public static Direction? DirectionOf(string? code) => Directions.FirstOrDefault(d => d.Code == code) is { Code: not null } d ? d.Direction : null;

    public static string CodeOf(Direction direction) => Directions.First(d => d.Direction == direction).Code;

    public static string NameOf(PartyRole role) => Parties.First(p => p.Role == role).Name;
}
