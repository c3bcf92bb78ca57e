using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;

namespace OpenCts.Core.Tests.Values;

public class ConsignmentTests
{
    internal static Consignment Sample(string number = "MAEU123456789") => new(
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

    [Fact]
    public void ConsignmentsWithTheSameValuesAreEqual()
    {
        Assert.Equal(Sample(), Sample());
        Assert.NotEqual(Sample(), Sample("MAEU987654321"));
    }

    [Fact]
    public void DerivedValuesComeFromTheGoods()
    {
        var consignment = Sample();
        Assert.Equal(21000m, consignment.TotalGrossMassKg);
        Assert.Equal(18000m / 21000m, consignment.Goods[0].ValuePerKg);
        Assert.Equal("Delta Foods B.V.", consignment.Consignee!.Name);
        Assert.True(consignment.PassesThrough(CountryCode.Parse("PA")));
        Assert.False(consignment.PassesThrough(CountryCode.Parse("CO")));
    }

    [Fact]
    public void AnArrivalBeforeTheDepartureIsRejected()
    {
        var c = Sample();
        var error = Assert.Throws<DomainException>(() => new Consignment(c.Document, c.Direction, c.Mode, c.Parties, c.Goods, departure: c.EstimatedArrival, estimatedArrival: c.Departure));
        Assert.Equal("estimatedArrival", error.Field);
    }

    [Fact]
    public void AConsignmentWithoutGoodsIsRejected()
    {
        var error = Assert.Throws<DomainException>(() => Sample() with { Goods = [] });
        Assert.Equal("goods", error.Field);
    }

    [Fact]
    public void NetMassAboveGrossMassIsRejected()
    {
        var error = Assert.Throws<DomainException>(() => new GoodsItem(1, null, "Bananas", 1, null, 10m, 11m, null, null));
        Assert.Equal("netMassKg", error.Field);
    }

    [Fact]
    public void ValidationAlsoHoldsForCopiesMadeWithWith()
    {
        Assert.Throws<DomainException>(() => Sample().Document with { Number = " " });
        Assert.Throws<DomainException>(() => Sample().Parties[0] with { Email = "not-an-address" });
    }
}
