using System.Globalization;
using System.Text.Json;

namespace OpenCts.Commerce;

/// <summary>A JSON file read whole, with the line each value starts on, so that a wrong value is reported at its line and path.</summary>
/// <remarks>
/// <see cref="JsonDocument"/> forgets where its values were; one pass of <see cref="Utf8JsonReader"/> over the same bytes
/// records the line of every value by its JSON path (<c>$.brands[2].priceFloor</c>) before the document is walked.
/// </remarks>
internal sealed class JsonFile : IDisposable
{
    private readonly Dictionary<string, int> _lines;

    private JsonFile(string path, JsonDocument document, Dictionary<string, int> lines)
    {
        Path = path;
        Document = document;
        _lines = lines;
    }

    public string Path { get; }

    public JsonDocument Document { get; }

    public JsonElement Root => Document.RootElement;

    /// <summary>Reads a file; a file that is missing or not JSON raises a <see cref="CommerceFileException"/> at the place.</summary>
    public static JsonFile Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommerceFileException(path, 0, "", "cannot be read: " + e.Message);
        }
        return Parse(path, bytes);
    }

    /// <summary>Reads JSON text named as a file for the errors.</summary>
    public static JsonFile Parse(string path, ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }
        var options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        Dictionary<string, int> lines;
        try
        {
            lines = Lines(utf8, options);
        }
        catch (JsonException e)
        {
            throw new CommerceFileException(path, (int)(e.LineNumber ?? 0) + 1, "", "not valid JSON: " + FirstSentence(e.Message));
        }
        var document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return new JsonFile(path, document, lines);
    }

    /// <summary>The line a value starts on (from 1), or 0 when the path names no value of the file.</summary>
    public int LineOf(string jsonPath) => _lines.TryGetValue(jsonPath, out var line) ? line : 0;

    /// <summary>An error at a value of the file.</summary>
    public CommerceFileException Error(string jsonPath, string problem) => new(Path, LineOf(jsonPath), jsonPath, problem);

    public void Dispose() => Document.Dispose();

    private static Dictionary<string, int> Lines(ReadOnlySpan<byte> utf8, JsonReaderOptions options)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8, options);
        // One frame per open container: its path, and for an array the index of the next element.
        var paths = new Stack<(string Path, int Next, bool IsArray)>();
        string? property = null;
        var line = 1;
        var counted = 0;
        while (reader.Read())
        {
            var start = (int)reader.TokenStartIndex;
            line += utf8[counted..start].Count((byte)'\n');
            counted = start;
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = reader.GetString();
                continue;
            }
            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                paths.Pop();
                continue;
            }
            string path;
            if (paths.Count == 0)
            {
                path = "$";
            }
            else
            {
                var (parent, next, isArray) = paths.Pop();
                path = isArray ? string.Create(CultureInfo.InvariantCulture, $"{parent}[{next}]") : parent + "." + property;
                paths.Push((parent, isArray ? next + 1 : next, isArray));
            }
            lines.TryAdd(path, line);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                paths.Push((path, 0, reader.TokenType == JsonTokenType.StartArray));
            }
        }
        return lines;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }

    // Field readers shared by the settings and the register: each names the path and line of a wrong value.

    public double Number(JsonElement owner, string ownerPath, string name, double min, double max, double? fallback = null)
    {
        var at = ownerPath + "." + name;
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback ?? throw Error(at, "missing; a number is required").At(LineOf(ownerPath));
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw Error(at, $"'{value.GetRawText()}' is not a number");
        }
        if (number < min || number > max)
        {
            throw Error(at, string.Create(CultureInfo.InvariantCulture, $"{number} is out of range; it must be from {min} to {max}"));
        }
        return number;
    }

    public int Integer(JsonElement owner, string ownerPath, string name, int min, int max, int fallback)
    {
        var number = Number(owner, ownerPath, name, min, max, fallback);
        return number == Math.Floor(number) ? (int)number : throw Error(ownerPath + "." + name, string.Create(CultureInfo.InvariantCulture, $"{number} is not a whole number"));
    }

    public string Text(JsonElement owner, string ownerPath, string name)
    {
        var at = ownerPath + "." + name;
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw Error(at, "missing; a text is required").At(LineOf(ownerPath));
        }
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text || string.IsNullOrWhiteSpace(text))
        {
            throw Error(at, $"'{value.GetRawText()}' is not a non-empty text");
        }
        return text.Trim();
    }

    public IReadOnlyList<string> Texts(JsonElement owner, string ownerPath, string name)
    {
        var at = ownerPath + "." + name;
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(at, "must be an array of texts");
        }
        var texts = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemAt = string.Create(CultureInfo.InvariantCulture, $"{at}[{i++}]");
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                throw Error(itemAt, $"'{item.GetRawText()}' is not a non-empty text");
            }
            texts.Add(item.GetString()!.Trim());
        }
        return texts;
    }

    /// <summary>Refuses a field the layout does not have, so that a misspelt name is not silently ignored.</summary>
    public void OnlyFields(JsonElement owner, string ownerPath, params string[] known)
    {
        if (owner.ValueKind != JsonValueKind.Object)
        {
            throw Error(ownerPath, "must be an object");
        }
        foreach (var property in owner.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                throw Error(ownerPath + "." + property.Name, "unknown field; the fields are " + string.Join(", ", known));
            }
        }
    }
}

internal static class CommerceFileExceptionPlace
{
    /// <summary>The same error at another line, for a missing field, which has no line of its own: its owner's line.</summary>
    public static CommerceFileException At(this CommerceFileException error, int line) =>
        error.Line > 0 ? error : new CommerceFileException(error.File!, line, error.FieldPath ?? "", error.Problem);
}
