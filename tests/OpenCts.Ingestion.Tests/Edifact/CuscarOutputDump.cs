using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpenCts.Domain.Serialization;

namespace OpenCts.Ingestion.Tests.Edifact;

/// <summary>Everything the CUSCAR reader gives for a file, one line of JSON per message: sender, id, function, raw bytes, issues, unmapped segments, cancelled documents and consignments.</summary>
/// <remarks>Two readers that give the same dump give the same messages; the digest of a dump stands for it in a recorded list.</remarks>
internal static class CuscarOutputDump
{
    public static string Of(IReadOnlyList<ParsedMessage> messages)
    {
        var text = new StringBuilder();
        using var buffer = new MemoryStream();
        foreach (var m in messages)
        {
            buffer.SetLength(0);
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteString("format", m.Format);
                w.WriteString("sender", m.Sender);
                w.WriteString("messageId", m.MessageId);
                w.WriteString("function", m.Function.ToString());
                w.WriteBoolean("rejected", m.IsRejected);
                w.WriteString("raw", Convert.ToHexString(SHA256.HashData(m.Raw.Span)));
                w.WriteNumber("rawLength", m.Raw.Length);
                w.WriteStartArray("issues");
                foreach (var issue in m.Issues)
                {
                    w.WriteStringValue($"{issue.Severity}|{issue.Location}|{issue.Message}");
                }
                w.WriteEndArray();
                w.WriteStartArray("unmapped");
                foreach (var segment in m.Unmapped)
                {
                    w.WriteStringValue(segment);
                }
                w.WriteEndArray();
                w.WriteStartArray("cancelled");
                foreach (var key in m.CancelledDocuments)
                {
                    w.WriteStringValue(key);
                }
                w.WriteEndArray();
                w.WriteStartArray("consignments");
                foreach (var c in m.Consignments)
                {
                    ConsignmentJsonWriter.Write(w, c);
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            text.Append(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)).Append('\n');
        }
        return text.ToString();
    }

    public static string Digest(string dump) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(dump)))[..32];
}
