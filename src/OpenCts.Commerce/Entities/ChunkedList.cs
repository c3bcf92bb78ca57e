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
}
