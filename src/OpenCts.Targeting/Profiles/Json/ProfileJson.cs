using System.Text.Json;
using System.Text.Json.Nodes;
using OpenCts.Domain.Common;
using OpenCts.Domain.Serialization;
using OpenCts.Targeting.Profiles.Syntax;

namespace OpenCts.Targeting.Profiles.Json;

/// <summary>The query-builder form of criteria, for the web UI: JSON that maps to the same syntax tree as the text.</summary>
/// <remarks>
/// <para>Conditions: <c>{"all": [...]}</c> (and), <c>{"any": [...]}</c> (or), <c>{"not": {...}}</c>,
/// <c>{"some": "goods", "where": {...}}</c>, <c>{"every": "goods", "where": {...}}</c>,
/// <c>{"count": "goods", "where": {...}, "op": "&gt;=", "value": 2}</c>,
/// <c>{"field": "consignor.country", "op": "in", "value": ["CO", "PE"]}</c> (or <c>"expr"</c> instead of <c>"field"</c>
/// for a computed left side), <c>{"call": "passesThrough", "args": ["PA"]}</c>, and <c>{"expr": "any text criteria"}</c>.</para>
/// <para>Values: texts, numbers, booleans, null, arrays, <c>{"list": "name"}</c>, <c>{"date": "2026-12-01"}</c>,
/// <c>{"duration": "7d"}</c>, <c>{"field": "path"}</c> and <c>{"expr": "text"}</c>.</para>
/// <para>Reading the JSON of a tree gives the tree back: the two forms are one language.</para>
/// </remarks>
public static class ProfileJson
{
    private static readonly Dictionary<string, BinaryOp> Operators = new(StringComparer.Ordinal)
    {
        ["=="] = BinaryOp.Equal,
        ["!="] = BinaryOp.NotEqual,
        ["<"] = BinaryOp.Less,
        ["<="] = BinaryOp.LessOrEqual,
        [">"] = BinaryOp.Greater,
        [">="] = BinaryOp.GreaterOrEqual,
        ["in"] = BinaryOp.In,
        ["not in"] = BinaryOp.NotIn,
        ["startsWith"] = BinaryOp.StartsWith,
        ["endsWith"] = BinaryOp.EndsWith,
        ["contains"] = BinaryOp.Contains,
        ["matches"] = BinaryOp.Matches,
    };

    /// <summary>The JSON form of a criteria tree.</summary>
    public static JsonNode ToJson(ProfileExpr criteria) => Condition(criteria);

    /// <summary>Reads the JSON form back into a syntax tree.</summary>
    /// <exception cref="FormatException">The JSON is not a criteria form; the message names the JSON path.</exception>
    public static ProfileExpr FromJson(JsonNode? json)
    {
        var criteria = ReadCondition(json, "$");
        // Checked here as well as by the parser: a tree too deep to walk must be refused before anything prints or binds it.
        return SyntaxHeight.FirstTooDeep(criteria) is null
            ? criteria
            : throw Error("$", $"the criteria are more than {SyntaxHeight.Limit} conditions deep (each condition of an 'all' or 'any' counts as one level): put long alternatives in a list, such as {{\"field\": \"goods.hs\", \"op\": \"in\", \"value\": [...]}}");
    }

