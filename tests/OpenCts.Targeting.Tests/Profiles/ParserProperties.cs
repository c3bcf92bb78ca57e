using CsCheck;
using OpenCts.Domain.Common;
using OpenCts.Targeting.Profiles.Syntax;

namespace OpenCts.Targeting.Tests.Profiles;

public sealed class ParserProperties
{
    private static readonly string[] Paths = ["consignor.country", "goods.hs", "goods.valuePerKg", "mode", "daysToArrival", "route", "a", "x_1"];
    private static readonly string[] Collections = ["goods", "equipment", "parties", "route"];

    private static Gen<T> Pick<T>(params T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static readonly Gen<ProfileExpr> Leaf = Gen.OneOf<ProfileExpr>(
        Gen.String[Gen.Char["a-zA-Z0-9 \"\\\n\t.-"], 0, 8].Select(s => (ProfileExpr)new TextLiteral(s)),
        Gen.Decimal[0m, 100000m].Select(d => (ProfileExpr)new NumberLiteral(Math.Round(d, 3))),
        Gen.Int[0, 400].Select(Pick('d', 'h', 'm', 's'), (n, u) => (ProfileExpr)new DurationLiteral(n, u)),
        Gen.Bool.Select(b => (ProfileExpr)new BoolLiteral(b)),
        Gen.Const<ProfileExpr>(new NullLiteral()),
        Pick(Paths).Select(p => (ProfileExpr)new FieldRef(p)));

    internal static readonly Gen<ProfileExpr> Tree = Gen.Recursive<ProfileExpr>((depth, tree) => depth >= 4
        ? Leaf
        : Gen.Frequency(
            (3, Leaf),
            (1, tree.Select(e => (ProfileExpr)new Unary(UnaryOp.Not, e))),
            (1, tree.Select(e => (ProfileExpr)new Unary(UnaryOp.Negate, e))),
            (4, Gen.Enum<BinaryOp>().Select(tree, tree, (op, l, r) => (ProfileExpr)new Binary(op, l, r))),
            (1, Gen.Select(tree, tree, tree, (v, l, h) => (ProfileExpr)new Between(v, l, h))),
            (1, Gen.Enum<QuantifierKind>().Select(Pick(Collections), tree, (k, c, e) => (ProfileExpr)new Quantifier(k, c, e))),
            (1, Leaf.Array[0, 3].Select(items => (ProfileExpr)new ListLiteral(new ValueList<ProfileExpr>(items)))),
            (1, Pick("list", "screen", "now", "date").Select(tree.Array[0, 3], (n, args) => (ProfileExpr)new Call(n, new ValueList<ProfileExpr>(args))))));

    [Fact]
    public void PrintingAnyTreeAndParsingItBackGivesTheSameTree() =>
        Tree.Sample(tree => Assert.Equal(tree, ProfileParser.Parse(ProfilePrinter.Print(tree))), iter: 2000, print: ProfilePrinter.Print);

    [Fact]
    public void GarbageNeverCrashesTheParserAndAlwaysGetsAPositionedError()
    {
        var alphabet = Gen.Char["a-z0-9 ()[],:.=!<>+-*/&|\"'\\\n$#"];
        Gen.String[alphabet, 0, 40].Sample(text =>
        {
            try
            {
                ProfileParser.Parse(text);
            }
            catch (ProfileException e)
            {
                var error = Assert.Single(e.Errors);
                Assert.InRange(error.Line, 1, text.Count(c => c == '\n') + 1);
                Assert.InRange(error.Column, 1, text.Length + 1);
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
            }
        }, iter: 5000);
    }

    [Fact]
    public void MutatedValidCriteriaNeverCrashTheParserOrTheChecker()
    {
        const string valid = "any goods: goods.hs startsWith \"8517\" and goods.valuePerKg < 20 and consignor.country in list(\"x\") and screen(consignee, \"ofac\") >= 0.9";
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Int[1, 6], Gen.Char["a-z()\" .:"]).Sample((at, length, c) =>
        {
            var text = valid[..at] + c + valid[Math.Min(valid.Length, at + length)..];
            var errors = OpenCts.Targeting.Profiles.Compilation.ProfileCompiler.Check(text);
            Assert.All(errors, e => Assert.True(e.Line >= 1 && e.Column >= 1));
        }, iter: 2000);
    }
}
