using OpenCts.Domain.Consignments;

namespace OpenCts.Ingestion.Edifact;

/// <summary>The UN/EDIFACT code values OpenCTS reads and writes in CUSCAR, in one place for the reader and the writer.</summary>
/// <remarks>
/// Where the UN code lists have no value for something the consignment model holds (the direction of the goods, postal
/// and express documents), OpenCTS uses codes agreed between partners (code list agency 3055 <c>ZZZ</c>), listed in
/// <c>docs/formats.md</c>.
/// </remarks>
internal static class CuscarCodes
{
    // BGM 1225 message function.
    public const string FunctionOriginal = "9";
    public const string FunctionCancellation = "1";
    public const string FunctionReplace = "5";

    // DTM 2005.
    public const string ArrivalEstimated = "132";
    public const string DepartureEstimated = "133";
    public const string DocumentDate = "137";
    public const string ArrivalActual = "178";
    public const string DepartureActual = "186";

    // LOC 3227.
    public const string PlaceOfDeparture = "5";
    public const string PlaceOfDelivery = "7";
    public const string PlaceOfDestination = "8";
    public const string PortOfLoading = "9";
    public const string PortOfDischarge = "11";
    public const string PlaceOfTransshipment = "13";
    public const string UltimateDestination = "20";
    public const string CountryOfOrigin = "27";
    public const string OriginalPortOfLoading = "76";
    public const string Routing = "92";

    // TDT 8051 and C222 1131.
    public const string MainCarriage = "20";
    public const string ImoCodeList = "146";

    // RFF 1153: document numbers.
    public const string BillOfLading = "BM";
    public const string HouseBillOfLading = "BH";
    public const string MasterBillOfLading = "MB";
    public const string AirWaybill = "AWB";
    public const string HouseWaybill = "HWB";

    // NAD 3035 party function, in the order the writer uses.
    public static readonly (PartyRole Role, string Code)[] PartyFunctions =
    [
        (PartyRole.Consignor, "CZ"),
        (PartyRole.Consignee, "CN"),
        (PartyRole.NotifyParty, "N1"),
        (PartyRole.Declarant, "DT"),
        (PartyRole.Seller, "SE"),
        (PartyRole.Buyer, "BY"),
        (PartyRole.Carrier, "CA"),
        (PartyRole.FreightForwarder, "FW"),
    ];

    // Document kinds the UN list has no reference qualifier for; mutually defined.
    public static readonly (TransportDocumentKind Kind, string Code)[] OtherDocuments =
    [
        (TransportDocumentKind.PostalItem, "ZPI"),
        (TransportDocumentKind.ExpressParcel, "ZEP"),
        (TransportDocumentKind.RoadConsignmentNote, "ZRD"),
        (TransportDocumentKind.RailConsignmentNote, "ZRL"),
        (TransportDocumentKind.Declaration, "ZDC"),
    ];

    // GIS processing indicator (agency ZZZ): which way the goods cross the border.
    public static readonly (Direction Direction, string Code)[] Directions =
    [
        (Direction.Import, "IMP"),
        (Direction.Export, "EXP"),
        (Direction.Transit, "TRA"),
        (Direction.Transshipment, "TRS"),
    ];

    public static PartyRole? RoleOf(string? code)
    {
        foreach (var (role, c) in PartyFunctions)
        {
            if (string.Equals(c, code, StringComparison.Ordinal))
            {
                return role;
            }
        }
        return code is "N2" or "NI" ? PartyRole.NotifyParty : null;
    }

    public static string CodeOf(PartyRole role)
    {
        foreach (var (r, c) in PartyFunctions)
        {
            if (r == role)
            {
                return c;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(role), role, "no NAD party function for this role");
    }

    public static TransportDocumentKind? OtherDocumentOf(string? code)
    {
        foreach (var (kind, c) in OtherDocuments)
        {
            if (string.Equals(c, code, StringComparison.Ordinal))
            {
                return kind;
            }
        }
        return null;
    }

    public static Direction? DirectionOf(string? code)
    {
        foreach (var (direction, c) in Directions)
        {
            if (string.Equals(c, code, StringComparison.Ordinal))
            {
                return direction;
            }
        }
        return null;
    }

    public static string CodeOf(Direction direction) => Directions.First(d => d.Direction == direction).Code;

    /// <summary>Kilograms per unit of a UN/ECE Recommendation 20 mass unit, or null for units that are not masses.</summary>
    public static decimal? KilogramsPer(string? unit) => unit switch
    {
        null or "KGM" or "KG" or "KGS" => 1m,
        "TNE" => 1000m,
        "GRM" => 0.001m,
        "LBR" or "LBS" => 0.45359237m,
        _ => null,
    };
}