    /// <summary>Reads the JSON form from its text.</summary>
    /// <exception cref="FormatException">The text is not JSON or not a criteria form.</exception>
    public static ProfileExpr FromJson(string json)
    {
        JsonNode? node;
        try
        {
            // Duplicate keys ({"op": "==", "op": "<"}) are refused here; JsonObject would throw ArgumentException on first use.
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            // A duplicate key is reported without a position; its message names the key.
            throw new FormatException(e.LineNumber is { } line
                ? $"line {line + 1}, column {e.BytePositionInLine + 1}: the criteria are not valid JSON"
                : $"the criteria are not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // A key written with an escape that is no character (a lone UTF-16 surrogate) fails when keys are compared.
            throw KeyEscapeError(e);
        }
        return FromJson(node);
    }

    private static FormatException KeyEscapeError(InvalidOperationException e) =>
        new($"the criteria are not valid JSON: a key holds an escape that is not a character ({e.Message})");

    private static JsonNode Condition(ProfileExpr expr)
    {
        switch (expr)
        {
            case Binary { Op: BinaryOp.And or BinaryOp.Or } b:
                var items = new JsonArray();
                foreach (var item in Chain(b, b.Op))
                {
                    items.Add(Condition(item));
                }
                return new JsonObject { [b.Op == BinaryOp.And ? "all" : "any"] = items };
            case Unary { Op: UnaryOp.Not } u:
                return new JsonObject { ["not"] = Condition(u.Operand) };
            case Quantifier { Kind: QuantifierKind.Any or QuantifierKind.All } q:
                return new JsonObject { [q.Kind == QuantifierKind.Any ? "some" : "every"] = q.Collection, ["where"] = Condition(q.Condition) };
            case Binary { Left: Quantifier { Kind: QuantifierKind.Count } q } b when Operators.ContainsValue(b.Op):
                return new JsonObject { ["count"] = q.Collection, ["where"] = Condition(q.Condition), ["op"] = ProfilePrinter.Spelling(b.Op), ["value"] = Value(b.Right) };
            case Binary b when Operators.ContainsValue(b.Op):
                var rule = Left(b.Left);
                rule["op"] = ProfilePrinter.Spelling(b.Op);
                rule["value"] = Value(b.Right);
                return rule;
            case Between b:
                var between = Left(b.Value);
                between["op"] = "between";
                between["value"] = new JsonArray(Value(b.Low), Value(b.High));
                return between;
            case Call c:
                var args = new JsonArray();
                foreach (var argument in c.Arguments)
                {
                    args.Add(Value(argument));
                }
                return new JsonObject { ["call"] = c.Name, ["args"] = args };
            default:
                return new JsonObject { ["expr"] = ProfilePrinter.Print(expr) };
        }
    }

    private static IEnumerable<ProfileExpr> Chain(Binary b, BinaryOp op)
    {
        // Only the left spine is flattened, so that reading the array back (left to right) rebuilds the same tree.
        if (b.Left is Binary left && left.Op == op)
        {
            foreach (var item in Chain(left, op))
            {
                yield return item;
            }
        }
        else
        {
            yield return b.Left;
        }
        yield return b.Right;
    }

    private static JsonObject Left(ProfileExpr left) =>
        left is FieldRef f ? new JsonObject { ["field"] = f.Path } : new JsonObject { ["expr"] = ProfilePrinter.Print(left) };

    private static JsonNode? Value(ProfileExpr expr) => expr switch
    {
        TextLiteral t => JsonValue.Create(t.Value),
        NumberLiteral n => JsonValue.Create(n.Value),
        Unary { Op: UnaryOp.Negate, Operand: NumberLiteral n } when n.Value != 0 => JsonValue.Create(-n.Value),
        BoolLiteral b => JsonValue.Create(b.Value),
        NullLiteral => null,
        ListLiteral list => new JsonArray([.. list.Items.Select(Value)]),
        Call { Name: "list", Arguments: [TextLiteral name] } => new JsonObject { ["list"] = name.Value },
        Call { Name: "date", Arguments: [TextLiteral date] } => new JsonObject { ["date"] = date.Value },
        DurationLiteral d => new JsonObject { ["duration"] = ProfilePrinter.Print(d) },
        FieldRef f => new JsonObject { ["field"] = f.Path },
        _ => new JsonObject { ["expr"] = ProfilePrinter.Print(expr) },
    };

    private static ProfileExpr ReadCondition(JsonNode? json, string path)
    {
        if (json is JsonValue value && value.TryGetValue<bool>(out var constant))
        {
            return new BoolLiteral(constant);
        }
        if (json is not JsonObject o)
        {
            throw Error(path, "a condition is a JSON object such as {\"field\": \"mode\", \"op\": \"==\", \"value\": \"Sea\"}");
        }
        if (o["all"] is { } all)
        {
            return Join(all, BinaryOp.And, $"{path}.all", o);
        }
        if (o["any"] is { } any)
        {
            return Join(any, BinaryOp.Or, $"{path}.any", o);
        }
        if (o.ContainsKey("not"))
        {
            Only(o, path, "not");
            return new Unary(UnaryOp.Not, ReadCondition(o["not"], $"{path}.not"));
        }
        if (o.ContainsKey("some") || o.ContainsKey("every"))
        {
            var kind = o.ContainsKey("some") ? "some" : "every";
            Only(o, path, kind, "where");
            return new Quantifier(kind == "some" ? QuantifierKind.Any : QuantifierKind.All, Text(o[kind], $"{path}.{kind}"), ReadCondition(o["where"], $"{path}.where"));
        }
        if (o.ContainsKey("count"))
        {
            Only(o, path, "count", "where", "op", "value");
            var count = new Quantifier(QuantifierKind.Count, Text(o["count"], $"{path}.count"), ReadCondition(o["where"], $"{path}.where"));
            return Compare(count, o, path);
        }
        if (o.ContainsKey("call"))
        {
            Only(o, path, "call", "args");
            var args = o["args"] is null ? [] : o["args"] is JsonArray array ? array.Select((a, i) => ReadValue(a, $"{path}.args[{i}]")).ToList() : throw Error($"{path}.args", "must be an array");
            return new Call(Text(o["call"], $"{path}.call"), new ValueList<ProfileExpr>(args));
        }
        if (o.ContainsKey("field") || o.ContainsKey("expr"))
        {
            var key = o.ContainsKey("field") ? "field" : "expr";
            Only(o, path, key, "op", "value");
            var left = key == "field" ? new FieldRef(Text(o["field"], $"{path}.field")) : Parse(o["expr"], $"{path}.expr");
            return o.ContainsKey("op") ? Compare(left, o, path) : left;
        }
        throw Error(path, $"expected one of all, any, not, some, every, count, call, field or expr, but found {(o.Count == 0 ? "an empty object" : string.Join(", ", o.Select(p => p.Key)))}");
    }

    private static ProfileExpr Compare(ProfileExpr left, JsonObject o, string path)
    {
        var op = Text(o["op"], $"{path}.op");
        if (op == "between")
        {
            if (o["value"] is not JsonArray { Count: 2 } bounds)
            {
                throw Error($"{path}.value", "'between' takes an array of two bounds, such as [1, 20]");
            }
            return new Between(left, ReadValue(bounds[0], $"{path}.value[0]"), ReadValue(bounds[1], $"{path}.value[1]"));
        }
        if (!Operators.TryGetValue(op, out var binary))
        {
            throw Error($"{path}.op", $"unknown operator '{op}'; the operators are {string.Join(", ", Operators.Keys)} and between");
        }
        return new Binary(binary, left, ReadValue(o["value"], $"{path}.value"));
    }

    private static ProfileExpr ReadValue(JsonNode? json, string path)
    {
        switch (json)
        {
            case null:
                return new NullLiteral();
            case JsonArray array:
                return new ListLiteral(new ValueList<ProfileExpr>(array.Select((item, i) => ReadValue(item, $"{path}[{i}]"))));
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return new TextLiteral(StringOf(value, path));
            case JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return new BoolLiteral(value.GetValue<bool>());
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                var number = value.GetValue<decimal>();
                // A negative number reads as the parser reads "-5": negation of a literal.
                return number < 0 ? new Unary(UnaryOp.Negate, new NumberLiteral(-number)) : new NumberLiteral(number);
            case JsonObject o when o.Count == 1:
                var (key, inner) = o.First();
                return key switch
                {
                    "list" => new Call("list", [new TextLiteral(Text(inner, $"{path}.list"))]),
                    "date" => new Call("date", [new TextLiteral(Text(inner, $"{path}.date"))]),
                    "duration" => Parse(inner, $"{path}.duration") is DurationLiteral d ? d : throw Error($"{path}.duration", "a duration is written such as \"7d\", \"12h\", \"30m\" or \"10s\""),
                    "field" => new FieldRef(Text(inner, $"{path}.field")),
                    "expr" => Parse(inner, $"{path}.expr"),
                    _ => throw Error(path, $"unknown value form '{key}'; use list, date, duration, field or expr"),
                };
            default:
                throw Error(path, "a value is a text, a number, true, false, null, an array or one of {\"list\": ...}, {\"date\": ...}, {\"duration\": ...}, {\"field\": ...}, {\"expr\": ...}");
        }
    }

    private static ProfileExpr Join(JsonNode items, BinaryOp op, string path, JsonObject owner)
    {
        Only(owner, path[..path.LastIndexOf('.')], op == BinaryOp.And ? "all" : "any");
        if (items is not JsonArray array)
        {
            throw Error(path, "must be an array of conditions");
        }
        if (array.Count == 0)
        {
            return new BoolLiteral(op == BinaryOp.And);
        }
        var result = ReadCondition(array[0], $"{path}[0]");
        for (var i = 1; i < array.Count; i++)
        {
            result = new Binary(op, result, ReadCondition(array[i], $"{path}[{i}]"));
        }
        return result;
    }

    private static ProfileExpr Parse(JsonNode? json, string path)
    {
        var text = Text(json, path);
        try
        {
            return ProfileParser.Parse(text);
        }
        catch (ProfileException e)
        {
            throw Error(path, e.Errors[0].ToString());
        }
    }

    private static string Text(JsonNode? json, string path) =>
        json is JsonValue value && value.GetValueKind() == JsonValueKind.String ? StringOf(value, path) : throw Error(path, "must be a text");

    /// <summary>A JSON string's text; an escape that is no UTF-16 text (a lone surrogate such as <c>\ude00</c>) is refused at its path.</summary>
    private static string StringOf(JsonValue value, string path)
    {
        try
        {
            return value.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            throw Error(path, JsonEscapes.NotACharacter);
        }
    }

    private static void Only(JsonObject o, string path, params string[] allowed)
    {
        foreach (var (key, _) in o)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                throw Error($"{path}.{key}", $"is not expected here (expected {string.Join(", ", allowed)})");
            }
        }
    }

    private static FormatException Error(string path, string message) => new($"{path}: {message}");
}
