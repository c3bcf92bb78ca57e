namespace OpenCts.Ingestion.Pipeline;

/// <summary>The messages read from one file, or why the file could not be read at all.</summary>
/// <param name="Path">The file.</param>
/// <param name="Messages">Every message found; each is accepted or rejected on its own.</param>
public sealed record ReceivedFile(string Path, IReadOnlyList<ParsedMessage> Messages)
{
    /// <summary>The array the file was read into when a <see cref="FileBuffers"/> lent it: the messages' bytes lie in it, so it goes back to the pool only once nothing reads them any more.</summary>
    public byte[]? Lent { get; init; }
}

/// <summary>Reads files from disk, recognises their format and parses them into messages.</summary>
/// <remarks>A file no format recognises, or one over the size limit, becomes one rejected message, so that nothing received is lost silently.</remarks>
/// <param name="formats">The formats a file may be in.</param>
/// <param name="clock">When a message counts as received.</param>
/// <param name="maxFileBytes">The longest file read; a longer one is rejected unread.</param>
/// <param name="buffers">Where to borrow the array a file is read into (<see cref="ReceivedFile.Lent"/>); without it each file gets an array of its own.</param>
public sealed class FileReceiver(MessageFormats formats, TimeProvider clock, long maxFileBytes = 256L * 1024 * 1024, FileBuffers? buffers = null)
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
        // A small file, or one whose length the system does not know (a pipe), is read as it always was.
        if (buffers is null || length < FileBuffers.SmallestPooled)
        {
            return Read(path, File.ReadAllBytes(path), cancellationToken);
        }
        var (content, lent) = ReadLent(path, buffers);
        try
        {
            return Read(path, content, cancellationToken) with { Lent = lent };
        }
        catch when (lent is not null)
        {
            buffers.Return(lent);
            throw;
        }
    }

    /// <summary>The file's bytes in an array borrowed from <paramref name="pool"/> when its length is one the pool lends; the array, to be given back, or null.</summary>
    private static (ReadOnlyMemory<byte> Content, byte[]? Lent) ReadLent(string path, FileBuffers pool)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = (int)Math.Min(RandomAccess.GetLength(handle), Array.MaxLength);
        var array = pool.Rent(length, out var lent);
        try
        {
            var read = 0;
            while (read < length)
            {
                var n = RandomAccess.Read(handle, array.AsSpan(read, length - read), read);
                if (n == 0)
                {
                    break;
                }
                read += n;
            }
            return (array.AsMemory(0, read), lent ? array : null);
        }
        catch when (lent)
        {
            pool.Return(array);
            throw;
        }
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
