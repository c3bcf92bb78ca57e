using System.Text.Json;

namespace OpenCts.Domain.Serialization;

/// <summary>Finds JSON escapes that are no character: a lone UTF-16 surrogate such as <c>\ud800</c>.</summary>
/// <remarks>
/// Such an escape is valid JSON, but System.Text.Json throws <see cref="InvalidOperationException"/> where a name holding
/// it is compared or a text holding it is read. A reader catches that and asks here where it is, to say so; most
/// documents hold no <c>\u</c> at all, so the question costs one vectorised scan.
/// </remarks>
public static class JsonEscapes
{
    /// <summary>What is wrong with such a name or text, for an error message.</summary>
    public const string NotACharacter = "holds an escape that is not a character (a lone UTF-16 surrogate)";

    /// <summary>The byte offset of the first name or text whose escapes make no UTF-16 text, or null when there is none (or the JSON breaks first).</summary>
    /// <param name="json">The document's bytes.</param>
    /// <param name="options">The options it was parsed with, so that it is read here as it was read there.</param>
    public static int? FirstLoneSurrogate(ReadOnlySpan<byte> json, JsonDocumentOptions options)
    {
        if (json.IndexOf("\\u"u8) < 0)
        {
            return null;
        }
        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            MaxDepth = options.MaxDepth,
            CommentHandling = options.CommentHandling,
            AllowTrailingCommas = options.AllowTrailingCommas,
        });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && !Unescapes(ref reader))
                {
                    return (int)reader.TokenStartIndex;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON from here on: the parser says so itself.
        }
        return null;
    }

    /// <summary>The line and column (both from 1, the column in bytes) of a byte offset.</summary>
    public static (int Line, int Column) LineAndColumn(ReadOnlySpan<byte> content, int offset)
    {
        var before = content[..offset];
        return (before.Count((byte)'\n') + 1, offset - before.LastIndexOf((byte)'\n'));
    }

    private static bool Unescapes(ref Utf8JsonReader reader)
    {
        try
        {
            reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
