using System.Text.Json;
using OpenCts.Domain.Serialization;
using OpenCts.Ingestion.Pipeline;

namespace OpenCts.Ingestion.Json;

/// <summary>What the JSON formats say about a file that is not JSON: bytes that are not UTF-8, and syntax errors.</summary>
internal static class JsonSyntax
{
    private const int QuotedLength = 24;

    /// <summary>The offset of the first byte that is not UTF-8, or null when all are.</summary>
    /// <remarks>Checked before parsing: the parser takes such bytes inside a string and only fails when the string is read.</remarks>
    public static int? FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }
        var at = 0;
        while (at < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[at..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return at;
            }
            at += consumed;
        }
        return null;
    }

    /// <summary>The issue for a byte that is not UTF-8, at its line and column.</summary>
    public static (string Where, string Why) NotUtf8(string fileName, ReadOnlySpan<byte> content, int offset)
    {
        return (At(fileName, content, offset), $"byte 0x{content[offset]:X2} is not UTF-8; JSON messages are UTF-8");
    }

    /// <summary>The issue for a name or text whose escape is no character, at its line and column.</summary>
    public static (string Where, string Why) NotACharacter(string fileName, ReadOnlySpan<byte> content, int offset)
    {
        return (At(fileName, content, offset), $"a name or text {JsonEscapes.NotACharacter}");
    }

    /// <summary>The line and column of the first byte that is not a byte order mark or white space: where the top-level value starts.</summary>
    public static string PlaceOfFirstValue(string fileName, ReadOnlySpan<byte> content)
    {
        var start = content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var at = content[start..].IndexOfAnyExcept(" \t\r\n"u8);
        return At(fileName, content, at < 0 ? content.Length : start + at);
    }

    private static string At(string fileName, ReadOnlySpan<byte> content, int offset)
    {
        var (line, column) = JsonEscapes.LineAndColumn(content, offset);
        return $"{fileName}: line {line}, column {column}";
    }

    /// <summary>The parser's message without the place it appends (the issue has its own) and with the text it quotes kept short.</summary>
    /// <remarks>
    /// The parser quotes the whole token it stopped at; a literal that runs on (a mutated <c>true</c>) is quoted up to the
    /// next delimiter, which can be kilobytes over many lines.
    /// </remarks>
    public static string Describe(JsonException e)
    {
        var message = e.Message;
        foreach (var tail in (ReadOnlySpan<string>)[" LineNumber:", " Path:"])
        {
            var cut = message.IndexOf(tail, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }
        if (message.StartsWith('\'') && message.IndexOf("' is ", 1, StringComparison.Ordinal) is var close and > QuotedLength + 1)
        {
            message = string.Concat(message.AsSpan(0, QuotedLength + 1), "…", message.AsSpan(close));
        }
        return Printable.Of(message);
    }
}
