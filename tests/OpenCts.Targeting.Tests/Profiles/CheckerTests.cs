using OpenCts.Targeting.Profiles.Compilation;

namespace OpenCts.Targeting.Tests.Profiles;

public sealed class CheckerTests
{
    private static readonly ProfileEnvironment Lists = new(new Dictionary<string, IReadOnlyCollection<string>>
    {
        ["high-risk-origins"] = ["CO", "PE", "EC"],
        ["ipr-sensitive-hs"] = ["4202", "6109"],
    });

    private static string ErrorsOf(string criteria) => string.Join(" | ", ProfileCompiler.Check(criteria, Lists));

    [Fact]
    public void SoundCriteriaHaveNoErrors() =>
        Assert.Empty(ProfileCompiler.Check(
            "any goods: goods.hs startsWith \"8517\" and goods.valuePerKg < 20 and consignor.country in list(\"high-risk-origins\") " +
            "and screen(consignee, \"ofac-sdn\") >= 0.92 and daysToArrival between 0 and 3 and departure > now() - 30d " +
            "and (count equipment: equipment.seals == 0) >= 1 and passesThrough(\"PA\") and direction == \"Import\"", Lists));

    [Fact]
    public void AMisspeltFieldGetsTheClosestName() =>
        Assert.Equal("line 1, column 1: unknown field 'consigne.country'; did you mean 'consignee.country'?", ErrorsOf("consigne.country == \"NL\""));

    [Fact]
    public void AMisspeltItemFieldInsideAQuantifierGetsTheItemsClosestName() =>
        Assert.Equal("line 1, column 12: unknown field 'goods.valuePerKilo'; did you mean 'goods.valuePerKg'?", ErrorsOf("any goods: goods.valuePerKilo < 2"));

    [Fact]
    public void AFieldFarFromEveryNameGetsNoSuggestion() =>
        Assert.Equal("line 1, column 1: unknown field 'zebra'", ErrorsOf("zebra == 1"));

    [Fact]
    public void ATextComparedWithANumberIsATypeError() =>
        Assert.Equal("line 1, column 1: '==' cannot take a text (consignor.country) and a number ('5')", ErrorsOf("consignor.country == 5"));

    [Fact]
    public void AnItemFieldOutsideItsQuantifierSaysHowToReachIt() =>
        Assert.Equal("line 1, column 1: 'goods.hs' reads an item of goods: write it inside 'any goods:', 'all goods:' or 'count goods:'", ErrorsOf("goods.hs == \"851713\""));

    [Fact]
    public void AFunctionWithTheWrongNumberOfArgumentsSaysHowManyItTakes() =>
        Assert.Equal("line 1, column 1: list() takes 1 argument, but 2 were given", ErrorsOf("list(\"a\", \"b\") contains \"x\""));

    [Fact]
    public void AnUnknownReferenceListGetsTheClosestListName() =>
        Assert.Equal("line 1, column 27: unknown reference list 'high-risk-origin'; did you mean 'high-risk-origins'?", ErrorsOf("consignor.country in list(\"high-risk-origin\")"));

    [Fact]
    public void AMisspeltCodedValueGetsTheClosestValue() =>
        Assert.Equal("line 1, column 14: 'Imprt' is not a value of direction; did you mean 'Import'?", ErrorsOf("direction == \"Imprt\""));

    [Fact]
    public void CriteriaThatAreNotAConditionAreRejected() =>
        Assert.Equal("line 1, column 1: the criteria must be a condition that is true or false, but this is a number", ErrorsOf("totalValue + 1"));

    [Fact]
    public void ScreenNeedsAParty() =>
        Assert.Equal("line 1, column 8: screen() screens a party, such as consignee or parties, but consignee.name is a text", ErrorsOf("screen(consignee.name) > 0.5"));

    [Fact]
    public void AnInvalidRegularExpressionIsReportedAtThePattern() =>
        Assert.StartsWith("line 1, column 24: the regular expression is not valid", ErrorsOf("consignee.name matches \"(unclosed\""), StringComparison.Ordinal);

    [Fact]
    public void EveryErrorIsReportedNotOnlyTheFirst() =>
        Assert.Equal(2, ProfileCompiler.Check("consigne.country == \"NL\" and mode == 3", Lists).Count);

    [Fact]
    public void AnUnknownCollectionGetsTheClosestCollection() =>
        Assert.Equal("line 1, column 1: unknown collection 'good' after 'any'; did you mean 'goods'?; the collections are goods, equipment, parties and route", ErrorsOf("any good: good.hs == \"1\""));

    [Fact]
    public void ListNamesAreNotCheckedWithoutAnEnvironment() =>
        Assert.Empty(ProfileCompiler.Check("consignor.country in list(\"anything\")"));
}
