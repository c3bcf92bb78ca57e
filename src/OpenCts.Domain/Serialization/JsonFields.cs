using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    private readonly string? _path;
    private readonly JsonTrail? _trail;
    private readonly int _depth;
    // With a set of names, the object's fields by their place in the set, read in one pass; a bit of _found for each present.
    private readonly JsonFieldNames? _set;
    private readonly FieldValues _values;
    private readonly int _found;

    // The known names come as a span and are compared as UTF-8 in place: reading stored consignments back checks every
    // object of every one, and a names array and a string per property name were most of that work's garbage.
    public JsonFields(JsonElement element, string path, params ReadOnlySpan<string> known)
    {
        _path = path;
        _element = element;
        Check(known);
    }

    /// <summary>The fields of the object the trail is at; its path is spelt out only for an error.</summary>
    public JsonFields(JsonElement element, JsonTrail trail, params ReadOnlySpan<string> known)
    {
        _trail = trail;
        _depth = trail.Depth;
        _element = element;
        Check(known);
    }

    /// <summary>The fields of the object the trail is at, each found once by its place in <paramref name="known"/>.</summary>
    /// <remarks>Reads and refuses exactly as the constructor given the names as a span: the same errors, and of a field
    /// given twice, the last.</remarks>
    public JsonFields(JsonElement element, JsonTrail trail, JsonFieldNames known)
    {
        ArgumentNullException.ThrowIfNull(trail);
        ArgumentNullException.ThrowIfNull(known);
        _trail = trail;
        _depth = trail.Depth;
        _element = element;
        _set = known;
        EnsureObject();
        var found = 0;
        foreach (var property in element.EnumerateObject())
        {
            // A name written with an escape is compared unescaped, as the span's way does.
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            var place = raw.Contains((byte)'\\') ? -1 : known.IndexOfUtf8(raw);
            if (place < 0)
            {
                place = PlaceOf(property, known.Names);
            }
            _values[place] = property.Value;
            found |= 1 << place;
        }
        _found = found;
    }

    private void Check(ReadOnlySpan<string> known)
    {
        EnsureObject();
        foreach (var property in _element.EnumerateObject())
        {
            PlaceOf(property, known);
        }
    }

    private void EnsureObject()
    {
        if (_element.ValueKind != JsonValueKind.Object)
        {
            throw new DomainException(Path, $"expected an object, found {Describe(_element)}");
        }
    }

    /// <summary>The place of the field's name among the known ones; an error naming the field when it is none of them.</summary>
    private int PlaceOf(JsonProperty property, ReadOnlySpan<string> known)
    {
        int place;
        try
        {
            place = IndexOf(property, known);
        }
        catch (InvalidOperationException)
        {
            throw new DomainException(Path, $"a field's name {NotACharacter}");
        }
        if (place < 0)
        {
            var suggestion = Suggest(property.Name, known);
            throw new DomainException(Join(Path, property.Name), suggestion is null ? "is not a known field" : $"is not a known field; did you mean '{suggestion}'?");
        }
        return place;
    }

    // Valid JSON, but no text: System.Text.Json refuses to read it as a string.
    private const string NotACharacter = JsonEscapes.NotACharacter;

    private static int IndexOf(JsonProperty property, ReadOnlySpan<string> known)
    {
        for (var i = 0; i < known.Length; i++)
        {
            if (property.NameEquals(known[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The object's path, such as <c>consignments[3].goods[1]</c>.</summary>
    public string Path => _trail is null ? _path ?? "" : _trail.Spell(_depth);

    public string At(string name) => _trail is null ? Join(Path, name) : _trail.At(_depth, name);

    public JsonElement? Get(string name)
    {
        if (_set is null)
        {
            return _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
        }
        var place = _set.IndexOf(name);
        if (place < 0)
        {
            throw new ArgumentException($"'{name}' is not among the names this object's fields were read with", nameof(name));
        }
        if ((_found & (1 << place)) == 0)
        {
            return null;
        }
        var found = _values[place];
        return found.ValueKind != JsonValueKind.Null ? found : null;
    }

    public JsonElement Required(string name) => Get(name) ?? throw new DomainException(At(name), "is required");

    // The path is built only for an error: reading every string of every consignment passes here.
    public string? String(string name) => Get(name) is not { } v ? null : Scalar(v, out var problem) ?? throw new DomainException(At(name), problem!);

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
        // A name as the schema writes it is read from the document's bytes; anything else takes the path below, which
        // reads it as a string and names what is wrong.
        Span<char> chars = stackalloc char[32];
        if (TryChars(name, chars, out var length) && System.Enum.TryParse<TEnum>(chars[..length], ignoreCase: true, out var named) && !int.TryParse(chars[..length], out _))
        {
            return named;
        }
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

    /// <summary>Reads a list's items, each with the trail at the item, so that an item's errors name it.</summary>
    /// <remarks>Only for fields read with a trail; the item's path is spelt out only if an error or a finding names it.</remarks>
    public ValueList<T> List<T>(string name, Func<JsonElement, T> read)
    {
        var trail = _trail ?? throw new InvalidOperationException("a list is read item by item with a trail only where the fields are");
        if (Get(name) is not { } v)
        {
            return ValueList<T>.Empty;
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw new DomainException(At(name), $"expected an array, found {Describe(v)}");
        }
        var items = new List<T>(v.GetArrayLength());
        trail.Enter(_depth, name);
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            trail.EnterItem(_depth + 1, i);
            items.Add(read(item));
            i++;
        }
        trail.Leave(_depth);
        return new ValueList<T>(items);
    }

    /// <summary>A field's string value copied into <paramref name="chars"/>, without making a string: only a value of ASCII
    /// characters, no escapes, and no longer than the span; false otherwise (read it with <see cref="String"/>).</summary>
    /// <remarks>For values read only to be looked up (a country, an enum's name), whose strings were garbage at once.</remarks>
    public bool TryChars(string name, Span<char> chars, out int length)
    {
        length = 0;
        return Get(name) is { } v && TryChars(v, chars, out length);
    }

    /// <summary>A string value copied into <paramref name="chars"/> as <see cref="TryChars(string, Span{char}, out int)"/> does.</summary>
    public static bool TryChars(JsonElement v, Span<char> chars, out int length)
    {
        length = 0;
        if (v.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        // The value as written, in its quotes.
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(v);
        if (raw.Length < 2 || raw[0] != (byte)'"' || raw[^1] != (byte)'"')
        {
            return false;
        }
        var text = raw[1..^1];
        if (text.Length > chars.Length || text.Contains((byte)'\\') || !System.Text.Ascii.IsValid(text))
        {
            return false;
        }
        return System.Text.Ascii.ToUtf16(text, chars, out length) == System.Buffers.OperationStatus.Done;
    }

    public static string AsString(JsonElement v, string path) => Scalar(v, out var problem) ?? throw new DomainException(path, problem!);

    /// <summary>A list item read as a string, its path spelt out from the trail only for an error.</summary>
    public static string AsString(JsonElement v, JsonTrail trail) => Scalar(v, out var problem) ?? throw new DomainException(trail.Spell(trail.Depth), problem!);

    // A string's text, or a number's as written; otherwise null, with what is wrong.
    private static string? Scalar(JsonElement v, out string? problem)
    {
        problem = null;
        switch (v.ValueKind)
        {
            case JsonValueKind.String:
                var text = TryText(v);
                if (text is null)
                {
                    problem = NotACharacter;
                }
                return text;
            case JsonValueKind.Number:
                return v.GetRawText();
            default:
                problem = $"expected a string, found {Describe(v)}";
                return null;
        }
    }
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

    [InlineArray(JsonFieldNames.Most)]
    private struct FieldValues
    {
        private JsonElement _first;
    }

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
