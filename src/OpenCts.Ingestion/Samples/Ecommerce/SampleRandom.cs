namespace OpenCts.Ingestion.Samples.Ecommerce;

/// <summary>A small seeded random source (SplitMix64) that can be re-created for any one person, firm or ring from its number.</summary>
/// <remarks>
/// The generator keeps no table of the people it has made up: a repeat buyer's details are drawn again from the
/// buyer's number, which is what keeps a stream of a million parcels in constant memory.
/// </remarks>
internal sealed class SampleRandom(ulong state)
{
    private ulong _state = state;

    /// <summary>The source for one thing (<paramref name="stream"/> says what kind, <paramref name="id"/> which one) under a seed.</summary>
    public static SampleRandom For(int seed, ulong stream, long id)
    {
        var mixer = new SampleRandom(((ulong)(uint)seed << 32) ^ (stream * 0x9E3779B97F4A7C15UL) ^ (ulong)id);
        return new SampleRandom(mixer.NextULong() ^ (ulong)id);
    }

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="count"/>).</summary>
    public int Next(int count) => (int)(NextULong() % (ulong)count);

    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public int Next(int low, int high) => low + Next(high - low);

    public double Between(double low, double high) => low + NextDouble() * (high - low);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>A standard normal draw (Box-Muller).</summary>
    public double Normal() => Math.Sqrt(-2 * Math.Log(1 - NextDouble())) * Math.Cos(2 * Math.PI * NextDouble());

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
