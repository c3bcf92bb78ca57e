using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;

namespace OpenCts.Tests.Shared;

/// <summary>A sea bill of lading of Ecuadorian bananas into Rotterdam, complete in every field: the consignment most tests start from.</summary>
/// <remarks>Compiled into the test projects that set <c>UsesDomainSamples</c>; projects without the domain (the ledger's) leave it out.</remarks>
internal static class SampleConsignments
{
    public static Consignment Sample(string number = "MAEU123456789") => new(
        new TransportDocument(number, TransportDocumentKind.OceanBillOfLading),
        Direction.Import,
        TransportMode.Sea,
        [new Party(PartyRole.Consignor, "Andes Fruits S.A.", country: CountryCode.Parse("EC")), new Party(PartyRole.Consignee, "Delta Foods B.V.", country: CountryCode.Parse("NL"))],
        [new GoodsItem(1, HsCode.Parse("080390"), "Fresh bananas", 1200, "CT", 21000m, 19500m, new Money(18000m, CurrencyCode.Parse("USD")), CountryCode.Parse("EC"))],
        new Carrier("Maersk A/S", "MAEU"),
        new Conveyance("NORDIC AURORA", ImoNumber.Parse("9074729"), "245W"),
        UnLocode.Parse("ECGYE"),
        UnLocode.Parse("NLRTM"),
        route: [CountryCode.Parse("EC"), CountryCode.Parse("PA"), CountryCode.Parse("NL")],
        departure: new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero),
        estimatedArrival: new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero),
        equipment: [new Equipment(ContainerNumber.Parse("MSKU9070323"), "45R1", ["ML1234567"])]);

}
