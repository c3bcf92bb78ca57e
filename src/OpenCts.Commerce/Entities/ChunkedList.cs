using System.Runtime.CompilerServices;

namespace OpenCts.Commerce.Entities;

/// <summary>A growable list of structs in fixed chunks, read and written by reference.</summary>
/// <remarks>
/// Unlike <see cref="List{T}"/>, growing never copies what is there, so a list of millions of records needs no
/// second array of twice the size at the moment it grows, and references into it stay valid.
/// </remarks>
internal sealed class ChunkedList<T>
    where T : struct
{
    private const int Shift = 14;
    private const int ChunkSize = 1 << Shift;
    private const int Mask = ChunkSize - 1;
    private T[][] chunks = new T[16][];

    public int Count { get; private set; }

    public ref T this[int index] => ref chunks[index >> Shift][index & Mask];

    public int Add(in T item)
    {
        var index = Count;
        var chunk = index >> Shift;
        if (chunk == chunks.Length)
        {
            Array.Resize(ref chunks, chunks.Length * 2);
        }
        chunks[chunk] ??= new T[ChunkSize];
        chunks[chunk][index & Mask] = item;
        Count++;
        return index;
    }

    /// <summary>Writes the items as their bytes, a chunk at a time: for structs that hold no references.</summary>
    public void Save(BinaryWriter writer)
    {
        EnsureBlittable();
        writer.Write(Count);
        writer.Write(Unsafe.SizeOf<T>());
        for (var start = 0; start < Count; start += ChunkSize)
        {
            SnapshotFormat.WriteSpan<T>(writer, chunks[start >> Shift].AsSpan(0, Math.Min(ChunkSize, Count - start)));
        }
    }

    /// <summary>Fills this empty list with items written by <see cref="Save"/>, reading each chunk straight into its array.</summary>
    public void Load(BinaryReader reader, string what)
    {
        EnsureBlittable();
        if (Count != 0)
        {
            throw new InvalidOperationException("a list is loaded only when empty");
        }
        var count = SnapshotFormat.ReadCount(reader, int.MaxValue, what);
        if (reader.ReadInt32() is var size && size != Unsafe.SizeOf<T>())
        {
            throw new InvalidDataException($"{what}: items of {size} bytes, this build keeps {Unsafe.SizeOf<T>()}");
        }
        // A chunk is made only once the one before it is read, so a damaged count runs out of stream, not of memory.
        for (var start = 0; start < count; start += ChunkSize)
        {
            var chunk = start >> Shift;
            if (chunk == chunks.Length)
            {
                Array.Resize(ref chunks, chunks.Length * 2);
            }
            chunks[chunk] = new T[ChunkSize];
            SnapshotFormat.ReadSpan(reader, chunks[chunk].AsSpan(0, Math.Min(ChunkSize, count - start)), what);
            Count = Math.Min(count, start + ChunkSize);
        }
    }

    private static void EnsureBlittable()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            throw new InvalidOperationException($"{typeof(T).Name} holds references: its list is saved item by item, not as bytes");
        }
    }
}
