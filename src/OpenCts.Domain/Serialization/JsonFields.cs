using System.Text.Json;
using OpenCts.Domain.Common;

namespace OpenCts.Domain.Serialization;

/// <summary>Reads one JSON object's fields with the object's path, so every error names the field it is about.</summary>
/// <remarks>
/// Unknown fields are errors, with the nearest known name suggested: a sender who writes <c>hscode</c> learns
/// at once that the field is <c>hsCode</c>, instead of losing the value silently.
/// </remarks>
public readonly struct JsonFields
{
    private readonly JsonElement _element;

    // The known names come as a span and are compared as UTF-8 in place: reading stored consignments back checks every
    // object of every one, and a names array and a string per property name were most of that work's garbage.
    public JsonFields(JsonElement element, string path, params ReadOnlySpan<string> known)
    {
        Path = path;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new DomainException(path, $"expected an object, found {Describe(element)}");
        }
        _element = element;
        foreach (var property in element.EnumerateObject())
        {
            bool isKnown;
            try
            {
                isKnown = IsKnown(property, known);
            }
            catch (InvalidOperationException)
            {
                throw new DomainException(path, $"a field's name {NotACharacter}");
            }
            if (!isKnown)
            {
                var suggestion = Suggest(property.Name, known);
                throw new DomainException(Join(path, property.Name), suggestion is null ? "is not a known field" : $"is not a known field; did you mean '{suggestion}'?");
            }
        }
    }

    // Valid JSON, but no text: System.Text.Json refuses to read it as a string.
    private const string NotACharacter = JsonEscapes.NotACharacter;

    private static bool IsKnown(JsonProperty property, ReadOnlySpan<string> known)
    {
        foreach (var name in known)
        {
            if (property.NameEquals(name))
            {
                return true;
            }
        }
        return false;
    }

    public string Path { get; }

    public string At(string name) => Join(Path, name);

    public JsonElement? Get(string name) =>
        _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public JsonElement Required(string name) => Get(name) ?? throw new DomainException(At(name), "is required");

    // The path is built only for an error: reading every string of every consignment passes here.
    public string? String(string name) => Get(name) is not { } v ? null
        : v.ValueKind == JsonValueKind.String ? TryText(v) ?? throw new DomainException(At(name), NotACharacter)
        : AsString(v, At(name));

    public string RequiredString(string name) => String(name) ?? throw new DomainException(At(name), "is required");

    public T? Parse<T>(string name, Func<string, string, T> parse)
        where T : struct
    {
        var text = String(name);
        return text is null ? null : parse(text, At(name));
    }

    public decimal? Decimal(string name)
    {
        if (Get(name) is not { } v)
        {
            return null;
        }
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d))
        {
            return d;
        }
        throw new DomainException(At(name), $"expected a number, found {Describe(v)}");
    }

    public int? Int(string name)
    {
        if (Get(name) is not { } v)
        {
            return null;
        }
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i))
        {
            return i;
        }
        throw new DomainException(At(name), $"expected a whole number, found {Describe(v)}");
    }

    public DateTimeOffset? Instant(string name)
    {
        if (Get(name) is not { } v)
        {
            return null;
        }
        if (v.ValueKind == JsonValueKind.String && TryInstant(v, out var t))
        {
            return t;
        }
        throw new DomainException(At(name), $"expected an ISO 8601 date and time with offset, such as 2026-03-01T08:00:00Z, found {Describe(v)}");
    }

    public TEnum? Enum<TEnum>(string name)
        where TEnum : struct, Enum
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }
        if (System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _))
        {
            return value;
        }
        var names = string.Join(", ", System.Enum.GetNames<TEnum>().Select(JsonNames.Camel));
        throw new DomainException(At(name), $"'{text}' is not one of {names}");
    }

    public ValueList<T> List<T>(string name, Func<JsonElement, string, T> read)
    {
        if (Get(name) is not { } v)
        {
            return ValueList<T>.Empty;
        }
        var path = At(name);
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw new DomainException(path, $"expected an array, found {Describe(v)}");
        }
        var items = new List<T>(v.GetArrayLength());
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            var itemPath = $"{path}[{i}]";
            try
            {
                items.Add(read(item, itemPath));
            }
            catch (DomainException e) when (!e.Field.StartsWith(itemPath, StringComparison.Ordinal))
            {
                throw e.Under(itemPath);
            }
            i++;
        }
        return new ValueList<T>(items);
    }

    /// <summary>Runs a constructor and moves its errors under the path of the object being built.</summary>
    public static T Wrap<T>(string path, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (DomainException e) when (!e.Field.StartsWith(path, StringComparison.Ordinal))
        {
            throw e.Under(path);
        }
    }

    public static string AsString(JsonElement v, string path) => v.ValueKind switch
    {
        JsonValueKind.String => TryText(v) ?? throw new DomainException(path, NotACharacter),
        JsonValueKind.Number => v.GetRawText(),
        _ => throw new DomainException(path, $"expected a string, found {Describe(v)}"),
    };

    private static bool TryInstant(JsonElement v, out DateTimeOffset instant)
    {
        try
        {
            return v.TryGetDateTimeOffset(out instant);
        }
        catch (InvalidOperationException)
        {
            // An escape that is no character (a lone UTF-16 surrogate): no instant, and the error describes the text.
            instant = default;
            return false;
        }
    }

    private static string? TryText(JsonElement v)
    {
        try
        {
            return v.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => TryText(v) is { } text ? $"\"{Truncate(text)}\"" : "a text that is not all characters",
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "..." : s;

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string? Suggest(string name, ReadOnlySpan<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var d = EditDistance.Between(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }
}

/// <summary>JSON names of the model's enum values: camelCase, as the schema in docs/ gives them.</summary>
public static class JsonNames
{
    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Camel(value.ToString());
}
