using System.Globalization;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Targeting.Profiles.Fields;
using OpenCts.Targeting.Profiles.Syntax;

namespace OpenCts.Targeting.Profiles.Compilation;

/// <summary>Type-checks a syntax tree and builds its expression tree in one walk, collecting every error with its place.</summary>
/// <remarks>
/// In instrumented mode each criterion that holds records its evidence, and a failed branch drops what it recorded;
/// that form is compiled only when a profile first hits, so the hot path carries no recording at all.
/// </remarks>
internal sealed class Binder
{
    private const ProfileType Invalid = (ProfileType)(-1);
    private static readonly string[] Functions = ["list", "screen", "passesThrough", "date", "now", "days", "len", "dataQuality.has"];

    private readonly ProfileEnvironment _environment;
    private readonly string _source;
    private readonly ParameterExpression? _recorder;
    private readonly List<ProfileError> _errors = [];
    private readonly List<Scope> _scopes = [];

    public Binder(ProfileEnvironment environment, string source, bool instrument)
    {
        _environment = environment;
        _source = source;
        _recorder = instrument ? Expression.Parameter(typeof(EvidenceRecorder), "evidence") : null;
    }

    private sealed record Scope(CollectionInfo Collection, ParameterExpression Item, ParameterExpression Index);

    public ParameterExpression Consignment { get; } = Expression.Parameter(typeof(Consignment), "consignment");

    public ParameterExpression Context { get; } = Expression.Parameter(typeof(EvaluationContext), "context");

    public ParameterExpression? Recorder => _recorder;

    public IReadOnlyList<ProfileError> Errors => _errors;

    /// <summary>Binds the whole criteria, which must be a condition.</summary>
    public Expression BindCriteria(ProfileExpr root)
    {
        var (expr, type) = Condition(root);
        if (type != ProfileType.Boolean && type != Invalid)
        {
            Report(root, $"the criteria must be a condition that is true or false, but this is {type.Describe()}");
        }
        return expr.Type == typeof(bool) ? expr : Expression.Constant(false);
    }

    private (Expression, ProfileType) Condition(ProfileExpr expr)
    {
        switch (expr)
        {
            case Binary { Op: BinaryOp.And or BinaryOp.Or } b:
                var (left, lt) = Condition(b.Left);
                var (right, rt) = Condition(b.Right);
                if (!Logical(b, lt, rt))
                {
                    return Failed();
                }
                return (b.Op == BinaryOp.And ? Expression.AndAlso(Keep(left), Keep(right)) : Expression.OrElse(Keep(left), Keep(right)), ProfileType.Boolean);
            case Quantifier { Kind: QuantifierKind.Any or QuantifierKind.All } q:
                return BindQuantifier(q, structural: true);
            default:
                var (value, type) = Value(expr);
                return _recorder is not null && type == ProfileType.Boolean ? (RecordLeaf(expr, value), type) : (value, type);
        }
    }

    private Expression Keep(Expression condition) =>
        _recorder is null ? condition : Expression.Call(_recorder, nameof(EvidenceRecorder.Keep), null, Expression.Call(_recorder, nameof(EvidenceRecorder.Mark), null), condition);

    private Expression RecordLeaf(ProfileExpr leaf, Expression condition)
    {
        var source = leaf switch
        {
            // The side that reads the consignment is the evidence: "PA" in route shows the route.
            Binary b => FirstField(b.Left) is null && FirstField(b.Right) is not null ? b.Right : b.Left,
            Between b => b.Value,
            _ => FirstField(leaf),
        };
        var field = source is null ? null : FirstField(source);
        var result = Expression.Variable(typeof(bool), "held");
        var (collection, index, path) = ("", (Expression)Expression.Constant(-1), field?.Path ?? "");
        if (field is not null)
        {
            var dot = field.Path.IndexOf('.', StringComparison.Ordinal);
            var first = dot < 0 ? field.Path : field.Path[..dot];
            if (_scopes.FindLast(s => s.Collection.Name == first) is { } scope)
            {
                (collection, index, path) = (first, scope.Index, dot < 0 ? "" : field.Path[(dot + 1)..]);
            }
        }
        Expression boxed = Expression.Constant(null, typeof(object));
        var valueType = ProfileType.Boolean;
        if (source is not null)
        {
            var (value, type) = Value(source);
            boxed = Expression.Convert(value, typeof(object));
            valueType = type;
        }
        var add = Expression.Call(_recorder!, nameof(EvidenceRecorder.Add), null,
            Expression.Constant(TextOf(leaf)), Expression.Constant(collection), index, Expression.Constant(path), boxed, Expression.Constant(valueType));
        return Expression.Block([result], Expression.Assign(result, condition), Expression.IfThen(result, add), result);
    }

