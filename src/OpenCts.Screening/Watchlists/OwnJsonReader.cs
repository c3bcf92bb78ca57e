using System.Text.Json;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;
using OpenCts.Domain.Watchlists;

namespace OpenCts.Screening.Watchlists;

/// <summary>Reads our own JSON layout of a watch list (docs/watchlists.md): <c>{"list": ..., "entries": [...]}</c>, or an array of entries that each name their list.</summary>
/// <remarks>Syntax errors name line and column; a wrong or missing field names its JSON path, such as <c>$.entries[3].name</c>.</remarks>
public static class OwnJsonReader
{
    private static readonly HashSet<string> EntryFields = new(StringComparer.Ordinal)
    {
        "list", "id", "kind", "name", "aliases", "addresses", "countries", "identifiers", "programs", "remarks",
    };

    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static IReadOnlyList<WatchlistEntry> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream, Options);
        }
        catch (JsonException e)
        {
            throw new WatchlistFormatException(path, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "not valid JSON: " + FirstSentence(e.Message));
        }
        using (document)
        {
            try
            {
                return ReadEntries(path, document.RootElement);
            }
            catch (InvalidOperationException) when (NotACharacter(path) is { } error)
            {
                throw error;
            }
        }
    }

    /// <summary>The error for the first name or text whose escape is no character (a lone UTF-16 surrogate), at its line and column.</summary>
    private static WatchlistFormatException? NotACharacter(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (JsonEscapes.FirstLoneSurrogate(bytes, Options) is not { } offset)
        {
            return null;
        }
        var (line, column) = JsonEscapes.LineAndColumn(bytes, offset);
        return new WatchlistFormatException(path, line, column, $"a name or text {JsonEscapes.NotACharacter}");
    }

    private static List<WatchlistEntry> ReadEntries(string path, JsonElement root)
    {
        string? defaultList = null;
        JsonElement array;
        var arrayPath = "$";
        if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("list" or "entries"))
                {
                    throw new WatchlistFormatException(path, "$." + property.Name, "unknown field; a list file has 'list' and 'entries'");
                }
            }
            defaultList = OptionalString(path, root, "list", "$");
            if (!root.TryGetProperty("entries", out array) || array.ValueKind != JsonValueKind.Array)
            {
                throw new WatchlistFormatException(path, "$.entries", "missing or not an array");
            }
            arrayPath = "$.entries";
        }
        else if (root.ValueKind == JsonValueKind.Array)
        {
            array = root;
        }
        else
        {
            throw new WatchlistFormatException(path, "$", "expected an object with 'list' and 'entries', or an array of entries");
        }
        var entries = new List<WatchlistEntry>();
        var seen = new HashSet<(string, string)>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = $"{arrayPath}[{index++}]";
            var entry = ReadEntry(path, item, at, defaultList);
            if (!seen.Add((entry.List, entry.Id)))
            {
                throw new WatchlistFormatException(path, at + ".id", $"entry {entry.Id} of list {entry.List} appears twice");
            }
            entries.Add(entry);
        }
        return entries;
    }

    private static WatchlistEntry ReadEntry(string path, JsonElement item, string at, string? defaultList)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new WatchlistFormatException(path, at, "an entry must be an object");
        }
        foreach (var property in item.EnumerateObject())
        {
            if (!EntryFields.Contains(property.Name))
            {
                throw new WatchlistFormatException(path, $"{at}.{property.Name}", $"unknown field; an entry has {string.Join(", ", EntryFields)}");
            }
        }
        var list = OptionalString(path, item, "list", at) ?? defaultList ?? throw new WatchlistFormatException(path, at + ".list", "missing, and the file names no list");
        var id = RequiredString(path, item, "id", at);
        var name = RequiredString(path, item, "name", at);
        var kindText = OptionalString(path, item, "kind", at);
        var kind = OwnEntryFields.Kind(kindText) ?? throw new WatchlistFormatException(path, at + ".kind", $"'{kindText}' is not a kind (person, organisation, vessel, aircraft)");
        var identifiers = new List<PartyIdentifier>();
        if (item.TryGetProperty("identifiers", out var ids) && ids.ValueKind != JsonValueKind.Null)
        {
            if (ids.ValueKind != JsonValueKind.Array)
            {
                throw new WatchlistFormatException(path, at + ".identifiers", "must be an array of {\"scheme\", \"value\"}");
            }
            var i = 0;
            foreach (var id2 in ids.EnumerateArray())
            {
                var idAt = $"{at}.identifiers[{i++}]";
                if (id2.ValueKind != JsonValueKind.Object)
                {
                    throw new WatchlistFormatException(path, idAt, "must be an object with scheme and value");
                }
                var identifier = OwnEntryFields.Identifier(RequiredString(path, id2, "scheme", idAt), RequiredString(path, id2, "value", idAt), out var error)
                    ?? throw new WatchlistFormatException(path, idAt, error);
                identifiers.Add(identifier);
            }
        }
        return OwnEntryFields.Entry(
            list, id, kind, name, Strings(path, item, "aliases", at), Strings(path, item, "addresses", at), Strings(path, item, "countries", at),
            identifiers, OptionalString(path, item, "programs", at), OptionalString(path, item, "remarks", at));
    }

    private static string RequiredString(string path, JsonElement owner, string field, string at) =>
        OptionalString(path, owner, field, at) is { Length: > 0 } value ? value : throw new WatchlistFormatException(path, $"{at}.{field}", "missing or empty");

    private static string? OptionalString(string path, JsonElement owner, string field, string at)
    {
        if (!owner.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : throw new WatchlistFormatException(path, $"{at}.{field}", "must be a string");
    }

    private static List<string> Strings(string path, JsonElement owner, string field, string at)
    {
        var result = new List<string>();
        if (!owner.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return result;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new WatchlistFormatException(path, $"{at}.{field}", "must be an array of strings");
        }
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new WatchlistFormatException(path, $"{at}.{field}[{i}]", "must be a string");
            }
            i++;
            if (item.GetString()!.Trim() is { Length: > 0 } text)
            {
                result.Add(text);
            }
        }
        return result;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
