using System.Globalization;
using System.Text.Json;
using OpenCts.Domain.Common;

namespace OpenCts.Ingestion.Wco;

/// <summary>One JSON object of a WCO message, read with its path; properties no one asked for are reported as unmapped.</summary>
/// <remarks>
/// Unlike OpenCTS's own JSON, unknown properties are not errors: the WCO Data Model is large and a sender may fill
/// classes OpenCTS has no field for. They are kept, with their path, in the message's unmapped list.
/// </remarks>
internal sealed class WcoObject
{
    private readonly JsonElement _element;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly List<WcoObject> _registry;

    /// <param name="element">The JSON object.</param>
    /// <param name="path">Its JSON path, such as <c>$.Declaration.Consignment[0]</c>.</param>
    /// <param name="registry">Every object read from one message, so that their unread properties can be collected at the end.</param>
    public WcoObject(JsonElement element, string path, List<WcoObject> registry)
    {
        _registry = registry;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new DomainException(path, $"expected an object, found {element.ValueKind.ToString().ToLowerInvariant()}");
        }
        _element = element;
        Path = path;
        registry.Add(this);
    }

    public string Path { get; }

    public string At(string name) => $"{Path}.{name}";

    public JsonElement? Get(string name)
    {
        _read.Add(name);
        return _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    /// <summary>Where a property stands among the object's properties, or <see cref="int.MaxValue"/> when absent; does not count as reading it.</summary>
    public int IndexOf(string name)
    {
        var i = 0;
        foreach (var property in _element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                return i;
            }
            i++;
        }
        return int.MaxValue;
    }

    public WcoObject? Object(string name) => Get(name) is { } v ? new WcoObject(v, At(name), _registry) : null;

    /// <summary>The items of a property that holds an array, or one object standing for an array of one.</summary>
    public List<WcoObject> Objects(string name)
    {
        var list = new List<WcoObject>();
        if (Get(name) is not { } v)
        {
            return list;
        }
        if (v.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in v.EnumerateArray())
            {
                list.Add(new WcoObject(item, $"{At(name)}[{i++}]", _registry));
            }
        }
        else
        {
            list.Add(new WcoObject(v, At(name), _registry));
        }
        return list;
    }

    /// <summary>A string, or a number written as text (codes such as <c>"9"</c> and <c>9</c> are the same).</summary>
    public string? String(string name)
    {
        if (Get(name) is not { } v)
        {
            return null;
        }
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s) ? s : null,
            JsonValueKind.Number => v.GetRawText(),
            _ => throw new DomainException(At(name), $"expected a string, found {v.ValueKind.ToString().ToLowerInvariant()}"),
        };
    }

    public string RequiredString(string name) => String(name) ?? throw new DomainException(At(name), "is required");

    public T? Parse<T>(string name, Func<string, string, T> parse)
        where T : struct => String(name) is { } text ? parse(text, At(name)) : null;

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
        if (v.ValueKind == JsonValueKind.String && decimal.TryParse(v.GetString(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out d))
        {
            return d;
        }
        throw new DomainException(At(name), $"expected a number, found {v.GetRawText()}");
    }

    public int? Int(string name)
    {
        var d = Decimal(name);
        if (d is null)
        {
            return null;
        }
        if (d != decimal.Truncate(d.Value) || d < int.MinValue || d > int.MaxValue)
        {
            throw new DomainException(At(name), $"expected a whole number, found {d}");
        }
        return (int)d.Value;
    }

    public DateTimeOffset? Instant(string name)
    {
        if (String(name) is not { } text)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }
        throw new DomainException(At(name), $"'{text}' is not a date and time; expected ISO 8601 such as 2026-11-28T09:30:00Z");
    }

    /// <summary>Adds every property nobody read, as <c>path: json</c>.</summary>
    public void CollectUnread(List<string> unmapped)
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_read.Contains(property.Name))
            {
                var text = property.Value.GetRawText();
                unmapped.Add($"{At(property.Name)}: {(text.Length > 500 ? text[..500] + "…" : text)}");
            }
        }
    }
}
