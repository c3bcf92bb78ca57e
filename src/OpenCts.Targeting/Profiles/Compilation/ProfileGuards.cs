using OpenCts.Targeting.Profiles.Fields;
using OpenCts.Targeting.Profiles.Syntax;

namespace OpenCts.Targeting.Profiles.Compilation;

/// <summary>A necessary condition of a profile on one field: the field must equal (or start with) one of the values, or pass a bound.</summary>
/// <param name="Path">The field, such as <c>consignor.country</c> or <c>goods.origin</c> (read on every item), or <see cref="ProfileGuards.Countries"/>.</param>
/// <param name="Values">The values, compared without regard to case (empty for a bound).</param>
/// <param name="Prefix">True when the field must start with one of the values rather than equal it.</param>
/// <param name="Bound">For a number: the field must be above (or below) this.</param>
internal sealed record Guard(string Path, IReadOnlyCollection<string> Values, bool Prefix, NumericBound? Bound = null)
{
    /// <summary>A rough share of consignments that meet the guard; the index keys each profile by its most selective guards.</summary>
    public double Estimate
    {
        get
        {
            if (Bound is { } bound)
            {
                // Lower bounds on amounts ("totalValue > 12000000") are what makes a broad profile rare; upper bounds rarely are.
                return bound.Above ? 0.05 : 0.3;
            }
            var info = FieldCatalogue.Fields.GetValueOrDefault(Path);
            if (info?.Values is not null || Path.EndsWith(".role", StringComparison.Ordinal))
            {
                return 0.5 * Values.Count;
            }
            if (Path == ProfileGuards.Countries)
            {
                return 0.1 * Values.Count;
            }
            if (Prefix)
            {
                var shortest = Values.Count == 0 ? 0 : Values.Min(v => v.Length);
                return (shortest >= 6 ? 0.005 : shortest >= 4 ? 0.02 : shortest >= 3 ? 0.05 : 0.15) * Values.Count;
            }
            return 0.03 * Values.Count;
        }
    }
}

/// <summary>A bound a number must pass: above (or below) a threshold, the threshold itself included or not.</summary>
internal sealed record NumericBound(double Threshold, bool Above, bool Inclusive)
{
    public bool Admits(double value) => Above ? (Inclusive ? value >= Threshold : value > Threshold) : (Inclusive ? value <= Threshold : value < Threshold);
}

/// <summary>Finds the guards of a profile: criteria on one field that every consignment it meets must satisfy.</summary>
/// <remarks>
/// Only conjuncts count: a criterion joined by <c>and</c> at the top, or inside an <c>any</c> quantifier joined so.
/// A criterion under <c>or</c> or <c>not</c> is not necessary and gives no guard.
/// </remarks>
internal static class ProfileGuards
{
    /// <summary>The pseudo-field of every country a consignment touches: loading, discharge and route.</summary>
    public const string Countries = "@countries";

    public static List<Guard> Of(ProfileExpr criteria, ProfileEnvironment environment)
    {
        var guards = new List<Guard>();
        Collect(criteria, null, environment, guards);
        return guards;
    }

