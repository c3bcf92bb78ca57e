using System.Text.Json;
using OpenCts.Domain.Consignments;

namespace OpenCts.Domain.Serialization;

/// <summary>One field that differs between two versions of a consignment.</summary>
/// <param name="Field">The field's path, such as <c>goods[0].grossMassKg</c>.</param>
/// <param name="Before">The earlier value, or null when the field was added.</param>
/// <param name="After">The later value, or null when the field was removed.</param>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>Compares two versions of a consignment field by field, so an officer sees what an amendment changed.</summary>
/// <remarks>Works on the JSON shape, so every field of the model is compared and the paths are the ones senders know.</remarks>
public static class ConsignmentDiff
{
    public static IReadOnlyList<FieldChange> Between(Consignment before, Consignment after)
    {
        var a = Flatten(before with { Provenance = null });
        var b = Flatten(after with { Provenance = null });
        var changes = new List<FieldChange>();
        foreach (var (path, value) in a)
        {
            if (!b.TryGetValue(path, out var other))
            {
                changes.Add(new FieldChange(path, value, null));
            }
            else if (!string.Equals(value, other, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(path, value, other));
            }
        }
        foreach (var (path, value) in b)
        {
            if (!a.ContainsKey(path))
            {
                changes.Add(new FieldChange(path, null, value));
            }
        }
        return changes;
    }

    private static Dictionary<string, string> Flatten(Consignment consignment)
    {
        using var document = JsonDocument.Parse(ConsignmentJsonWriter.ToUtf8Bytes(consignment));
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(document.RootElement, "", values);
        return values;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", values);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", values);
                }
                break;
            case JsonValueKind.String:
                values[path] = element.GetString()!;
                break;
            default:
                values[path] = element.GetRawText();
                break;
        }
    }
}
