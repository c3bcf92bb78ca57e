namespace OpenCts.Commerce.Tests;

/// <summary>Saves a structure to bytes and loads it back, as a host does through a file.</summary>
internal static class SavedState
{
    public static byte[] Save(Action<BinaryWriter> save)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            save(writer);
        }
        return stream.ToArray();
    }

    /// <summary>Loads a structure and checks it read its bytes to the end: the next structure of a file begins there.</summary>
    public static T Load<T>(byte[] saved, Func<BinaryReader, T> load)
    {
        using var reader = new BinaryReader(new MemoryStream(saved));
        var loaded = load(reader);
        Assert.Equal(saved.Length, reader.BaseStream.Position);
        return loaded;
    }
}
