using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenCts.Screening.Matching;

/// <summary>Writes a screening result as one JSON line: <c>{"query", "alert", "hits": [{"list", "id", "name", "score", ...}]}</c>.</summary>
/// <remarks>
/// <c>name</c> is the entry's primary name; each hit also says which listed name or alias <c>matched</c>, the token pairs,
/// and, for a suppressed hit, the allow-list decision (<c>allowedBy</c>).
/// </remarks>
public static class ScreeningJson
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Line(ScreeningResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(new Document(
            result.Query,
            result.Alert,
            [.. result.Hits.Select(h => new Hit(
                h.List,
                h.EntryId,
                h.Entry.Name,
                h.Score,
                h.MatchedName,
                [.. h.Matches.Select(m => new Token(m.QueryToken, m.ListedToken, m.Similarity))],
                h.AllowedBy is null ? null : new Allowed(h.AllowedBy.DecidedBy, h.AllowedBy.Why)))]), Options);
    }

    private sealed record Document(
        [property: JsonPropertyName("query")] string Query,
        [property: JsonPropertyName("alert")] bool Alert,
        [property: JsonPropertyName("hits")] Hit[] Hits);

    private sealed record Hit(
        [property: JsonPropertyName("list")] string List,
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("score")] double Score,
        [property: JsonPropertyName("matched")] string Matched,
        [property: JsonPropertyName("tokens")] Token[] Tokens,
        [property: JsonPropertyName("allowedBy")] Allowed? AllowedBy);

    private sealed record Token(
        [property: JsonPropertyName("query")] string Query,
        [property: JsonPropertyName("listed")] string Listed,
        [property: JsonPropertyName("similarity")] double Similarity);

    private sealed record Allowed(
        [property: JsonPropertyName("by")] string By,
        [property: JsonPropertyName("why")] string Why);
}
