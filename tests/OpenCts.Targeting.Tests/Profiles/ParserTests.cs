using OpenCts.Targeting.Profiles.Syntax;

namespace OpenCts.Targeting.Tests.Profiles;

public sealed class ParserTests
{
    private static string ErrorOf(string criteria) => Assert.Throws<ProfileException>(() => ProfileParser.Parse(criteria)).Errors.Single().ToString();

    [Fact]
    public void AQuantifiedConditionParsesWithItsBodyRunningToTheEnd()
    {
        var tree = ProfileParser.Parse("any goods: goods.hs startsWith \"8517\" and goods.valuePerKg < 20");

        var expected = new Quantifier(QuantifierKind.Any, "goods", new Binary(BinaryOp.And,
            new Binary(BinaryOp.StartsWith, new FieldRef("goods.hs"), new TextLiteral("8517")),
            new Binary(BinaryOp.Less, new FieldRef("goods.valuePerKg"), new NumberLiteral(20))));
        Assert.Equal(expected, tree);
    }

    [Fact]
    public void AndBindsTighterThanOrAndNotTighterThanAnd()
    {
        var tree = ProfileParser.Parse("not a == \"1\" or b == \"2\" and c == \"3\"");

        var expected = new Binary(BinaryOp.Or,
            new Unary(UnaryOp.Not, new Binary(BinaryOp.Equal, new FieldRef("a"), new TextLiteral("1"))),
            new Binary(BinaryOp.And,
                new Binary(BinaryOp.Equal, new FieldRef("b"), new TextLiteral("2")),
                new Binary(BinaryOp.Equal, new FieldRef("c"), new TextLiteral("3"))));
        Assert.Equal(expected, tree);
    }

    [Fact]
    public void CelAndSqlSpellingsGiveTheSameTreeAsTheCanonicalOnes()
    {
        var canonical = ProfileParser.Parse("consignor.country in [\"CO\", \"PE\"] and not (mode == \"Sea\") or x != 1");
        var familiar = ProfileParser.Parse("consignor.country in (\"CO\", \"PE\") && !(mode = \"Sea\") || x <> 1");

        Assert.Equal(canonical, familiar);
    }

    [Fact]
    public void BetweenTakesItsOwnAndBeforeTheLogicalOne()
    {
        var tree = ProfileParser.Parse("goods.valuePerKg between 1 and 2.5 and daysToArrival < 3d");

        var expected = new Binary(BinaryOp.And,
            new Between(new FieldRef("goods.valuePerKg"), new NumberLiteral(1), new NumberLiteral(2.5m)),
            new Binary(BinaryOp.Less, new FieldRef("daysToArrival"), new DurationLiteral(3, 'd')));
        Assert.Equal(expected, tree);
    }

    [Fact]
    public void ArithmeticFollowsTheUsualPrecedence()
    {
        var tree = ProfileParser.Parse("a + b * -c >= 2");

        var expected = new Binary(BinaryOp.GreaterOrEqual,
            new Binary(BinaryOp.Add, new FieldRef("a"), new Binary(BinaryOp.Multiply, new FieldRef("b"), new Unary(UnaryOp.Negate, new FieldRef("c")))),
            new NumberLiteral(2));
        Assert.Equal(expected, tree);
    }

    [Fact]
    public void SpansGiveTheLineAndColumnOfEachNode()
    {
        var tree = (Binary)ProfileParser.Parse("// narcotics\nconsignor.country == \"CO\"\n  and mode == \"Sea\"");

        Assert.Equal((2, 1), (tree.Left.Span.Line, tree.Left.Span.Column));
        Assert.Equal((3, 7), (tree.Right.Span.Line, tree.Right.Span.Column));
    }

    [Fact]
    public void AMissingOperatorIsReportedWhereTheStrayValueStands() =>
        Assert.Equal("line 1, column 19: expected an operator, 'and', 'or' or the end of the criteria, but found the text \"CO\"",
            ErrorOf("consignor.country \"CO\""));

    [Fact]
    public void AMissingOperandNamesWhatCouldHaveBeenThere() =>
        Assert.Equal("line 2, column 9: expected a field, a value, a list, a function call or '(', but found the keyword 'and'",
            ErrorOf("mode == \"Sea\"\nand x < and y"));

    [Fact]
    public void AnUnclosedParenthesisPointsBackToIt() =>
        Assert.Equal("line 1, column 24: expected ')' to close the '(' at line 1, column 1, but found the end of the criteria",
            ErrorOf("(mode == \"Sea\" or a < 1"));

    [Fact]
    public void AnUnterminatedTextIsReportedAtItsOpeningQuote() =>
        Assert.Equal("line 1, column 9: the text has no closing quote (\")", ErrorOf("mode == \"Sea"));

    [Fact]
    public void SingleQuotesAreExplained() =>
        Assert.Equal("line 1, column 9: texts are written in double quotes (\"CO\"), not single quotes", ErrorOf("mode == 'Sea'"));

    [Fact]
    public void ComparisonsDoNotChain() =>
        Assert.Equal("line 1, column 7: comparisons do not chain: join them with 'and', or put one in parentheses (found '<')", ErrorOf("1 < x < 3"));

    [Fact]
    public void AQuantifierNeedsAColonAfterItsCollection() =>
        Assert.Equal("line 1, column 11: expected ':' after 'any goods', but found 'goods'", ErrorOf("any goods goods.hs == \"1\""));

    [Fact]
    public void BetweenNeedsAndBetweenItsBounds() =>
        Assert.Equal("line 1, column 13: expected 'and' between the two bounds of 'between', but found the keyword 'or'", ErrorOf("x between 1 or 2"));

    [Fact]
    public void ADurationNeedsAKnownUnit() =>
        Assert.Equal("line 1, column 18: '3y' is neither a number nor a duration (write 7d, 12h, 30m or 10s)", ErrorOf("daysToArrival < 3y"));

    [Fact]
    public void DeepNestingIsAPositionedErrorNotACrash()
    {
        var error = Assert.Throws<ProfileException>(() => ProfileParser.Parse(new string('(', 5000) + "1" + new string(')', 5000)));

        Assert.Contains("nest more than 100 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALongChainPrintsWithoutNestingAndParsesBackToTheSameTree()
    {
        var sum = ProfileParser.Parse("1" + string.Concat(Enumerable.Repeat(" + 1 - 2", 100)) + " > 0");
        var conditions = ProfileParser.Parse(string.Join(" and ", Enumerable.Range(0, 200).Select(i => $"totalValue > {i}")));

        Assert.StartsWith("(1 + 1 - 2 + 1 - 2", ProfilePrinter.Print(sum), StringComparison.Ordinal);
        Assert.Equal(sum, ProfileParser.Parse(ProfilePrinter.Print(sum)));
        Assert.Equal(conditions, ProfileParser.Parse(ProfilePrinter.Print(conditions)));
        Assert.Equal("(a or b) and ((c - (d - e)) > (f * g / h))", ProfilePrinter.Print(ProfileParser.Parse("(a or b) and c - (d - e) > f * g / h")));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(50_000)]
    public void AChainDeeperThanTheLimitIsAPositionedErrorNotACrashedProcess(int operands)
    {
        // Was: a stack overflow in the binder (which ends the process, server included) from 5,000 operands on.
        var error = Assert.Throws<ProfileException>(() => ProfileParser.Parse(string.Join(" or ", Enumerable.Repeat("mode == \"Sea\"", operands))));

        Assert.Contains("more than 256 operators deep", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("line 1, column ", error.Errors.Single().ToString(), StringComparison.Ordinal);
    }
}
