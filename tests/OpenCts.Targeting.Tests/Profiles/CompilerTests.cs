using Microsoft.Extensions.Time.Testing;
using OpenCts.Domain.Consignments;
using OpenCts.Targeting.Profiles.Compilation;
using static OpenCts.Targeting.Tests.Profiles.Consignments;

namespace OpenCts.Targeting.Tests.Profiles;

public sealed class CompilerTests
{
    private static readonly ProfileCompiler Compiler = new(new ProfileEnvironment(new Dictionary<string, IReadOnlyCollection<string>>
    {
        ["high-risk-origins"] = ["CO", "PE", "EC"],
        ["ipr-sensitive-hs"] = ["4202", "6109", "9102"],
        ["restricted-destinations"] = ["RU", "IR"],
    }));

    private static readonly EvaluationContext Context = new EvaluationContext(new FakeTimeProvider(Now), new ExactNameScreening(("ofac-sdn", "Banco Delta Asia"))).At(Now);

    private static bool Meets(string criteria, Consignment consignment) => Compiler.Compile(criteria).Matches(consignment, Context);

    [Theory]
    [InlineData(10, true)]
    [InlineData(25, false)]
    public void AnyGoodsMeetsWhenOneItemMeetsEveryCriterion(decimal valuePerKg, bool expected) =>
        Assert.Equal(expected, Meets("any goods: goods.hs startsWith \"8517\" and goods.valuePerKg < 20", Phones(valuePerKg)));

    [Fact]
    public void AnyGoodsDoesNotMixCriteriaMetByDifferentItems()
    {
        // The chairs are cheap per kg, the phones have the HS code: no single item meets both.
        var consignment = Phones(valuePerKg: 100);

        Assert.False(Meets("any goods: goods.hs startsWith \"8517\" and goods.valuePerKg < 20", consignment));
        Assert.True(Meets("(any goods: goods.hs startsWith \"8517\") and (any goods: goods.valuePerKg < 20)", consignment));
    }

    [Fact]
    public void AllAndCountQuantifiersCountItems()
    {
        var consignment = Phones();

        Assert.True(Meets("all goods: goods.origin == \"CN\"", consignment));
        Assert.False(Meets("all goods: goods.hs4 == \"8517\"", consignment));
        Assert.True(Meets("(count goods: goods.grossMass > 500) == 2", consignment));
    }

    [Theory]
    [InlineData("CO", true)]
    [InlineData("co", true)]
    [InlineData("CN", false)]
    public void InAReferenceListComparesWithoutCase(string country, bool expected)
    {
        var consignment = Sea([Item(1, "080390", 10000, 9000, country.ToUpperInvariant())], consignorCountry: country.ToUpperInvariant());
        Assert.Equal(expected, Meets($"consignor.country in list(\"high-risk-origins\")", consignment));
        Assert.Equal(expected, Meets($"\"{country}\" in list(\"high-risk-origins\")", Phones()));
    }

    [Fact]
    public void NotInAndStartsWithAListWork()
    {
        var consignment = Sea([Item(1, "42022100", 100, 900, "CN")]);

        Assert.True(Meets("consignor.country not in [\"CO\", \"PE\"]", consignment));
        Assert.True(Meets("any goods: goods.hs startsWith list(\"ipr-sensitive-hs\")", consignment));
        Assert.False(Meets("any goods: goods.hs startsWith list(\"high-risk-origins\")", consignment));
    }

    [Fact]
    public void AMissingValueMakesEveryComparisonFalseButNullTestsSayItIsMissing()
    {
        var consignment = Phones() with { Carrier = null };

        Assert.False(Meets("carrier.code == \"MAEU\"", consignment));
        Assert.False(Meets("carrier.code != \"MAEU\"", consignment));
        Assert.True(Meets("carrier.code == null", consignment));
        Assert.True(Meets("notify == null", Phones()));
        Assert.False(Meets("notify.country == \"NL\"", Phones()));
    }

    [Fact]
    public void DatesDurationsAndDaysToArrivalUseTheContextsInstant()
    {
        var consignment = Phones();

        Assert.True(Meets("daysToArrival between 1.5 and 2.5", consignment));
        Assert.True(Meets("estimatedArrival - now() < 3d and estimatedArrival > date(\"2026-12-01\")", consignment));
        Assert.True(Meets("transitDays == 22 and days(estimatedArrival - departure) > 21", consignment));
        Assert.False(Meets("departure > now() - 7d", consignment));
    }

    [Fact]
    public void RouteAndPassesThroughSeeTransshipmentCountries()
    {
        var consignment = Sea([Item(1, "080390", 10000, 9000, "EC")], consignorCountry: "EC", loading: "ECGYE", route: ["EC", "PA", "NL"]);

        Assert.True(Meets("passesThrough(\"PA\")", consignment));
        Assert.True(Meets("route contains \"pa\" and \"EC\" in route", consignment));
        Assert.True(Meets("any route: route in list(\"high-risk-origins\")", consignment));
        Assert.False(Meets("passesThrough(list(\"restricted-destinations\"))", consignment));
    }