    private static void Collect(ProfileExpr expr, string? collection, ProfileEnvironment environment, List<Guard> guards)
    {
        switch (expr)
        {
            case Binary { Op: BinaryOp.And } and:
                Collect(and.Left, collection, environment, guards);
                Collect(and.Right, collection, environment, guards);
                break;
            case Quantifier { Kind: QuantifierKind.Any } any when collection is null:
                Collect(any.Condition, any.Collection, environment, guards);
                break;
            case Call { Name: "passesThrough", Arguments: [var country] } when Values(country, environment) is { } countries:
                guards.Add(new Guard(Countries, countries, Prefix: false));
                break;
            case Binary { Op: BinaryOp.In, Left: TextLiteral country, Right: FieldRef { Path: "route" } }:
                guards.Add(new Guard(Countries, [country.Value], Prefix: false));
                break;
            case Binary { Op: BinaryOp.Contains, Left: FieldRef { Path: "route" }, Right: TextLiteral country }:
                guards.Add(new Guard(Countries, [country.Value], Prefix: false));
                break;
            case Binary { Op: BinaryOp.Less or BinaryOp.LessOrEqual or BinaryOp.Greater or BinaryOp.GreaterOrEqual } b:
                var (numberField, constant, op) = b.Left is FieldRef ? (b.Left as FieldRef, Constant(b.Right), b.Op) : (b.Right as FieldRef, Constant(b.Left), Mirror(b.Op));
                if (numberField is not null && constant is { } threshold && NumberPath(numberField, collection) is { } numberPath)
                {
                    guards.Add(new Guard(numberPath, [], false, new NumericBound(threshold, op is BinaryOp.Greater or BinaryOp.GreaterOrEqual, op is BinaryOp.GreaterOrEqual or BinaryOp.LessOrEqual)));
                }
                break;
            case Binary { Op: BinaryOp.Equal or BinaryOp.In or BinaryOp.StartsWith } b:
                var (field, other) = b.Left is FieldRef ? (b.Left as FieldRef, b.Right) : b.Op == BinaryOp.Equal ? (b.Right as FieldRef, b.Left) : (null, b.Right);
                if (field is null || Path(field, collection) is not { } path || Values(other, environment) is not { } values)
                {
                    break;
                }
                var prefix = b.Op == BinaryOp.StartsWith;
                // An HS chapter, heading or subheading is a prefix of the declared code: index them on one field.
                if (path is "goods.hs2" or "goods.hs4" or "goods.hs6")
                {
                    (path, prefix) = ("goods.hs", true);
                }
                guards.Add(new Guard(path, values, prefix));
                break;
        }
    }

    private static double? Constant(ProfileExpr expr) => expr switch
    {
        NumberLiteral n => (double)n.Value,
        Unary { Op: UnaryOp.Negate, Operand: NumberLiteral n } => -(double)n.Value,
        _ => null,
    };

    private static BinaryOp Mirror(BinaryOp op) => op switch
    {
        BinaryOp.Less => BinaryOp.Greater,
        BinaryOp.LessOrEqual => BinaryOp.GreaterOrEqual,
        BinaryOp.Greater => BinaryOp.Less,
        _ => BinaryOp.LessOrEqual,
    };

    /// <summary>The path of a number field the index can read: of the consignment, or of the item of the enclosing <c>any</c>.</summary>
    private static string? NumberPath(FieldRef field, string? collection)
    {
        var dot = field.Path.IndexOf('.', StringComparison.Ordinal);
        var first = dot < 0 ? field.Path : field.Path[..dot];
        if (collection is not null && first == collection)
        {
            return FieldCatalogue.Collections[collection].Fields.TryGetValue(dot < 0 ? "" : field.Path[(dot + 1)..], out var item) && item.Type == ProfileType.Number ? field.Path : null;
        }
        return FieldCatalogue.Fields.TryGetValue(field.Path, out var info) && info.Type == ProfileType.Number ? field.Path : null;
    }

    private static string? Path(FieldRef field, string? collection)
    {
        var dot = field.Path.IndexOf('.', StringComparison.Ordinal);
        var first = dot < 0 ? field.Path : field.Path[..dot];
        if (collection is not null && first == collection)
        {
            return field.Path;
        }
        return FieldCatalogue.Fields.TryGetValue(field.Path, out var info) && info.Type == ProfileType.Text ? field.Path : null;
    }

    private static IReadOnlyCollection<string>? Values(ProfileExpr expr, ProfileEnvironment environment) => expr switch
    {
        TextLiteral t => [t.Value],
        ListLiteral l when l.Items.All(i => i is TextLiteral) => [.. l.Items.Cast<TextLiteral>().Select(t => t.Value)],
        Call { Name: "list", Arguments: [TextLiteral name] } when environment.ListNames is not null && environment.TryGetList(name.Value, out var set) => set.Items,
        _ => null,
    };
}
