namespace OpenCts.Ingestion.Pipeline;

/// <summary>The formats OpenCTS reads, tried in order: the first that recognises a file reads it.</summary>
public sealed class MessageFormats
{
    private readonly IReadOnlyList<IMessageFormat> _formats;

    public MessageFormats(IEnumerable<IMessageFormat> formats) => _formats = formats.ToList();

    /// <summary>Every format this build of OpenCTS knows: each public <see cref="IMessageFormat"/> of this assembly.</summary>
    /// <remarks>
    /// Found by reflection so that a new format is live as soon as it is written; each format recognises its own
    /// files only (by content), so their order does not matter; it is fixed by name to keep runs repeatable.
    /// </remarks>
    public static MessageFormats All { get; } = new(typeof(MessageFormats).Assembly.GetExportedTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessageFormat).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (IMessageFormat)Activator.CreateInstance(t)!));

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
