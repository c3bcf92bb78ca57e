namespace OpenCts.Ingestion.Pipeline;

/// <summary>
/// Arrays for whole files, lent for as long as their messages are in use and then given back, so that a bulk intake
/// reads file after file into the same few arrays.
/// </summary>
/// <remarks>
/// <para>
/// A file of more than 85,000 bytes read into an array of its own lands on the large-object heap, and every few
/// megabytes of that heap's allocations start a full, blocking collection. `cts assess` on 100,000 generated parcels
/// (2,000 files of about 95 KB, 121 order files of 600 KB) ran 119 full collections for that reason alone, 3.3 s of
/// pauses in a 21 s run; at a million, 1,080 of them (docs/performance.md, thirteenth round).
/// </para>
/// <para>
/// Only arrays of <see cref="SmallestPooled"/> bytes or more are lent: a smaller file's array is young garbage the
/// collector clears for nothing. Arrays come in powers of two so that files of similar sizes share them. What is kept
/// between loans is bounded by <paramref name="keptBytes"/>: an array given back past it is dropped, so one folder of
/// large files cannot leave hundreds of megabytes behind. Lending and giving back may happen on any threads.
/// </para>
/// </remarks>
/// <param name="keptBytes">At most how many bytes of arrays wait to be lent again.</param>
public sealed class FileBuffers(long keptBytes = 64L * 1024 * 1024)
{
    /// <summary>The smallest array lent: below the large-object heap's threshold of 85,000 bytes an array of its own costs nothing worth saving.</summary>
    public const int SmallestPooled = 64 * 1024;

    /// <summary>The largest array lent; a file longer than this gets an array of its own, as the rare case it is.</summary>
    public const int LargestPooled = 64 * 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly Stack<byte[]>[] _free = [.. Enumerable.Range(0, Bucket(LargestPooled) + 1).Select(_ => new Stack<byte[]>())];
    private long _kept;

    /// <summary>How many bytes of arrays wait to be lent again.</summary>
    public long KeptBytes
    {
        get
        {
            lock (_lock)
            {
                return _kept;
            }
        }
    }

    /// <summary>An array of at least <paramref name="length"/> bytes: lent when the length is one this pool lends (the caller gives it back with <see cref="Return"/>), or one of its own, exactly as long, when not (<paramref name="lent"/> false).</summary>
    public byte[] Rent(int length, out bool lent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        lent = length is >= SmallestPooled and <= LargestPooled;
        if (!lent)
        {
            return GC.AllocateUninitializedArray<byte>(length);
        }
        var bucket = Bucket(length);
        lock (_lock)
        {
            if (_free[bucket].TryPop(out var array))
            {
                _kept -= array.Length;
                return array;
            }
        }
        // Every byte the file has is read into it, and nothing past the file's length is ever read.
        return GC.AllocateUninitializedArray<byte>(SmallestPooled << bucket);
    }

    /// <summary>Gives back an array <see cref="Rent"/> lent; nothing may read or write it after this.</summary>
    public void Return(byte[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length < SmallestPooled || array.Length > LargestPooled || !int.IsPow2(array.Length))
        {
            throw new ArgumentException("the array was not lent by this pool", nameof(array));
        }
        lock (_lock)
        {
            if (_kept + array.Length <= keptBytes)
            {
                _free[Bucket(array.Length)].Push(array);
                _kept += array.Length;
            }
        }
    }

    /// <summary>The bucket of arrays of the power of two at or above <paramref name="length"/>: 0 for 64 KiB, 1 for 128 KiB, and so on.</summary>
    private static int Bucket(int length) =>
        Math.Max(0, System.Numerics.BitOperations.Log2((uint)Math.Max(length, 1) - 1) + 1 - System.Numerics.BitOperations.Log2(SmallestPooled));
}
