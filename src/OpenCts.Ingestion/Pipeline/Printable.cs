using System.Text;

namespace OpenCts.Ingestion.Pipeline;

/// <summary>Text taken from a received message, made fit to show in an issue's place or message.</summary>
/// <remarks>
/// A place is one line of a sender's status report. Bytes a message holds by mistake (a line break inside a segment tag,
/// a lone carriage return in a Type B line, a control character) are written as escapes such as <c>\r</c> or <c>\x1B</c>,
/// so that the place stays on one line and shows what was received.
/// </remarks>
internal static class Printable
{
    public static string Of(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\x1F') && !text.Contains('\x7F', StringComparison.Ordinal))
        {
            return text;
        }
        var b = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\r' => b.Append("\\r"),
                '\n' => b.Append("\\n"),
                '\t' => b.Append("\\t"),
                < ' ' or '\x7F' => b.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture)),
                _ => b.Append(c),
            };
        }
        return b.ToString();
    }
}