    private string TextOf(ProfileExpr expr) =>
        expr.Span.End > expr.Span.Start && expr.Span.End <= _source.Length ? _source[expr.Span.Start..expr.Span.End] : ProfilePrinter.Print(expr);

    private static FieldRef? FirstField(ProfileExpr expr) => expr switch
    {
        FieldRef f => f,
        Unary u => FirstField(u.Operand),
        Binary b => FirstField(b.Left) ?? FirstField(b.Right),
        Between b => FirstField(b.Value) ?? FirstField(b.Low) ?? FirstField(b.High),
        Call c => c.Arguments.Select(FirstField).FirstOrDefault(f => f is not null),
        _ => null,
    };

    private (Expression, ProfileType) Value(ProfileExpr expr)
    {
        switch (expr)
        {
            case TextLiteral t:
                return (Expression.Constant(t.Value, typeof(string)), ProfileType.Text);
            case NumberLiteral n:
                return (Expression.Constant((double)n.Value), ProfileType.Number);
            case DurationLiteral d:
                return (Expression.Constant(d.Seconds), ProfileType.Duration);
            case BoolLiteral b:
                return (Expression.Constant(b.Value), ProfileType.Boolean);
            case NullLiteral:
                return (Expression.Constant(null, typeof(object)), ProfileType.Null);
            case ListLiteral list:
                return BindList(list);
            case FieldRef f:
                return BindField(f);
            case Call call:
                return BindCall(call);
            case Unary { Op: UnaryOp.Not } u:
                var (operand, type) = Value(u.Operand);
                if (type == Invalid)
                {
                    return Failed();
                }
                return type == ProfileType.Boolean ? (Expression.Not(operand), ProfileType.Boolean) : Fail(u, $"'not' needs a condition, but {Describe(u.Operand)} is {type.Describe()}");
            case Unary u:
                var (number, numberType) = Value(u.Operand);
                if (numberType == Invalid)
                {
                    return Failed();
                }
                return numberType is ProfileType.Number or ProfileType.Duration ? (Expression.Negate(number), numberType) : Fail(u, $"'-' needs a number or a duration, but {Describe(u.Operand)} is {numberType.Describe()}");
            case Binary b:
                return BindBinary(b);
            case Between b:
                return BindBetween(b);
            case Quantifier q:
                return BindQuantifier(q, structural: false);
            default:
                return Fail(expr, $"unknown node {expr.GetType().Name}");
        }
    }

    private (Expression, ProfileType) BindList(ListLiteral list)
    {
        var texts = new List<string>();
        var numbers = new List<double>();
        foreach (var item in list.Items)
        {
            switch (item)
            {
                case TextLiteral t:
                    texts.Add(t.Value);
                    break;
                case NumberLiteral n:
                    numbers.Add((double)n.Value);
                    break;
                case Unary { Op: UnaryOp.Negate, Operand: NumberLiteral n }:
                    numbers.Add(-(double)n.Value);
                    break;
                default:
                    return Fail(item, "the items of a list must be texts or numbers written out, such as [\"CO\", \"PE\"]");
            }
        }
        if (texts.Count > 0 && numbers.Count > 0)
        {
            return Fail(list, "a list must hold only texts or only numbers");
        }
        return numbers.Count > 0
            ? (Expression.Constant(numbers.ToArray()), ProfileType.NumberList)
            : (Expression.Constant(new TextSet(texts)), ProfileType.TextList);
    }

