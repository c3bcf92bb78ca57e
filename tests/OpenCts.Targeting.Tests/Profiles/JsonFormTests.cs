using CsCheck;
using Microsoft.Extensions.Time.Testing;
using OpenCts.Bench.Quality.Profiles;
using OpenCts.Ingestion.Samples;
using OpenCts.Targeting.Profiles.Compilation;
using OpenCts.Targeting.Profiles.Json;
using OpenCts.Targeting.Profiles.Syntax;

namespace OpenCts.Targeting.Tests.Profiles;

public sealed class JsonFormTests
{
    [Fact]
    public void AQueryBuilderFormReadsAsTheSameTreeAsItsText()
    {
        const string json = """
            {"all": [
              {"field": "consignor.country", "op": "in", "value": ["CO", "PE"]},
              {"not": {"field": "consignee.eori", "op": "!=", "value": null}},
              {"some": "goods", "where": {"all": [
                {"field": "goods.hs", "op": "startsWith", "value": {"list": "fruit"}},
                {"field": "goods.grossMass", "op": "between", "value": [5000, 30000]}]}},
              {"expr": "screen(consignee, \"ofac-sdn\")", "op": ">=", "value": 0.92},
              {"count": "equipment", "where": {"field": "equipment.seals", "op": "==", "value": 0}, "op": ">", "value": 0},
              {"call": "passesThrough", "args": ["PA"]},
              {"field": "departure", "op": ">", "value": {"expr": "now() - 30d"}}
            ]}
            """;
        const string text = """
            consignor.country in ["CO", "PE"] and not (consignee.eori != null)
            and (any goods: goods.hs startsWith list("fruit") and goods.grossMass between 5000 and 30000)
            and screen(consignee, "ofac-sdn") >= 0.92 and (count equipment: equipment.seals == 0) > 0
            and passesThrough("PA") and departure > now() - 30d
            """;

        Assert.Equal(ProfileParser.Parse(text), ProfileJson.FromJson(json));
    }

    [Fact]
    public void AnyTreeWrittenAsJsonReadsBackAsTheSameTree() =>
        ParserProperties.Tree.Sample(tree => Assert.Equal(tree, ProfileJson.FromJson(ProfileJson.ToJson(tree).ToJsonString())), iter: 2000, print: ProfilePrinter.Print);

    [Fact]
    public void AnUnknownOperatorNamesItsJsonPath()
    {
        var error = Assert.Throws<FormatException>(() => ProfileJson.FromJson("""{"all": [{"field": "mode", "op": "==", "value": "Sea"}, {"field": "mode", "op": "inn", "value": ["Air"]}]}"""));

        Assert.Equal("$.all[1].op: unknown operator 'inn'; the operators are ==, !=, <, <=, >, >=, in, not in, startsWith, endsWith, contains, matches and between", error.Message);
    }

    [Fact]
    public void ATextWhoseEscapeIsALoneSurrogateIsRefusedAtItsPathAndAKeyLikeItAsInvalidJson()
    {
        // Found by the fuzzer: \ude00 is valid JSON but no character, and reading it threw InvalidOperationException.
        var inExpression = Assert.Throws<FormatException>(() => ProfileJson.FromJson("""{"all": [{"field": "mode", "op": "==", "value": "Sea"}, {"expr": "\ude0022PA", "op": "in", "value": {"field": "route"}}]}"""));
        var inValue = Assert.Throws<FormatException>(() => ProfileJson.FromJson("""{"field": "route", "op": "==", "value": "\ud800"}"""));
        var inKey = Assert.Throws<FormatException>(() => ProfileJson.FromJson("""{"all": [{"\ude00": "mode", "op": "==", "value": "Sea"}]}"""));
        var inKeyOfAValue = Assert.Throws<FormatException>(() => ProfileJson.FromJson("""{"field": "route", "op": "in", "value": [{"\ud800": 1, "b": 2}]}"""));

        Assert.Equal("$.all[1].expr: holds an escape that is not a character (a lone UTF-16 surrogate)", inExpression.Message);
        Assert.Equal("$.value: holds an escape that is not a character (a lone UTF-16 surrogate)", inValue.Message);
        Assert.StartsWith("the criteria are not valid JSON: a key holds an escape that is not a character", inKey.Message, StringComparison.Ordinal);
        Assert.StartsWith("the criteria are not valid JSON: a key holds an escape that is not a character", inKeyOfAValue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadExpressionInsideTheJsonNamesItsPathAndColumn()
    {
        var error = Assert.Throws<FormatException>(() => ProfileJson.FromJson("""{"any": [{"expr": "mode == "}]}"""));

        Assert.Equal("$.any[0].expr: line 1, column 9: expected a field, a value, a list, a function call or '(', but found the end of the criteria", error.Message);
    }

    [Fact]
    public void TheTwoFormsOfEveryMixProfileMeetTheSameConsignments()
    {
        var compiler = new ProfileCompiler();
        var context = new EvaluationContext(new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        var consignments = new SampleGenerator(11).Generate(300);
        var hits = 0;
        foreach (var rule in ProfileMix.Generate(150, seed: 3))
        {
            var fromText = compiler.Compile(rule.Criteria());
            var fromJson = compiler.Compile(ProfileJson.FromJson(ProfileJson.ToJson(fromText.Syntax).ToJsonString()));
            foreach (var consignment in consignments)
            {
                var meets = fromText.Matches(consignment, context);
                Assert.Equal(meets, fromJson.Matches(consignment, context));
                hits += meets ? 1 : 0;
            }
        }
        Assert.True(hits > 0, "the mix should meet some consignments, or the comparison proves nothing");
    }

    [Fact]
    public void TypeErrorsInTheJsonFormPointIntoItsPrintedText()
    {
        var tree = ProfileJson.FromJson("""{"all": [{"field": "mode", "op": "==", "value": "Sea"}, {"field": "consigne.country", "op": "==", "value": "NL"}]}""");

        var error = Assert.Single(ProfileCompiler.Check(tree));

        Assert.Equal("line 1, column 22: unknown field 'consigne.country'; did you mean 'consignee.country'?", error.ToString());
        Assert.Equal("(mode == \"Sea\") and (consigne.country == \"NL\")", ProfilePrinter.Print(tree));
    }

    [Fact]
    public void AJsonAllOfTwoHundredConditionsCompiles()
    {
        // Was: the JSON form is compiled through its printed text, which nested one parenthesis per condition and so
        // went past the parser's nesting limit of 100.
        var conditions = string.Join(", ", Enumerable.Range(0, 200).Select(i => $$"""{"field": "totalValue", "op": ">", "value": {{i}}}"""));

        var compiled = new ProfileCompiler().Compile(ProfileJson.FromJson($$"""{"all": [{{conditions}}]}"""));

        Assert.NotNull(compiled);
    }

    [Fact]
    public void AJsonAnyDeeperThanTheLimitIsAFormatErrorNotACrashedProcess()
    {
        var conditions = string.Join(", ", Enumerable.Repeat("""{"field": "mode", "op": "==", "value": "Sea"}""", 20_000));

        var error = Assert.Throws<FormatException>(() => ProfileJson.FromJson($$"""{"any": [{{conditions}}]}"""));

        Assert.StartsWith("$: the criteria are more than 256 conditions deep", error.Message, StringComparison.Ordinal);
    }
}
