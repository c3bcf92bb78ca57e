using Microsoft.Extensions.Time.Testing;
using OpenCts.Domain.Consignments;
using OpenCts.Targeting.Profiles.Compilation;
using OpenCts.Targeting.Profiles.Syntax;
using static OpenCts.Targeting.Tests.Profiles.Consignments;

namespace OpenCts.Targeting.Tests.Profiles;

public sealed class DataQualityFieldTests
{
    private static readonly ProfileCompiler Compiler = new(new ProfileEnvironment(new Dictionary<string, IReadOnlyCollection<string>>()));

    private static readonly EvaluationContext Context = new EvaluationContext(new FakeTimeProvider(Now), new ExactNameScreening()).At(Now);

    private static bool Meets(string criteria, Consignment consignment) => Compiler.Compile(criteria).Matches(consignment, Context);

    private static Consignment WithFindings(params DataQualityFinding[] findings) =>
        Phones() with { DataQuality = findings };

    [Fact]
    public void DataQualityCountIsTheNumberOfFindings()
    {
        var two = WithFindings(
            new("goods[1].hsCode", "000000", DataQualityRules.HsUnknown, "HS code '000000' is not a subheading of HS 2022"),
            new("goods[1].description", null, DataQualityRules.DescriptionMissing, "the goods item has no description"));

        Assert.True(Meets("dataQuality.count > 0", two));
        Assert.True(Meets("dataQuality.count == 2", two));
        Assert.False(Meets("dataQuality.count > 0", Phones()));
    }

    [Theory]
    [InlineData("goods[1].hsCode", "goods.hsCode", true)]
    [InlineData("goods[1].hsCode", "goods", true)]
    [InlineData("goods[1].hsCode", "goods[1].hsCode", true)]
    [InlineData("goods[1].hsCode", "goods[0].hsCode", false)]
    [InlineData("goods[1].hsCode", "goods.hs", false)]
    [InlineData("goods[1].hsCode", "goods.description", false)]
    [InlineData("goods[0].value.currency", "goods.value", true)]
    [InlineData("equipment[0].containerNumber", "equipment.containerNumber", true)]
    [InlineData("placeOfLoading", "placeOfLoading", true)]
    [InlineData("placeOfLoading", "place", false)]
    [InlineData("route[2]", "route", true)]
    public void DataQualityHasMatchesTheFieldOrAPartOfItIgnoringIndices(string findingPath, string asked, bool expected) =>
        Assert.Equal(expected, Meets($"dataQuality.has(\"{asked}\")", WithFindings(new DataQualityFinding(findingPath, "x", DataQualityRules.HsUnknown, "m"))));

    [Fact]
    public void DataQualityHasIsFalseWithoutFindings() =>
        Assert.False(Meets("dataQuality.has(\"goods.hsCode\")", Phones()));

    [Fact]
    public void DataQualityHasNeedsAFieldPathInQuotes()
    {
        var error = Assert.Throws<ProfileException>(() => Compiler.Compile("dataQuality.has(goods.hs)"));
        Assert.Contains("dataQuality.has() takes a field path in quotes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnyGoodsWithAVagueDescriptionMeetsDescriptionVague()
    {
        Assert.True(Meets("any goods: goods.descriptionVague", Sea([Item(1, "950300", 10, 100, "CN", "GIFTS")])));
        Assert.True(Meets("any goods: goods.descriptionVague", Sea([Item(1, "950300", 10, 100, "CN", "Said to contain: parts")])));
        Assert.False(Meets("any goods: goods.descriptionVague", Sea([Item(1, "950300", 10, 100, "CN", "Plastic toy construction sets")])));
        Assert.False(Meets("any goods: goods.descriptionVague", Sea([Item(1, "950300", 10, 100, "CN", "Gift boxes of chocolate")])));
    }

    [Fact]
    public void TheSampleDataQualityProfileMeetsAnUnknownHsCodeOrAVagueDescription()
    {
        const string criteria = "dataQuality.has(\"goods.hsCode\")\nor any goods: goods.descriptionVague";

        Assert.True(Meets(criteria, Sea([Item(1, "950300", 10, 100, "CN", "PERSONAL EFFECTS")])));
        Assert.True(Meets(criteria, WithFindings(new DataQualityFinding("goods[0].hsCode", "000000", DataQualityRules.HsUnknown, "m"))));
        Assert.False(Meets(criteria, Phones()));
    }
}
