using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.Ingestion.Reference;

namespace OpenCts.Ingestion.Tests.Quality;

public sealed class ReferenceTableTests
{
    [Theory]
    [InlineData("851713", true)]
    [InlineData("85171300", true)]
    [InlineData("940541", true)]
    [InlineData("940540", false)] // split into 9405.41, .42 and .49 by HS 2022
    [InlineData("000000", false)]
    [InlineData("999999", false)]
    [InlineData("770000", false)]
    public void TheNomenclatureHoldsTheSubheadingsOfHs2022(string code, bool expected) =>
        Assert.Equal(expected, HsNomenclature.Contains(code));

    [Theory]
    [InlineData("EUR", true)]
    [InlineData("BTN", true)]
    [InlineData("XDR", true)]
    [InlineData("XYZ", false)]
    [InlineData("DEM", false)]
    public void CurrenciesAreThoseOfTheCountryTable(string code, bool expected) =>
        Assert.Equal(expected, Currencies.Contains(code));

    [Fact]
    public void TheUnLocodeTableKnowsPlacesAndTheCountriesItCovers()
    {
        Assert.True(UnLocodes.Count > 40_000);
        Assert.True(UnLocodes.Contains(UnLocode.Parse("NLRTM")));
        Assert.True(UnLocodes.Contains(UnLocode.Parse("DEFDH")));
        Assert.False(UnLocodes.Contains(UnLocode.Parse("DEXQZ")));
        Assert.True(UnLocodes.Covers(CountryCode.Parse("DE")));
        Assert.True(Countries.Contains("NL"));
        Assert.Equal(249, Countries.Count);
    }

    [Theory]
    [InlineData("GIFT", true)]
    [InlineData("gifts", true)]
    [InlineData("Samples (3 pcs)", true)]
    [InlineData("F.A.K.", true)]
    [InlineData("Freight all kinds", true)]
    [InlineData("SAID TO CONTAIN", true)]
    [InlineData("STC: GENERAL CARGO", true)]
    [InlineData("STC 40 CARTONS OF SHOES", false)]
    [InlineData("Gift boxes of chocolate", false)]
    [InlineData("Mobile telephones", false)]
    [InlineData("", false)]
    public void AVagueDescriptionNamesNoGoods(string description, bool expected) =>
        Assert.Equal(expected, GoodsDescriptions.IsVague(description));
}
