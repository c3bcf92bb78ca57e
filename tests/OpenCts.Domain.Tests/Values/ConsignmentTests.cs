using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;

using OpenCts.Tests.Shared;

namespace OpenCts.Domain.Tests.Values;

public class ConsignmentTests
{
    [Fact]
    public void ConsignmentsWithTheSameValuesAreEqual()
    {
        Assert.Equal(SampleConsignments.Sample(), SampleConsignments.Sample());
        Assert.NotEqual(SampleConsignments.Sample(), SampleConsignments.Sample("MAEU987654321"));
    }

    [Fact]
    public void DerivedValuesComeFromTheGoods()
    {
        var consignment = SampleConsignments.Sample();
        Assert.Equal(21000m, consignment.TotalGrossMassKg);
        Assert.Equal(18000m / 21000m, consignment.Goods[0].ValuePerKg);
        Assert.Equal("Delta Foods B.V.", consignment.Consignee!.Name);
        Assert.True(consignment.PassesThrough(CountryCode.Parse("PA")));
        Assert.False(consignment.PassesThrough(CountryCode.Parse("CO")));
    }

    [Fact]
    public void AnArrivalBeforeTheDepartureIsRejected()
    {
        var c = SampleConsignments.Sample();
        var error = Assert.Throws<DomainException>(() => new Consignment(c.Document, c.Direction, c.Mode, c.Parties, c.Goods, departure: c.EstimatedArrival, estimatedArrival: c.Departure));
        Assert.Equal("estimatedArrival", error.Field);
    }

    [Fact]
    public void AConsignmentWithoutGoodsIsRejected()
    {
        var error = Assert.Throws<DomainException>(() => SampleConsignments.Sample() with { Goods = [] });
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
        Assert.Throws<DomainException>(() => SampleConsignments.Sample().Document with { Number = " " });
        Assert.Throws<DomainException>(() => SampleConsignments.Sample().Parties[0] with { Email = "not-an-address" });
    }
}
