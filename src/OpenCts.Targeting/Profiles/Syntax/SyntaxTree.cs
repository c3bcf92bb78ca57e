using OpenCts.Domain.Common;

namespace OpenCts.Targeting.Profiles.Syntax;

/// <summary>A node of a parsed criteria expression.</summary>
/// <remarks>Nodes compare by value and ignore their spans, so a tree equals its printed-and-reparsed self.</remarks>
public abstract record ProfileExpr
{
    /// <summary>Where the node was written; <see cref="SourceSpan.None"/> for built trees.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>A text literal: <c>"8517"</c>.</summary>
public sealed record TextLiteral(string Value) : ProfileExpr;

/// <summary>A number literal: <c>20</c>, <c>0.92</c>.</summary>
public sealed record NumberLiteral(decimal Value) : ProfileExpr;

/// <summary>A duration literal: <c>7d</c>, <c>12h</c>, <c>30m</c>, <c>10s</c>.</summary>
/// <param name="Amount">The number written.</param>
/// <param name="Unit">One of <c>d</c>, <c>h</c>, <c>m</c>, <c>s</c>.</param>
public sealed record DurationLiteral(decimal Amount, char Unit) : ProfileExpr
{
    /// <summary>The duration in seconds, as the language computes with durations.</summary>
    /// <remarks>A double, so that no amount a profile can write overflows (<see cref="Value"/> throws beyond about 29,000 years).</remarks>
    public double Seconds => (double)Amount * Unit switch
    {
        'd' => 86_400,
        'h' => 3_600,
        'm' => 60,
        _ => 1,
    };

    /// <exception cref="OverflowException">The duration is longer than <see cref="TimeSpan.MaxValue"/>.</exception>
    public TimeSpan Value => Unit switch
    {
        'd' => TimeSpan.FromDays((double)Amount),
        'h' => TimeSpan.FromHours((double)Amount),
        'm' => TimeSpan.FromMinutes((double)Amount),
        _ => TimeSpan.FromSeconds((double)Amount),
    };
}

/// <summary><c>true</c> or <c>false</c>.</summary>
public sealed record BoolLiteral(bool Value) : ProfileExpr;

/// <summary><c>null</c>: compared with <c>==</c> or <c>!=</c> to ask whether a field is given.</summary>
public sealed record NullLiteral : ProfileExpr;

/// <summary>A list written in place: <c>["CO", "PE"]</c> (or SQL's <c>("CO", "PE")</c> after <c>in</c>).</summary>
public sealed record ListLiteral(ValueList<ProfileExpr> Items) : ProfileExpr;

/// <summary>A field of the consignment or of the item a quantifier is at: <c>consignor.country</c>, <c>goods.hs</c>.</summary>
public sealed record FieldRef(string Path) : ProfileExpr;

/// <summary>A function call: <c>list("high-risk-origins")</c>, <c>screen(consignee, "ofac-sdn")</c>.</summary>
public sealed record Call(string Name, ValueList<ProfileExpr> Arguments) : ProfileExpr;

/// <summary>The unary operators.</summary>
public enum UnaryOp
{
    Not,
    Negate,
}

/// <summary><c>not x</c> or <c>-x</c>.</summary>
public sealed record Unary(UnaryOp Op, ProfileExpr Operand) : ProfileExpr;

/// <summary>The binary operators, from logic down to arithmetic.</summary>
public enum BinaryOp
{
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    In,
    NotIn,
    StartsWith,
    EndsWith,
    Contains,
    Matches,
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// <summary><c>left op right</c>.</summary>
public sealed record Binary(BinaryOp Op, ProfileExpr Left, ProfileExpr Right) : ProfileExpr;

/// <summary><c>x between low and high</c>, both bounds included.</summary>
public sealed record Between(ProfileExpr Value, ProfileExpr Low, ProfileExpr High) : ProfileExpr;

/// <summary>The quantifiers over a collection.</summary>
public enum QuantifierKind
{
    Any,
    All,
    Count,
}

/// <summary><c>any goods: condition</c>, <c>all equipment: ...</c>, <c>count goods: ...</c> (a number).</summary>
/// <remarks>Inside the condition the collection's name stands for the current item: <c>goods.hs</c>.</remarks>
public sealed record Quantifier(QuantifierKind Kind, string Collection, ProfileExpr Condition) : ProfileExpr;
