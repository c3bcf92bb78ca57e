namespace OpenCts.Domain.Consignments;

/// <summary>The kind of transport document a consignment travels under.</summary>
public enum TransportDocumentKind
{
    OceanBillOfLading,
    HouseBillOfLading,
    MasterAirWaybill,
    HouseAirWaybill,
    PostalItem,
    ExpressParcel,
    RoadConsignmentNote,
    RailConsignmentNote,
    Declaration,
}

/// <summary>Which way the goods cross the border of the administration that assesses them.</summary>
public enum Direction
{
    Import,
    Export,
    Transit,
    Transshipment,
}

/// <summary>Mode of transport at the border, after UN/ECE Recommendation 19.</summary>
public enum TransportMode
{
    Sea = 1,
    Rail = 2,
    Road = 3,
    Air = 4,
    Postal = 5,
    Multimodal = 6,
    FixedInstallation = 7,
    InlandWaterway = 8,
}

/// <summary>The part a party plays in a consignment (WCO Data Model party classes).</summary>
public enum PartyRole
{
    Consignor,
    Consignee,
    NotifyParty,
    Declarant,
    Seller,
    Buyer,
    Carrier,
    FreightForwarder,
}
