using System.Text;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;
using OpenCts.Domain.Values;
using OpenCts.Ingestion.Json;

namespace OpenCts.Storage.Tests;

/// <summary>A bill of lading and the messages that carry it, as a carrier would send them.</summary>
internal static class SampleConsignment
{
    public static Consignment Of(string number = "MAEU123456789", string vessel = "NORDIC AURORA") => new(
        new TransportDocument(number, TransportDocumentKind.OceanBillOfLading),
        Direction.Import,
        TransportMode.Sea,
        [new Party(PartyRole.Consignor, "Andes Fruits S.A.", country: CountryCode.Parse("EC")), new Party(PartyRole.Consignee, "Delta Foods B.V.", country: CountryCode.Parse("NL"))],
        [new GoodsItem(1, HsCode.Parse("080390"), "Fresh bananas", 1200, "CT", 21000m, 19500m, new Money(18000m, CurrencyCode.Parse("USD")), CountryCode.Parse("EC"))],
        new Carrier("Maersk A/S", "MAEU"),
        new Conveyance(vessel, ImoNumber.Parse("9074729"), "245W"),
        UnLocode.Parse("ECGYE"),
        UnLocode.Parse("NLRTM"),
        estimatedArrival: new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));

    /// <summary>An OpenCTS JSON message from MAEU carrying the consignments, read by the real format.</summary>
    public static ParsedMessage Message(string messageId, params Consignment[] consignments)
    {
        var bodies = string.Join(",", consignments.Select(c => Encoding.UTF8.GetString(ConsignmentJsonWriter.ToUtf8Bytes(c))));
        return Parse($"{messageId}.json", $$"""{"sender": "MAEU", "messageId": "{{messageId}}", "consignments": [{{bodies}}]}""");
    }

    public static ParsedMessage Parse(string fileName, string json) =>
        Assert.Single(new JsonMessageFormat().Parse(fileName, Encoding.UTF8.GetBytes(json), DateTimeOffset.UnixEpoch, CancellationToken.None));
}
