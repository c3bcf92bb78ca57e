using OpenCts.Domain.Messages;

namespace OpenCts.Ingestion.Pipeline;

/// <summary>A message format OpenCTS reads: it recognises its files and splits them into messages.</summary>
public interface IMessageFormat
{
    /// <summary>The format's short name, used in <see cref="ParsedMessage.Format"/> and on the command line.</summary>
    string Name { get; }

    /// <summary>True when the file looks like this format, judged from its name and first bytes.</summary>
    bool Recognises(string fileName, ReadOnlySpan<byte> head);

    /// <summary>Reads every message of a file. A broken message is returned rejected with its issues; it never throws for bad input.</summary>
    /// <param name="fileName">The file's name, used in every issue's location.</param>
    /// <param name="content">The whole file.</param>
    /// <param name="receivedAt">When the file was received; stamped on each consignment's provenance.</param>
    /// <param name="cancellationToken">Stops a long parse.</param>
    IReadOnlyList<ParsedMessage> Parse(string fileName, ReadOnlyMemory<byte> content, DateTimeOffset receivedAt, CancellationToken cancellationToken);
}
