using System.Globalization;
using OpenCts.Domain.Common;

namespace OpenCts.Targeting.Profiles.Syntax;

/// <summary>Parses criteria text into a <see cref="ProfileExpr"/>, with the first error at its line and column.</summary>
/// <remarks>
/// Precedence, loosest first: a quantifier (<c>any goods:</c>, whose condition runs to the end of the enclosing
/// parentheses), <c>or</c>, <c>and</c>, <c>not</c>, one comparison (<c>==</c>, <c>in</c>, <c>startsWith</c>,
/// <c>between</c>...), <c>+ -</c>, <c>* /</c>, unary minus, then fields, values, lists, calls and parentheses.
/// </remarks>
public sealed class ProfileParser
{
    private const int MaxDepth = 100;

    private readonly IReadOnlyList<Token> _tokens;
    private int _next;
    private int _depth;

    private ProfileParser(IReadOnlyList<Token> tokens) => _tokens = tokens;

    /// <summary>Parses a whole criteria text.</summary>
    /// <exception cref="ProfileException">The text is not a valid expression; the error has its line and column.</exception>
    public static ProfileExpr Parse(string text)
    {
        var parser = new ProfileParser(Tokenizer.Tokenize(text));
        var expr = parser.Expression();
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw parser.Expected("an operator, 'and', 'or' or the end of the criteria");
        }
        if (SyntaxHeight.FirstTooDeep(expr) is { } deep)
        {
            throw Error(deep.Span, $"the criteria are more than {SyntaxHeight.Limit} operators deep (each operand of a chain of 'and', 'or', '+' counts as one level): put long alternatives in a list, such as 'goods.hs in [...]'");
        }
        return expr;
    }

    private Token Peek => _tokens[_next];

    private Token PeekAt(int ahead) => _tokens[Math.Min(_next + ahead, _tokens.Count - 1)];

    private Token Take() => _tokens[_next++];

    private ProfileExpr Expression()
    {
        if (++_depth > MaxDepth)
        {
            throw Error(Peek.Span, $"the criteria nest more than {MaxDepth} levels deep");
        }
        var expr = Or();
        _depth--;
        return expr;
    }

    private ProfileExpr Or()
    {
        var left = And();
        while (Peek.IsKeyword("or") || Peek.Kind == TokenKind.OrSymbol)
        {
            Take();
            var right = And();
            left = new Binary(BinaryOp.Or, left, right) { Span = left.Span.To(right.Span) };
        }
        return left;
    }

    private ProfileExpr And()
    {
        var left = Not();
        while (Peek.IsKeyword("and") || Peek.Kind == TokenKind.AndSymbol)
        {
            Take();
            var right = Not();
            left = new Binary(BinaryOp.And, left, right) { Span = left.Span.To(right.Span) };
        }
        return left;
    }

    private ProfileExpr Not()
    {
        var start = Peek;
        if (start.IsKeyword("not") || start.Kind == TokenKind.Bang)
        {
            Take();
            var operand = Nested(Not);
            return new Unary(UnaryOp.Not, operand) { Span = start.Span.To(operand.Span) };
        }
        if (start.IsKeyword("any") || start.IsKeyword("all") || start.IsKeyword("count"))
        {
            Take();
            var collection = Take();
            if (collection.Kind != TokenKind.Identifier || ProfileKeywords.All.Contains(collection.Text))
            {
                throw Error(collection.Span, $"expected a collection (goods, equipment, parties or route) after '{start.Text}', but found {collection.Describe()}");
            }
            if (Peek.Kind != TokenKind.Colon)
            {
                throw Expected($"':' after '{start.Text} {collection.Text}'");
            }
            Take();
            var condition = Expression();
            var kind = start.Text switch { "any" => QuantifierKind.Any, "all" => QuantifierKind.All, _ => QuantifierKind.Count };
            return new Quantifier(kind, collection.Text, condition) { Span = start.Span.To(condition.Span) };
        }
        return Comparison();
    }

    private ProfileExpr Comparison()
    {
        var left = Additive();
        var op = Peek;
        BinaryOp? binary = op.Kind switch
        {
            TokenKind.Equal => BinaryOp.Equal,
            TokenKind.NotEqual => BinaryOp.NotEqual,
            TokenKind.Less => BinaryOp.Less,
            TokenKind.LessOrEqual => BinaryOp.LessOrEqual,
            TokenKind.Greater => BinaryOp.Greater,
            TokenKind.GreaterOrEqual => BinaryOp.GreaterOrEqual,
            TokenKind.Identifier => op.Text switch
            {
                "in" => BinaryOp.In,
                "not" when PeekAt(1).IsKeyword("in") => BinaryOp.NotIn,
                "startsWith" => BinaryOp.StartsWith,
                "endsWith" => BinaryOp.EndsWith,
                "contains" => BinaryOp.Contains,
                "matches" => BinaryOp.Matches,
                _ => null,
            },
            _ => null,
        };
        ProfileExpr result;
        if (op.IsKeyword("between"))
        {
            Take();
            var low = Additive();
            if (!Peek.IsKeyword("and"))
            {
                throw Expected("'and' between the two bounds of 'between'");
            }
            Take();
            var high = Additive();
            result = new Between(left, low, high) { Span = left.Span.To(high.Span) };
        }
        else if (binary is { } b)
        {
            Take();
            if (b == BinaryOp.NotIn)
            {
                Take();
            }
            var right = b is BinaryOp.In or BinaryOp.NotIn && Peek.Kind == TokenKind.LeftParen ? SqlList() : Additive();
            result = new Binary(b, left, right) { Span = left.Span.To(right.Span) };
        }
        else
        {
            return left;
        }
        if (IsComparison(Peek))
        {
            throw Error(Peek.Span, $"comparisons do not chain: join them with 'and', or put one in parentheses (found {Peek.Describe()})");
        }
        return result;
    }

    private bool IsComparison(Token token) =>
        token.Kind is TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual ||
        token.IsKeyword("in") || token.IsKeyword("startsWith") || token.IsKeyword("endsWith") || token.IsKeyword("contains") ||
        token.IsKeyword("matches") || token.IsKeyword("between") || (token.IsKeyword("not") && PeekAt(1).IsKeyword("in"));

    private ProfileExpr Additive()
    {
        var left = Multiplicative();
        while (Peek.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Take().Kind == TokenKind.Plus ? BinaryOp.Add : BinaryOp.Subtract;
            var right = Multiplicative();
            left = new Binary(op, left, right) { Span = left.Span.To(right.Span) };
        }
        return left;
    }

    private ProfileExpr Multiplicative()
    {
        var left = Negation();
        while (Peek.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Take().Kind == TokenKind.Star ? BinaryOp.Multiply : BinaryOp.Divide;
            var right = Negation();
            left = new Binary(op, left, right) { Span = left.Span.To(right.Span) };
        }
        return left;
    }

    private ProfileExpr Negation()
    {
        if (Peek.Kind == TokenKind.Minus)
        {
            var minus = Take();
            var operand = Nested(Negation);
            return new Unary(UnaryOp.Negate, operand) { Span = minus.Span.To(operand.Span) };
        }
        return Primary();
    }

    private ProfileExpr Primary()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Take();
                return new NumberLiteral(Number(token, token.Text)) { Span = token.Span };
            case TokenKind.Duration:
                Take();
                return new DurationLiteral(Number(token, token.Text[..^1]), token.Text[^1]) { Span = token.Span };
            case TokenKind.String:
                Take();
                return new TextLiteral(token.Text) { Span = token.Span };
            case TokenKind.LeftBracket:
                return Items(TokenKind.RightBracket);
            case TokenKind.LeftParen:
                Take();
                var inner = Nested(Expression);
                if (Peek.Kind != TokenKind.RightParen)
                {
                    throw Expected($"')' to close the '(' at {token.Span}");
                }
                Take();
                return inner;
            case TokenKind.Identifier when token.Text is "true" or "false":
                Take();
                return new BoolLiteral(token.Text == "true") { Span = token.Span };
            case TokenKind.Identifier when token.Text == "null":
                Take();
                return new NullLiteral { Span = token.Span };
            case TokenKind.Identifier when !ProfileKeywords.All.Contains(token.Text):
                Take();
                return PeekAt(0).Kind == TokenKind.LeftParen ? CallOf(token) : Path(token);
            default:
                throw Expected("a field, a value, a list, a function call or '('");
        }
    }

    private ProfileExpr Path(Token first)
    {
        var path = first.Text;
        var span = first.Span;
        while (Peek.Kind == TokenKind.Dot)
        {
            Take();
            var segment = Peek;
            if (segment.Kind != TokenKind.Identifier)
            {
                throw Expected("a field name after '.'");
            }
            Take();
            path += "." + segment.Text;
            span = span.To(segment.Span);
        }
        // A function of a field, such as dataQuality.has("goods.hsCode"), is called by its dotted name.
        return Peek.Kind == TokenKind.LeftParen ? CallOf(path, span) : new FieldRef(path) { Span = span };
    }

    private Call CallOf(Token name) => CallOf(name.Text, name.Span);

    private Call CallOf(string name, SourceSpan span)
    {
        var arguments = new List<ProfileExpr>();
        Take();
        if (Peek.Kind != TokenKind.RightParen)
        {
            while (true)
            {
                arguments.Add(Nested(Expression));
                if (Peek.Kind == TokenKind.Comma)
                {
                    Take();
                    continue;
                }
                if (Peek.Kind != TokenKind.RightParen)
                {
                    throw Expected($"',' or ')' in the arguments of {name}()");
                }
                break;
            }
        }
        var close = Take();
        return new Call(name, new ValueList<ProfileExpr>(arguments)) { Span = span.To(close.Span) };
    }

    /// <summary>SQL's <c>in ("CO", "PE")</c>; one item without a comma is an expression in parentheses.</summary>
    private ProfileExpr SqlList()
    {
        var list = Items(TokenKind.RightParen);
        return list.Items.Count == 1 && _tokens[_next - 2].Kind != TokenKind.Comma ? list.Items[0] : list;
    }

    private ListLiteral Items(TokenKind close)
    {
        var start = Take();
        var items = new List<ProfileExpr>();
        var closing = close == TokenKind.RightBracket ? "]" : ")";
        if (Peek.Kind != close)
        {
            while (true)
            {
                items.Add(Nested(Expression));
                if (Peek.Kind == TokenKind.Comma)
                {
                    Take();
                    continue;
                }
                if (Peek.Kind != close)
                {
                    throw Expected($"',' or '{closing}' in the list opened at {start.Span}");
                }
                break;
            }
        }
        var end = Take();
        return new ListLiteral(new ValueList<ProfileExpr>(items)) { Span = start.Span.To(end.Span) };
    }

    private ProfileExpr Nested(Func<ProfileExpr> parse)
    {
        if (++_depth > MaxDepth)
        {
            throw Error(Peek.Span, $"the criteria nest more than {MaxDepth} levels deep");
        }
        var expr = parse();
        _depth--;
        return expr;
    }

    private static decimal Number(Token token, string digits) =>
        decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(token.Span, $"the number {token.Text} is too large");

    private ProfileException Expected(string what) => Error(Peek.Span, $"expected {what}, but found {Peek.Describe()}");

    private static ProfileException Error(SourceSpan span, string message) => new([new ProfileError(span.Line, span.Column, message)]);
}