    [Fact]
    public void ScreenCallsTheScreeningFunction()
    {
        var listed = Phones() with { Parties = [Party(PartyRole.Consignor, "BANCO DELTA ASIA", "MO"), Party(PartyRole.Consignee, "Holland Import BV", "NL")] };

        Assert.True(Meets("screen(consignor, \"ofac-sdn\") >= 0.92", listed));
        Assert.False(Meets("screen(consignor, \"un\") >= 0.92", listed));
        Assert.True(Meets("any parties: screen(parties) > 0.5", listed));
        Assert.False(Meets("screen(consignor) > 0.5", Phones()));
    }

    [Fact]
    public void RegularExpressionsMatchWithoutCase() =>
        Assert.True(Meets("consignor.name matches \"^shenzhen\\\\s+\" and not (consignee.name matches \"gmbh$\")", Phones()));

    [Fact]
    public void ArithmeticOnFieldsWorks() =>
        Assert.True(Meets("totalValue / totalGrossMass < 10 and goodsCount * 2 == 4 and containerCount == 1", Phones(valuePerKg: 5)));

    [Fact]
    public void CodedFieldsCompareByName() =>
        Assert.True(Meets("direction == \"import\" and mode in [\"Sea\", \"Air\"] and document.kind == \"OceanBillOfLading\"", Phones()));

    [Fact]
    public void EvidenceNamesTheItemAndTheValueThatMetEachCriterion()
    {
        var criteria = Compiler.Compile("consignor.country == \"CN\" and (mode == \"Air\" or mode == \"Sea\")\n  and any goods: goods.hs startsWith \"8517\" and goods.valuePerKg < 20");

        var evidence = criteria.Explain(Phones(valuePerKg: 10), Context);

        Assert.Equal(
        [
            new("consignor.country == \"CN\"", "consignor.country", "CN"),
            new("mode == \"Sea\"", "mode", "Sea"),
            new("goods.hs startsWith \"8517\"", "goods[1].hs", "85171300"),
            new("goods.valuePerKg < 20", "goods[1].valuePerKg", "10"),
        ], evidence);
    }

    [Fact]
    public void EvidenceIsEmptyWhenTheCriteriaAreNotMet() =>
        Assert.Empty(Compiler.Compile("mode == \"Air\"").Explain(Phones(), Context));

    [Fact]
    public void CompilingBadCriteriaThrowsWithEveryErrorAndTheProfile()
    {
        var error = Assert.Throws<OpenCts.Targeting.Profiles.Syntax.ProfileException>(() => Compiler.Compile("mode == 1 and zebra", "NARC-001"));

        Assert.Equal("profile NARC-001: line 1, column 1: '==' cannot take a text (mode) and a number ('1'); line 1, column 15: unknown field 'zebra'", error.Message);
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(25, false)]
    public void CriteriaTooLargeToCompileAreInterpretedAndMeetTheSameConsignmentsWithTheSameEvidence(decimal valuePerKg, bool expected)
    {
        // 120 conditions are past what is compiled to machine code (the JIT took seconds on such a method); the interpreter
        // must give the same answers and the same evidence as the compiled form of the same conditions.
        var large = string.Join(" and ", Enumerable.Repeat("(any goods: goods.hs startsWith \"8517\" and goods.valuePerKg < 20)", 120));
        var small = string.Join(" and ", Enumerable.Repeat("(any goods: goods.hs startsWith \"8517\" and goods.valuePerKg < 20)", 2));
        var consignment = Phones(valuePerKg);

        var interpreted = Compiler.Compile(large);
        var compiled = Compiler.Compile(small);

        Assert.True(OpenCts.Targeting.Profiles.Syntax.SyntaxHeight.Size(interpreted.Syntax) > 256);
        Assert.Equal(expected, interpreted.Matches(consignment, Context));
        Assert.Equal(compiled.Matches(consignment, Context), interpreted.Matches(consignment, Context));
        Assert.Equal(compiled.Explain(consignment, Context).Distinct(), interpreted.Explain(consignment, Context).Distinct());
    }
}

public sealed class CompilerEdgeTests
{
    [Fact]
    public void ARunawayRegularExpressionCountsAsNoMatchInsteadOfStallingTheStream()
    {
        var compiler = new ProfileCompiler(new ProfileEnvironment(regexTimeout: TimeSpan.FromMilliseconds(5)));
        var criteria = compiler.Compile("consignor.name matches \"^(a+)+$\"");
        var consignment = Consignments.Phones() with
        {
            Parties = [Consignments.Party(OpenCts.Domain.Consignments.PartyRole.Consignor, new string('a', 40) + "!", "CN")],
        };

        Assert.False(criteria.Matches(consignment, new EvaluationContext(TimeProvider.System)));
    }

    [Fact]
    public void EvidenceOfAListMembershipShowsTheConsignmentsSide()
    {
        var criteria = new ProfileCompiler().Compile("\"PA\" in route");
        var consignment = Consignments.Sea([Consignments.Item(1, "080390", 10000, 9000, "EC")], loading: "ECGYE", route: ["EC", "PA", "NL"]);

        var evidence = Assert.Single(criteria.Explain(consignment, new EvaluationContext(TimeProvider.System)));

        Assert.Equal(new OpenCts.Domain.Assessments.Evidence("\"PA\" in route", "route", "EC PA NL"), evidence);
    }
}
