namespace OpenCts.Commerce.Entities;

internal sealed partial class KeyMap
{
    // A directory of 2^26 entries would be 512 MB: far beyond any index, so a deeper one is damage.
    private const int MaxSavedDepth = 26;

    /// <summary>Writes the map as it is: each page's slots as bytes, then the directory as page numbers.</summary>
    /// <remarks>
    /// Pages are written, not their keys re-added on load: a loaded map has the same pages, slots and directory, so it
    /// splits when and as the original would, and loading is a copy rather than a rehash of every key.
    /// </remarks>
    public void Save(BinaryWriter writer)
    {
        writer.Write(Count);
        writer.Write(globalDepth);
        writer.Write(hasZero);
        writer.Write(zeroValue);
        writer.Write(Pages);
        var numbers = new Dictionary<Page, int>(Pages, ReferenceEqualityComparer.Instance);
        var order = new int[directory.Length];
        for (var i = 0; i < directory.Length; i++)
        {
            if (!numbers.TryGetValue(directory[i], out var number))
            {
                number = numbers.Count;
                numbers.Add(directory[i], number);
                directory[i].Save(writer);
            }
            order[i] = number;
        }
        SnapshotFormat.WriteSpan<int>(writer, order);
    }

    /// <summary>Fills this empty map with one written by <see cref="Save"/>.</summary>
    public void Load(BinaryReader reader, string what)
    {
        if (Count != 0)
        {
            throw new InvalidOperationException("a map is loaded only when empty");
        }
        var count = SnapshotFormat.ReadCount(reader, int.MaxValue, what);
        var depth = reader.ReadInt32();
        if (depth < 0 || depth > MaxSavedDepth)
        {
            throw new InvalidDataException($"{what}: directory depth {depth} out of range (0 to {MaxSavedDepth})");
        }
        var zero = reader.ReadBoolean();
        var zeroAt = reader.ReadInt32();
        var pages = new Page[SnapshotFormat.ReadCount(reader, 1 << depth, what)];
        var held = zero ? 1 : 0;
        for (var p = 0; p < pages.Length; p++)
        {
            pages[p] = Page.Load(reader, depth, what);
            held += pages[p].Count;
        }
        if (held != count)
        {
            throw new InvalidDataException($"{what}: its pages hold {held} keys, the map says {count}");
        }
        var order = new int[1 << depth];
        SnapshotFormat.ReadSpan<int>(reader, order, what);
        var loaded = new Page[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            loaded[i] = (uint)order[i] < (uint)pages.Length
                ? pages[order[i]]
                : throw new InvalidDataException($"{what}: directory entry {i} names page {order[i]} of {pages.Length}");
        }
        directory = loaded;
        globalDepth = depth;
        hasZero = zero;
        zeroValue = zeroAt;
        Pages = pages.Length;
        Count = count;
    }

    private sealed partial class Page
    {
        public void Save(BinaryWriter writer)
        {
            writer.Write(Depth);
            writer.Write(Count);
            SnapshotFormat.WriteSpan<long>(writer, keys);
            SnapshotFormat.WriteSpan<int>(writer, Values);
        }

        public static Page Load(BinaryReader reader, int globalDepth, string what)
        {
            var depth = reader.ReadInt32();
            if (depth < 0 || depth > globalDepth)
            {
                throw new InvalidDataException($"{what}: page depth {depth} out of range (0 to {globalDepth})");
            }
            var page = new Page(depth) { Count = SnapshotFormat.ReadCount(reader, SplitAt, what) };
            SnapshotFormat.ReadSpan<long>(reader, page.keys, what);
            SnapshotFormat.ReadSpan<int>(reader, page.Values, what);
            // Key 0 marks a free slot: a page that holds another number of keys than it says would probe wrongly.
            if (PageSlots - page.keys.AsSpan().Count(0L) != page.Count)
            {
                throw new InvalidDataException($"{what}: a page says it holds {page.Count} keys and holds {PageSlots - page.keys.AsSpan().Count(0L)}");
            }
            return page;
        }
    }
}