    private FieldInfo? InfoOf(ProfileExpr expr)
    {
        if (expr is not FieldRef f)
        {
            return null;
        }
        var dot = f.Path.IndexOf('.', StringComparison.Ordinal);
        var first = dot < 0 ? f.Path : f.Path[..dot];
        if (_scopes.FindLast(s => s.Collection.Name == first) is { } scope)
        {
            return scope.Collection.Fields.GetValueOrDefault(dot < 0 ? "" : f.Path[(dot + 1)..]);
        }
        return FieldCatalogue.Fields.GetValueOrDefault(f.Path);
    }

    private (Expression, ProfileType) BindField(FieldRef f)
    {
        var dot = f.Path.IndexOf('.', StringComparison.Ordinal);
        var first = dot < 0 ? f.Path : f.Path[..dot];
        if (_scopes.FindLast(s => s.Collection.Name == first) is { } scope)
        {
            var rest = dot < 0 ? "" : f.Path[(dot + 1)..];
            if (scope.Collection.Fields.TryGetValue(rest, out var item))
            {
                return (ParameterReplacer.Inline(item.Accessor, scope.Item, Context), item.Type);
            }
            var names = scope.Collection.Fields.Keys.Select(k => k.Length == 0 ? first : $"{first}.{k}");
            return Fail(f, $"unknown field '{f.Path}'{Suggestions.DidYouMean(f.Path, names)}");
        }
        if (FieldCatalogue.Fields.TryGetValue(f.Path, out var field))
        {
            return (ParameterReplacer.Inline(field.Accessor, Consignment, Context), field.Type);
        }
        if (FieldCatalogue.Collections.ContainsKey(first))
        {
            return Fail(f, $"'{f.Path}' reads an item of {first}: write it inside 'any {first}:', 'all {first}:' or 'count {first}:'");
        }
        return Fail(f, $"unknown field '{f.Path}'{Suggestions.DidYouMean(f.Path, AllFieldNames())}");
    }

    private IEnumerable<string> AllFieldNames()
    {
        foreach (var name in FieldCatalogue.Fields.Keys)
        {
            yield return name;
        }
        foreach (var collection in FieldCatalogue.Collections.Values)
        {
            foreach (var name in collection.Fields.Keys)
            {
                yield return name.Length == 0 ? collection.Name : $"{collection.Name}.{name}";
            }
        }
    }

