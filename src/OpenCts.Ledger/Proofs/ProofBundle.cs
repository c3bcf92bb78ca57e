using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenCts.Ledger.Proofs;

/// <summary>An offline proof that a record was logged: its salted commitment, its leaf, the inclusion proof and the signed, cosigned checkpoint.</summary>
/// <remarks>In the spirit of C2SP tlog-proof, with the salt and record identity added so that the holder of the record alone can check it.</remarks>
public sealed record ProofBundle(
    string RecordKind,
    string RecordId,
    byte[] Salt,
    byte[] Commitment,
    long LeafIndex,
    IReadOnlyList<byte[]> InclusionProof,
    string Checkpoint)
{
    /// <summary>The format tag written in the JSON.</summary>
    public const string FormatName = "opencts.ledger-proof/v1";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    /// <summary>The bundle as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Dto(FormatName, RecordKind, RecordId, Salt, Commitment, LeafIndex, [.. InclusionProof], Checkpoint), Json);

    /// <summary>Reads a bundle from JSON.</summary>
    /// <exception cref="FormatException">
    /// The text is not a bundle. The message names the place (1-based line and column, and the field's JSON path) or the
    /// missing field, but not the file: the caller knows where the text came from.
    /// </exception>
    public static ProofBundle FromJson(string json)
    {
        Dto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<Dto>(json, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException(Describe(e), e);
        }
        if (dto is null || dto.Format != FormatName)
        {
            throw new FormatException($"\"format\" must be {FormatName}");
        }
        return new ProofBundle(
            dto.RecordKind ?? throw Missing("recordKind"),
            dto.RecordId ?? throw Missing("recordId"),
            dto.Salt ?? throw Missing("salt"),
            dto.Commitment ?? throw Missing("commitment"),
            dto.LeafIndex,
            dto.InclusionProof ?? throw Missing("inclusionProof"),
            dto.Checkpoint ?? throw Missing("checkpoint"));
    }

    /// <summary>The C2SP tlog-proof text; its extra data is the leaf entry, from which the leaf hash follows.</summary>
    public string ToTlogProof()
    {
        var text = new StringBuilder("c2sp.org/tlog-proof@v1\n")
            .Append("extra ").Append(Convert.ToBase64String(new Storage.LedgerEntry(RecordKind, RecordId, Commitment).ToBytes())).Append('\n')
            .Append("index ").Append(LeafIndex.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in InclusionProof)
        {
            text.Append(Convert.ToBase64String(hash)).Append('\n');
        }
        return text.Append('\n').Append(Checkpoint).ToString();
    }

    private static FormatException Missing(string field) => new($"\"{field}\" is missing");

    /// <summary>A JSON error at its place, 1-based, without the parser's own place suffix, on one line.</summary>
    private static string Describe(JsonException e)
    {
        var problem = e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? "the value is not of the type this field holds"
            : e.Message.Split([" Path:", " LineNumber:"], 2, StringSplitOptions.None)[0]
                .Replace("\r", "\\r", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal);
        var place = e.LineNumber is { } line ? FormattableString.Invariant($"line {line + 1}, column {e.BytePositionInLine + 1}: ") : "";
        var field = e.Path is { Length: > 1 } path ? path + ": " : "";
        return place + field + problem;
    }

    private sealed record Dto(
        [property: JsonPropertyName("format")] string? Format,
        string? RecordKind,
        string? RecordId,
        byte[]? Salt,
        byte[]? Commitment,
        long LeafIndex,
        byte[][]? InclusionProof,
        string? Checkpoint);
}
