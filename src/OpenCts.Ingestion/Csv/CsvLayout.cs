namespace OpenCts.Ingestion.Csv;

/// <summary>The columns of the OpenCTS bulk CSV layout (<c>docs/csv-layout.md</c>): one row per goods item.</summary>
/// <remarks>
/// Rows with the same document kind and number make one consignment; the consignment-level columns are read
/// from its first row. Lists (route, containers, seals) are separated by spaces.
/// </remarks>
public static class CsvLayout
{
    public static readonly string[] Required = ["sender", "messageId", "documentNumber", "documentKind", "direction", "mode", "itemSequence", "description", "grossMassKg"];

    public static readonly string[] Optional =
    [
        "masterNumber", "carrierName", "carrierCode", "vesselName", "imo", "voyage", "flightNumber", "placeOfLoading", "placeOfDischarge",
        "finalDestination", "route", "departure", "estimatedArrival",
        "consignorName", "consignorStreet", "consignorCity", "consignorCountry", "consignorTin",
        "consigneeName", "consigneeStreet", "consigneeCity", "consigneePostcode", "consigneeCountry", "consigneeEori", "consigneeEmail", "consigneePhone",
        "notifyName", "notifyCountry", "declarantName", "declarantEori", "sellerName", "sellerCountry",
        "containers", "seals", "hsCode", "packages", "packageType", "netMassKg", "value", "currency", "origin",
    ];

    public static IEnumerable<string> All => Required.Concat(Optional);
}