    private (Expression, ProfileType) BindCall(Call call)
    {
        var args = call.Arguments;
        bool Arity(int min, int max, out (Expression, ProfileType) failure)
        {
            failure = default;
            if (args.Count >= min && args.Count <= max)
            {
                return true;
            }
            var wanted = min == max ? $"{min} argument{(min == 1 ? "" : "s")}" : $"{min} or {max} arguments";
            failure = Fail(call, $"{call.Name}() takes {wanted}, but {args.Count} {(args.Count == 1 ? "was" : "were")} given");
            return false;
        }
        (Expression, ProfileType) failure;
        switch (call.Name)
        {
            case "list":
                if (!Arity(1, 1, out failure))
                {
                    return failure;
                }
                if (args[0] is not TextLiteral name)
                {
                    return Fail(args[0], "list() takes the name of a reference list in quotes, such as list(\"high-risk-origins\")");
                }
                if (!_environment.TryGetList(name.Value, out var set))
                {
                    return Fail(args[0], $"unknown reference list '{name.Value}'{Suggestions.DidYouMean(name.Value, _environment.ListNames ?? [])}");
                }
                return (Expression.Constant(set), ProfileType.TextList);
            case "screen":
                if (!Arity(1, 2, out failure))
                {
                    return failure;
                }
                var (party, partyType) = Value(args[0]);
                if (partyType == Invalid)
                {
                    return Failed();
                }
                if (partyType != ProfileType.Party)
                {
                    return Fail(args[0], $"screen() screens a party, such as consignee or parties, but {Describe(args[0])} is {partyType.Describe()}");
                }
                string? listName = null;
                if (args.Count == 2)
                {
                    if (args[1] is not TextLiteral list)
                    {
                        return Fail(args[1], "the second argument of screen() is the name of a watch list in quotes, such as \"ofac-sdn\"");
                    }
                    listName = list.Value;
                }
                return (Expression.Call(Context, nameof(EvaluationContext.Screen), null, party, Expression.Constant(listName, typeof(string))), ProfileType.Number);
            case "passesThrough":
                if (!Arity(1, 1, out failure))
                {
                    return failure;
                }
                var (country, countryType) = Value(args[0]);
                return countryType switch
                {
                    Invalid => Failed(),
                    ProfileType.Text => (Expression.Call(typeof(Ops), nameof(Ops.PassesThrough), null, Consignment, country), ProfileType.Boolean),
                    ProfileType.TextList when country.Type == typeof(TextSet) => (Expression.Call(typeof(Ops), nameof(Ops.PassesThrough), null, Consignment, country), ProfileType.Boolean),
                    _ => Fail(args[0], $"passesThrough() takes a country or a list of countries, but {Describe(args[0])} is {countryType.Describe()}"),
                };
            case "date":
                if (!Arity(1, 1, out failure))
                {
                    return failure;
                }
                if (args[0] is not TextLiteral date ||
                    !DateTimeOffset.TryParse(date.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
                {
                    return Fail(args[0], "date() takes a date in quotes, such as date(\"2026-12-01\") or date(\"2026-12-01T08:00:00Z\")");
                }
                return (Expression.Constant(instant.ToUnixTimeMilliseconds() / 1000.0), ProfileType.Date);
            case "now":
                if (!Arity(0, 0, out failure))
                {
                    return failure;
                }
                return (Expression.Property(Context, nameof(EvaluationContext.NowSeconds)), ProfileType.Date);
            case "days":
            case "len":
                if (!Arity(1, 1, out failure))
                {
                    return failure;
                }
                var (operand, type) = Value(args[0]);
                var wantedType = call.Name == "days" ? ProfileType.Duration : ProfileType.Text;
                if (type == Invalid)
                {
                    return Failed();
                }
                if (type != wantedType)
                {
                    return Fail(args[0], $"{call.Name}() takes {wantedType.Describe()}, but {Describe(args[0])} is {type.Describe()}");
                }
                return call.Name == "days"
                    ? (Expression.Divide(operand, Expression.Constant(86_400.0)), ProfileType.Number)
                    : (Expression.Call(typeof(Ops), nameof(Ops.Length), null, operand), ProfileType.Number);
            case "dataQuality.has":
                if (!Arity(1, 1, out failure))
                {
                    return failure;
                }
                if (args[0] is not TextLiteral { Value.Length: > 0 } fieldPath)
                {
                    return Fail(args[0], "dataQuality.has() takes a field path in quotes, such as dataQuality.has(\"goods.hsCode\")");
                }
                return (Expression.Call(typeof(Ops), nameof(Ops.HasFinding), null, Consignment, Expression.Constant(fieldPath.Value, typeof(string))), ProfileType.Boolean);
            default:
                return Fail(call, $"unknown function '{call.Name}'{Suggestions.DidYouMean(call.Name, Functions)}");
        }
    }

    private bool Logical(Binary b, ProfileType lt, ProfileType rt)
    {
        if (lt == Invalid || rt == Invalid)
        {
            return false;
        }
        var name = ProfilePrinter.Spelling(b.Op);
        if (lt != ProfileType.Boolean)
        {
            Report(b.Left, $"'{name}' joins conditions, but {Describe(b.Left)} is {lt.Describe()}");
            return false;
        }
        if (rt != ProfileType.Boolean)
        {
            Report(b.Right, $"'{name}' joins conditions, but {Describe(b.Right)} is {rt.Describe()}");
            return false;
        }
        return true;
    }

    private (Expression, ProfileType) BindBinary(Binary b)
    {
        var (left, lt) = Value(b.Left);
        var (right, rt) = Value(b.Right);
        // A list of one text tests like the text itself, without a set lookup.
        if (b.Op is BinaryOp.In or BinaryOp.NotIn or BinaryOp.StartsWith or BinaryOp.EndsWith && lt == ProfileType.Text &&
            b.Right is ListLiteral { Items: [TextLiteral single] } && CodedValue(b.Left, single))
        {
            var text = Expression.Constant(single.Value, typeof(string));
            return (Expression.Call(typeof(Ops), b.Op switch
            {
                BinaryOp.In => nameof(Ops.TextEquals),
                BinaryOp.NotIn => nameof(Ops.TextNotEquals),
                BinaryOp.StartsWith => nameof(Ops.StartsWith),
                _ => nameof(Ops.EndsWith),
            }, null, left, text), ProfileType.Boolean);
        }
        if (b.Op is BinaryOp.And or BinaryOp.Or)
        {
            return Logical(b, lt, rt) ? (b.Op == BinaryOp.And ? Expression.AndAlso(left, right) : Expression.OrElse(left, right), ProfileType.Boolean) : Failed();
        }
        if (lt == Invalid || rt == Invalid)
        {
            return Failed();
        }
        var op = ProfilePrinter.Spelling(b.Op);
        (Expression, ProfileType) Mismatch() => Fail(b, $"'{op}' cannot take {lt.Describe()} ({Describe(b.Left)}) and {rt.Describe()} ({Describe(b.Right)})");
        static (Expression, ProfileType) Bool(Expression e) => (e, ProfileType.Boolean);
        static Expression Op(string name, params Expression[] args) => Expression.Call(typeof(Ops), name, null, args);
        switch (b.Op)
        {
            case BinaryOp.Equal or BinaryOp.NotEqual:
                if (lt == ProfileType.Null || rt == ProfileType.Null)
                {
                    var (other, otherType, otherNode) = lt == ProfileType.Null ? (right, rt, b.Right) : (left, lt, b.Left);
                    Expression? missing = otherType switch
                    {
                        ProfileType.Text or ProfileType.Party => Expression.Equal(other, Expression.Constant(null, other.Type)),
                        ProfileType.Number or ProfileType.Date or ProfileType.Duration => Expression.Call(typeof(double), nameof(double.IsNaN), null, other),
                        _ => null,
                    };
                    if (missing is null)
                    {
                        return Fail(b, $"only a field can be compared with null, but {Describe(otherNode)} is {otherType.Describe()}");
                    }
                    return Bool(b.Op == BinaryOp.Equal ? missing : Expression.Not(missing));
                }
                if (lt != rt)
                {
                    return Mismatch();
                }
                if (!CodedValue(b.Left, b.Right) || !CodedValue(b.Right, b.Left))
                {
                    return Failed();
                }
                var equal = b.Op == BinaryOp.Equal;
                return lt switch
                {
                    ProfileType.Text => Bool(Op(equal ? nameof(Ops.TextEquals) : nameof(Ops.TextNotEquals), left, right)),
                    ProfileType.Number or ProfileType.Date or ProfileType.Duration => Bool(equal ? Expression.Equal(left, right) : Op(nameof(Ops.NumberNotEquals), left, right)),
                    ProfileType.Boolean => Bool(equal ? Expression.Equal(left, right) : Expression.NotEqual(left, right)),
                    _ => Fail(b, $"'{op}' cannot compare {lt.Describe()}s; compare one of their fields"),
                };
            case BinaryOp.Less or BinaryOp.LessOrEqual or BinaryOp.Greater or BinaryOp.GreaterOrEqual:
                if (lt != rt || lt is not (ProfileType.Number or ProfileType.Date or ProfileType.Duration))
                {
                    return Mismatch();
                }
                return Bool(b.Op switch
                {
                    BinaryOp.Less => Expression.LessThan(left, right),
                    BinaryOp.LessOrEqual => Expression.LessThanOrEqual(left, right),
                    BinaryOp.Greater => Expression.GreaterThan(left, right),
                    _ => Expression.GreaterThanOrEqual(left, right),
                });
            case BinaryOp.In or BinaryOp.NotIn:
                var name = b.Op == BinaryOp.In ? nameof(Ops.In) : nameof(Ops.NotIn);
                if (lt == ProfileType.Text && rt == ProfileType.TextList)
                {
                    if (b.Right is ListLiteral items && items.Items.Any(i => !CodedValue(b.Left, i)))
                    {
                        return Failed();
                    }
                    return Bool(Op(name, left, right));
                }
                if (lt == ProfileType.Number && rt == ProfileType.NumberList)
                {
                    return Bool(Op(name, left, right));
                }
                if (rt is ProfileType.Text or ProfileType.Number)
                {
                    return Fail(b.Right, $"'{op}' needs a list on its right, such as [\"CO\", \"PE\"] or list(\"name\"), but {Describe(b.Right)} is {rt.Describe()}");
                }
                return Mismatch();
            case BinaryOp.StartsWith or BinaryOp.EndsWith:
                if (lt != ProfileType.Text)
                {
                    return Mismatch();
                }
                if (rt == ProfileType.Text)
                {
                    return Bool(Op(b.Op == BinaryOp.StartsWith ? nameof(Ops.StartsWith) : nameof(Ops.EndsWith), left, right));
                }
                if (rt == ProfileType.TextList && right.Type == typeof(TextSet))
                {
                    return Bool(Expression.Call(right, b.Op == BinaryOp.StartsWith ? nameof(TextSet.HasPrefixOf) : nameof(TextSet.HasSuffixOf), null, left));
                }
                return Mismatch();
            case BinaryOp.Contains:
                if (lt == ProfileType.Text && rt == ProfileType.Text)
                {
                    return Bool(Op(nameof(Ops.Contains), left, right));
                }
                if (lt == ProfileType.TextList && rt == ProfileType.Text)
                {
                    return Bool(Op(nameof(Ops.In), right, left));
                }
                if (lt == ProfileType.Text && rt == ProfileType.TextList && right.Type == typeof(TextSet))
                {
                    return Bool(Expression.Call(right, nameof(TextSet.OccursIn), null, left));
                }
                return Mismatch();
            case BinaryOp.Matches:
                if (lt != ProfileType.Text)
                {
                    return Mismatch();
                }
                if (b.Right is not TextLiteral pattern)
                {
                    return Fail(b.Right, "'matches' takes a regular expression written in quotes");
                }
                Regex regex;
                try
                {
                    regex = new Regex(pattern.Value, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, _environment.RegexTimeout);
                }
                catch (ArgumentException e)
                {
                    return Fail(b.Right, $"the regular expression is not valid: {e.Message}");
                }
                return Bool(Op(nameof(Ops.Matches), left, Expression.Constant(regex)));
            default:
                return Arithmetic(b, left, lt, right, rt, Mismatch);
        }
    }

    private static (Expression, ProfileType) Arithmetic(Binary b, Expression left, ProfileType lt, Expression right, ProfileType rt, Func<(Expression, ProfileType)> mismatch)
    {
        const ProfileType N = ProfileType.Number, D = ProfileType.Date, T = ProfileType.Duration;
        ProfileType? result = (b.Op, lt, rt) switch
        {
            (_, N, N) => N,
            (BinaryOp.Subtract, D, D) => T,
            (BinaryOp.Add or BinaryOp.Subtract, D, T) => D,
            (BinaryOp.Add, T, D) => D,
            (BinaryOp.Add or BinaryOp.Subtract, T, T) => T,
            (BinaryOp.Multiply, T, N) or (BinaryOp.Multiply, N, T) or (BinaryOp.Divide, T, N) => T,
            (BinaryOp.Divide, T, T) => N,
            _ => null,
        };
        if (result is not { } type)
        {
            return mismatch();
        }
        return (b.Op switch
        {
            BinaryOp.Add => Expression.Add(left, right),
            BinaryOp.Subtract => Expression.Subtract(left, right),
            BinaryOp.Multiply => Expression.Multiply(left, right),
            _ => Expression.Divide(left, right),
        }, type);
    }

    private (Expression, ProfileType) BindBetween(Between b)
    {
        var (value, vt) = Value(b.Value);
        var (low, lowType) = Value(b.Low);
        var (high, highType) = Value(b.High);
        if (vt == Invalid || lowType == Invalid || highType == Invalid)
        {
            return Failed();
        }
        if (vt is not (ProfileType.Number or ProfileType.Date or ProfileType.Duration) || lowType != vt || highType != vt)
        {
            return Fail(b, $"'between' needs three numbers, dates or durations of one kind, but has {vt.Describe()}, {lowType.Describe()} and {highType.Describe()}");
        }
        return (Expression.Call(typeof(Ops), nameof(Ops.Between), null, value, low, high), ProfileType.Boolean);
    }

    private (Expression, ProfileType) BindQuantifier(Quantifier q, bool structural)
    {
        var keyword = q.Kind.ToString().ToLowerInvariant();
        if (!FieldCatalogue.Collections.TryGetValue(q.Collection, out var collection))
        {
            return Fail(q, $"unknown collection '{q.Collection}' after '{keyword}'{Suggestions.DidYouMean(q.Collection, FieldCatalogue.Collections.Keys)}; the collections are goods, equipment, parties and route");
        }
        if (_scopes.Exists(s => s.Collection.Name == q.Collection))
        {
            return Fail(q, $"already inside a quantifier over {q.Collection}: '{q.Collection}' would be ambiguous");
        }
        var item = Expression.Variable(collection.ItemType, q.Collection);
        var index = Expression.Variable(typeof(int), q.Collection + "Index");
        _scopes.Add(new Scope(collection, item, index));
        var (body, type) = structural ? Condition(q.Condition) : Value(q.Condition);
        _scopes.RemoveAt(_scopes.Count - 1);
        if (type == Invalid)
        {
            return Failed();
        }
        if (type != ProfileType.Boolean)
        {
            return Fail(q.Condition, $"the condition of '{keyword} {q.Collection}:' must be true or false, but {Describe(q.Condition)} is {type.Describe()}");
        }
        var listType = typeof(ValueList<>).MakeGenericType(collection.ItemType);
        var list = Expression.Variable(listType, "items");
        var count = Expression.Variable(typeof(int), "count");
        var done = Expression.Label("done");
        var isCount = q.Kind == QuantifierKind.Count;
        var result = Expression.Variable(isCount ? typeof(double) : typeof(bool), "result");
        Expression step = q.Kind switch
        {
            QuantifierKind.Any => Expression.IfThen(structural ? Keep(body) : body, Expression.Block(Expression.Assign(result, Expression.Constant(true)), Expression.Break(done))),
            QuantifierKind.All => Expression.IfThen(Expression.Not(body), Expression.Block(Expression.Assign(result, Expression.Constant(false)), Expression.Break(done))),
            _ => Expression.IfThen(body, Expression.AddAssign(result, Expression.Constant(1.0))),
        };
        var loop = Expression.Block(
            [list, count, item, index, result],
            Expression.Assign(list, ParameterReplacer.Inline(collection.Items, Consignment)),
            Expression.Assign(count, Expression.Property(list, nameof(ValueList<int>.Count))),
            Expression.Assign(index, Expression.Constant(0)),
            Expression.Assign(result, isCount ? Expression.Constant(0.0) : Expression.Constant(q.Kind == QuantifierKind.All)),
            Expression.Loop(
                Expression.IfThenElse(
                    Expression.LessThan(index, count),
                    Expression.Block(
                        Expression.Assign(item, Expression.Property(list, "Item", index)),
                        step,
                        Expression.PostIncrementAssign(index)),
                    Expression.Break(done)),
                done),
            result);
        return (loop, isCount ? ProfileType.Number : ProfileType.Boolean);
    }

    private bool CodedValue(ProfileExpr field, ProfileExpr literal)
    {
        if (InfoOf(field) is not { Values: { } values } || literal is not TextLiteral text ||
            values.Any(v => string.Equals(v, text.Value, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        var suggestion = Suggestions.DidYouMean(text.Value, values);
        Report(literal, $"'{text.Value}' is not a value of {((FieldRef)field).Path}{(suggestion.Length > 0 ? suggestion : $" ({string.Join(", ", values)})")}");
        return false;
    }

    private string Describe(ProfileExpr expr) => expr switch
    {
        FieldRef f => f.Path,
        _ => $"'{TextOf(expr)}'",
    };

    private (Expression, ProfileType) Fail(ProfileExpr at, string message)
    {
        Report(at, message);
        return Failed();
    }

    private static (Expression, ProfileType) Failed() => (Expression.Constant(false), Invalid);

    private void Report(ProfileExpr at, string message) => _errors.Add(new ProfileError(Math.Max(1, at.Span.Line), Math.Max(1, at.Span.Column), message));
}
