namespace OpenCts.Commerce.Valuation;

/// <summary>A fixed-size uniform sample of the unit values seen under one key, kept sorted (reservoir sampling, Vitter's algorithm R).</summary>
/// <remarks>
/// Memory is bounded by the capacity whatever the history's length, and every past value had the same chance to be
/// kept, so the sample's quantiles estimate the history's (with K = 256, the median's rank is off by about 3 points of
/// percentile at worst in 19 cases of 20). A reservoir is a set: replacing the element at a random position of the
/// sorted array is the same draw as replacing a random slot, which keeps the array sorted for binary-search
/// percentiles. The generator is seeded per key, so the same history gives the same sample.
/// </remarks>
internal sealed class UnitValueSample
{
    private readonly double[] _sorted;
    private int _size;
    private ulong _random;

    public UnitValueSample(int capacity, ulong seed)
    {
        _sorted = new double[capacity];
        _random = seed | 1;
    }

    /// <summary>Values observed, kept or not.</summary>
    public long Count { get; private set; }

    /// <summary>Values kept.</summary>
    public int Size => _size;

    public ReadOnlySpan<double> Sorted => _sorted.AsSpan(0, _size);

    /// <summary>Writes the sample whole: its count, its generator's state and the values kept.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(Count);
        writer.Write(_random);
        writer.Write(_size);
        SnapshotFormat.WriteSpan<double>(writer, Sorted);
    }

    /// <summary>Reads a sample written by <see cref="Save"/> into a reservoir of <paramref name="capacity"/>; it goes on drawing as the original would.</summary>
    public static UnitValueSample Load(BinaryReader reader, int capacity, string what)
    {
        var sample = new UnitValueSample(capacity, 0) { Count = reader.ReadInt64(), _random = reader.ReadUInt64() };
        sample._size = reader.ReadInt32();
        // The reservoir fills to its capacity and then stays full; the generator never reaches 0 from an odd seed.
        if (sample.Count < 1 || sample._size != Math.Min(sample.Count, capacity) || sample._random == 0)
        {
            throw new InvalidDataException($"{what}: {sample._size} values kept of {sample.Count} seen in a reservoir of {capacity}, generator {sample._random}");
        }
        SnapshotFormat.ReadSpan(reader, sample._sorted.AsSpan(0, sample._size), what);
        return sample;
    }

    public void Add(double value)
    {
        Count++;
        if (_size < _sorted.Length)
        {
            Insert(value);
            return;
        }
        var slot = (long)(Next() % (ulong)Count);
        if (slot >= _sorted.Length)
        {
            return;
        }
        // Drop the element at a random position (uniform over the reservoir), then insert the new value in order.
        var drop = (int)(Next() % (ulong)_size);
        Array.Copy(_sorted, drop + 1, _sorted, drop, _size - drop - 1);
        _size--;
        Insert(value);
    }

    /// <summary>The share of kept values below <paramref name="value"/>, ties counted half, 0 to 100.</summary>
    public double Percentile(double value)
    {
        var span = Sorted;
        var below = LowerBound(span, value);
        var upTo = UpperBound(span, value);
        return 100.0 * (below + 0.5 * (upTo - below)) / span.Length;
    }

    /// <summary>The quantile <paramref name="q"/> (0 to 1) by linear interpolation between order statistics.</summary>
    public double Quantile(double q) => Quantile(Sorted, q);

    public static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    private void Insert(double value)
    {
        var at = UpperBound(_sorted.AsSpan(0, _size), value);
        Array.Copy(_sorted, at, _sorted, at + 1, _size - at);
        _sorted[at] = value;
        _size++;
    }

    private ulong Next()
    {
        // xorshift64*: fast, deterministic, good enough to pick slots.
        _random ^= _random >> 12;
        _random ^= _random << 25;
        _random ^= _random >> 27;
        return _random * 2685821657736338717UL;
    }

    private static int LowerBound(ReadOnlySpan<double> sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] < value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    private static int UpperBound(ReadOnlySpan<double> sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] <= value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }
}
