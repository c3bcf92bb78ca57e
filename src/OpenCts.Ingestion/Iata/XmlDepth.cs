using System.Xml;

namespace OpenCts.Ingestion.Iata;

/// <summary>Finds an element nested deeper than a Cargo-XML message ever goes, before the document is loaded.</summary>
/// <remarks>
/// Loading a very deeply nested document costs time that grows faster than its size, so such a document is refused
/// first. A scan of the bytes counts opening and closing tags; only a document it finds too deep is read again with an
/// XML reader, which names the exact element. The scan may undercount (a "/>" inside an attribute value), never overcount
/// past what the reader then confirms.
/// </remarks>
internal static class XmlDepth
{
    /// <summary>Cargo-XML messages nest about twenty levels; far more is not a message.</summary>
    public const int Limit = 64;

    /// <summary>The line and column of the first element deeper than <see cref="Limit"/>, or null.</summary>
    public static (int Line, int Column)? TooDeep(ReadOnlyMemory<byte> content)
    {
        if (!MayBeTooDeep(content.Span))
        {
            return null;
        }
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth >= Limit)
                {
                    var info = (IXmlLineInfo)reader;
                    return (info.LineNumber, info.LinePosition);
                }
            }
        }
        catch (XmlException)
        {
            // A malformed document is reported by the load that follows, with its own place.
        }
        return null;
    }

    private static bool MayBeTooDeep(ReadOnlySpan<byte> bytes)
    {
        var depth = 0;
        var i = 0;
        while (true)
        {
            // Vectorised search: the scan must cost little beside the parse itself.
            var next = bytes[i..].IndexOfAny((byte)'<', (byte)'/');
            if (next < 0 || i + next + 1 >= bytes.Length)
            {
                return false;
            }
            i += next;
            var after = bytes[i + 1];
            if (bytes[i] == (byte)'/')
            {
                depth -= after == (byte)'>' ? 1 : 0;
            }
            else if (after == (byte)'/')
            {
                depth--;
                i++;
            }
            else if (after != (byte)'!' && after != (byte)'?' && ++depth > Limit)
            {
                return true;
            }
            i++;
        }
    }
}
