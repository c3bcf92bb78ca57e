using OpenCts.Ingestion.Pipeline;

namespace OpenCts.Ingestion.Edifact;

/// <summary>UN/EDIFACT CUSCAR customs cargo reports (directories D.95B to D.11A): one <see cref="ParsedMessage"/> per UNH ... UNT.</summary>
/// <remarks>
/// Each CNI (bill of lading, air waybill) becomes a consignment; the sender is the UNB sender and the message id the
/// interchange control reference and the message reference (<c>0020/0062</c>). See <c>docs/formats.md</c> for the
/// segment mapping.
/// </remarks>
public sealed class CuscarFormat : IMessageFormat
{
    private readonly CuscarOptions _options;

    public CuscarFormat()
        : this(new CuscarOptions())
    {
    }

    public CuscarFormat(CuscarOptions options) => _options = options;

    public string Name => "cuscar";

    public bool Recognises(string fileName, ReadOnlySpan<byte> head)
    {
        var text = head;
        if (text.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }
        text = text.TrimStart(" \t\r\n"u8);
        return text.StartsWith("UNA"u8) || text.StartsWith("UNB"u8) || text.StartsWith("UNH"u8);
    }

    public IReadOnlyList<ParsedMessage> Parse(string fileName, ReadOnlyMemory<byte> content, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        new EdifactInterchangeReader(fileName, content, receivedAt, _options).Read(cancellationToken);
}
