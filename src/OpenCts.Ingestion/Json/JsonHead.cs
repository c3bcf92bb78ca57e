using System.Text;

namespace OpenCts.Ingestion.Json;

/// <summary>Whether the head of a body opens a JSON object, read on its bytes.</summary>
/// <remarks>
/// Every message a server receives is offered to each format in turn; decoding the head to text for each of them cost
/// more than parsing the message. The bytes answer for everything that starts with ASCII; a head that starts with
/// anything else (a byte order mark, Unicode spaces) is decoded as before, so the answer is the same.
/// </remarks>
internal static class JsonHead
{
    /// <summary>Whether the first character after white space is <c>{</c>.</summary>
    /// <param name="head">The first bytes of the body.</param>
    /// <param name="skipByteOrderMark">Whether byte order marks and the JSON spaces alone are skipped (WCO), rather than all white space (OpenCTS JSON).</param>
    public static bool OpensObject(ReadOnlySpan<byte> head, bool skipByteOrderMark)
    {
        var at = 0;
        while (at < head.Length && head[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            at++;
        }
        if (at < head.Length && head[at] == (byte)'{')
        {
            return true;
        }
        if (at == head.Length || head[at] is < 0x80 and not (0x0B or 0x0C))
        {
            // Neither form skips this character (the vertical tab and form feed count as white space to .NET).
            return false;
        }
        var text = Encoding.UTF8.GetString(head);
        return skipByteOrderMark
            ? text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{')
            : text.TrimStart().StartsWith('{');
    }
}
