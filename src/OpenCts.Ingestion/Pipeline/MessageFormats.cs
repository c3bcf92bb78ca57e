using OpenCts.Ingestion.Csv;
using OpenCts.Ingestion.Edifact;
using OpenCts.Ingestion.Json;

namespace OpenCts.Ingestion.Pipeline;

/// <summary>The formats OpenCTS reads, tried in order: the first that recognises a file reads it.</summary>
public sealed class MessageFormats
{
    private readonly IReadOnlyList<IMessageFormat> _formats;

    public MessageFormats(IEnumerable<IMessageFormat> formats) => _formats = formats.ToList();

    /// <summary>Every format this build of OpenCTS knows.</summary>
    public static MessageFormats All { get; } = new([new JsonMessageFormat(), new CsvMessageFormat(), new CuscarFormat()]);

    public IReadOnlyList<IMessageFormat> Formats => _formats;

    /// <summary>The format that recognises a file, or null.</summary>
    public IMessageFormat? Recognise(string fileName, ReadOnlySpan<byte> content)
    {
        var head = content[..Math.Min(content.Length, 4096)];
        foreach (var format in _formats)
        {
            if (format.Recognises(fileName, head))
            {
                return format;
            }
        }
        return null;
    }
}
