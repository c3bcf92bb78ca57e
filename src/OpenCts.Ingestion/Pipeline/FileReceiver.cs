namespace OpenCts.Ingestion.Pipeline;

/// <summary>The messages read from one file, or why the file could not be read at all.</summary>
/// <param name="Path">The file.</param>
/// <param name="Messages">Every message found; each is accepted or rejected on its own.</param>
public sealed record ReceivedFile(string Path, IReadOnlyList<ParsedMessage> Messages);

/// <summary>Reads files from disk, recognises their format and parses them into messages.</summary>
/// <remarks>A file no format recognises, or one over the size limit, becomes one rejected message, so that nothing received is lost silently.</remarks>
public sealed class FileReceiver(MessageFormats formats, TimeProvider clock, long maxFileBytes = 256L * 1024 * 1024)
{
    /// <summary>Expands folders into their files (recursively, in name order) and keeps files as given.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                files.Add(path);
            }
        }
        return files;
    }

    public ReceivedFile Read(string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            return Rejected(path, name, ReadOnlyMemory<byte>.Empty, "no such file");
        }
        var length = new FileInfo(path).Length;
        if (length > maxFileBytes)
        {
            return Rejected(path, name, ReadOnlyMemory<byte>.Empty, $"the file has {length:N0} bytes; the limit is {maxFileBytes:N0}");
        }
        return Read(path, File.ReadAllBytes(path), cancellationToken);
    }

    /// <summary>Reads bytes received otherwise than as a file (an upload), named by <paramref name="source"/> in every issue's place.</summary>
    public ReceivedFile Read(string source, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(source);
        if (content.Length == 0)
        {
            return Rejected(source, name, content, "the file is empty");
        }
        if (content.Length > maxFileBytes)
        {
            return Rejected(source, name, content, $"the message has {content.Length:N0} bytes; the limit is {maxFileBytes:N0}");
        }
        var format = formats.Recognise(name, content.Span);
        if (format is null)
        {
            var known = string.Join(", ", formats.Formats.Select(f => f.Name));
            return Rejected(source, name, content, $"not a message in any known format ({known})");
        }
        return new ReceivedFile(source, format.Parse(name, content, clock.GetUtcNow(), cancellationToken));
    }

    private static ReceivedFile Rejected(string path, string name, ReadOnlyMemory<byte> content, string why) =>
        new(path, [new ParsedMessage("unknown", "unknown", name, content, [], [new IngestionIssue(IssueSeverity.Error, path, why)])]);
}
