using System.Globalization;
using System.Text;

namespace OpenCts.Targeting.Profiles.Syntax;

/// <summary>Writes a syntax tree back as criteria text that parses to the same tree.</summary>
/// <remarks>
/// Operands that are not atoms are parenthesised, so the text never depends on precedence, with one exception: the left
/// operand of a chain (<c>a and b and c</c>, <c>1 + 2 - 3</c>) is written bare, because the parser reads chains without
/// nesting and a parenthesis per link would count against its nesting limit, so a long chain it accepted (or a JSON
/// <c>all</c> of many conditions) would print as text it refuses.
/// </remarks>
public static class ProfilePrinter
{
    public static string Print(ProfileExpr expr)
    {
        var text = new StringBuilder();
        Write(text, expr, top: true);
        return text.ToString();
    }

    /// <summary>The canonical spelling of an operator.</summary>
    public static string Spelling(BinaryOp op) => op switch
    {
        BinaryOp.Or => "or",
        BinaryOp.And => "and",
        BinaryOp.Equal => "==",
        BinaryOp.NotEqual => "!=",
        BinaryOp.Less => "<",
        BinaryOp.LessOrEqual => "<=",
        BinaryOp.Greater => ">",
        BinaryOp.GreaterOrEqual => ">=",
        BinaryOp.In => "in",
        BinaryOp.NotIn => "not in",
        BinaryOp.StartsWith => "startsWith",
        BinaryOp.EndsWith => "endsWith",
        BinaryOp.Contains => "contains",
        BinaryOp.Matches => "matches",
        BinaryOp.Add => "+",
        BinaryOp.Subtract => "-",
        BinaryOp.Multiply => "*",
        _ => "/",
    };

    /// <summary>A text literal with its quotes and escapes.</summary>
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";

    private static void Write(StringBuilder text, ProfileExpr expr, bool top = false)
    {
        switch (expr)
        {
            case TextLiteral t:
                text.Append(Quote(t.Value));
                break;
            case NumberLiteral n:
                text.Append(n.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case DurationLiteral d:
                text.Append(d.Amount.ToString(CultureInfo.InvariantCulture)).Append(d.Unit);
                break;
            case BoolLiteral b:
                text.Append(b.Value ? "true" : "false");
                break;
            case NullLiteral:
                text.Append("null");
                break;
            case FieldRef f:
                text.Append(f.Path);
                break;
            case ListLiteral list:
                text.Append('[');
                WriteAll(text, list.Items);
                text.Append(']');
                break;
            case Call call:
                text.Append(call.Name).Append('(');
                WriteAll(text, call.Arguments);
                text.Append(')');
                break;
            default:
                if (!top)
                {
                    text.Append('(');
                }
                WriteCompound(text, expr);
                if (!top)
                {
                    text.Append(')');
                }
                break;
        }
    }

    private static void WriteCompound(StringBuilder text, ProfileExpr expr)
    {
        switch (expr)
        {
            case Unary u:
                text.Append(u.Op == UnaryOp.Not ? "not " : "-");
                // A negation of a negation needs no parentheses (the parser reads "- -x" and "not not x" as written), and
                // they would count twice against the parser's nesting limit: criteria it accepted would print as text it refuses.
                if (u.Operand is Unary inner && inner.Op == u.Op)
                {
                    WriteCompound(text, inner);
                }
                else
                {
                    Write(text, u.Operand);
                }
                break;
            case Binary b:
                if (b.Left is Binary left && Level(left.Op) is { } level && level == Level(b.Op))
                {
                    WriteCompound(text, left);
                }
                else
                {
                    Write(text, b.Left);
                }
                text.Append(' ').Append(Spelling(b.Op)).Append(' ');
                Write(text, b.Right);
                break;
            case Between b:
                Write(text, b.Value);
                text.Append(" between ");
                Write(text, b.Low);
                text.Append(" and ");
                Write(text, b.High);
                break;
            case Quantifier q:
                text.Append(q.Kind.ToString().ToLowerInvariant()).Append(' ').Append(q.Collection).Append(": ");
                Write(text, q.Condition, top: true);
                break;
            default:
                throw new ArgumentException($"unknown node {expr.GetType().Name}", nameof(expr));
        }
    }

    /// <summary>The precedence level of an operator that chains to the left (the parser's loops), or null for comparisons, which do not chain.</summary>
    private static int? Level(BinaryOp op) => op switch
    {
        BinaryOp.Or => 0,
        BinaryOp.And => 1,
        BinaryOp.Add or BinaryOp.Subtract => 2,
        BinaryOp.Multiply or BinaryOp.Divide => 3,
        _ => null,
    };

    private static void WriteAll(StringBuilder text, IReadOnlyList<ProfileExpr> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }
            Write(text, items[i]);
        }
    }
}
