using System.Globalization;
using OpenCts.Domain.Values;

namespace OpenCts.Commerce.Valuation;

/// <summary>Reference unit values learned from history: per HS subheading and origin, falling back to the subheading from any origin, then the heading.</summary>
/// <remarks>
/// A unit value is the declared value in the national currency per kilogram (net mass when given, else gross). Each
/// observation goes into three keys (HS6 and origin, HS6, HS4), each holding a <see cref="UnitValueSample"/> of bounded
/// size, so memory grows with the number of keys, never with the history. Below <see cref="MinimumHistory"/>
/// observations a key claims nothing and the next level is asked. Reads and writes take one lock; both are short
/// (a binary search, or an insertion into a sorted array of a few hundred values).
/// The application asks <see cref="Percentile(string, string?, double)"/> for a line, then <see cref="Observe(string, string?, double)"/> it,
/// so that a line is never compared with itself.
/// </remarks>
public sealed partial class ReferenceValues
{
    /// <summary>The default minimum of past lines before a key claims a reference value.</summary>
    public const int DefaultMinimumHistory = 20;

    /// <summary>The default reservoir size per key.</summary>
    public const int DefaultSampleSize = 256;

    private readonly Dictionary<long, UnitValueSample> _samples = [];
    private readonly Lock _gate = new();

    public ReferenceValues(int minimumHistory = DefaultMinimumHistory, int sampleSize = DefaultSampleSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumHistory, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, minimumHistory);
        MinimumHistory = minimumHistory;
        SampleSize = sampleSize;
    }

    /// <summary>Reference values with the history thresholds of an administration's settings.</summary>
    public ReferenceValues(CommerceSettings settings)
        : this(settings?.MinimumHistory ?? DefaultMinimumHistory, settings?.SampleSize ?? DefaultSampleSize)
    {
    }

    /// <summary>Past lines needed under a key before it claims a reference value.</summary>
    public int MinimumHistory { get; }

    /// <summary>Unit values kept per key.</summary>
    public int SampleSize { get; }

    /// <summary>Keys (HS6 and origin, HS6, HS4) with at least one observation.</summary>
    public int Keys
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count;
            }
        }
    }

    /// <summary>Learns one line's unit value; a code that is not 6 digits or more, or a value that is not a positive finite number, is ignored.</summary>
    public void Observe(HsCode hs, CountryCode? origin, double unitValue) => Observe(hs.Value, origin?.Value, unitValue);

    /// <inheritdoc cref="Observe(HsCode, CountryCode?, double)"/>
    public void Observe(string hs6, string? origin, double unitValue)
    {
        if (!double.IsFinite(unitValue) || unitValue <= 0 || !TryDigits(hs6, 6, out var subheading))
        {
            return;
        }
        var heading = subheading / 100;
        var country = Country(origin);
        lock (_gate)
        {
            if (country != 0)
            {
                Sample(Key(subheading, 6, country)).Add(unitValue);
            }
            Sample(Key(subheading, 6, 0)).Add(unitValue);
            Sample(Key(heading, 4, 0)).Add(unitValue);
        }
    }

    /// <summary>Where a unit value falls among past ones of the most specific key with enough history, 0 to 100; NaN without enough history.</summary>
    public double Percentile(HsCode hs, CountryCode? origin, double unitValue) => Percentile(hs.Value, origin?.Value, unitValue);

    /// <inheritdoc cref="Percentile(HsCode, CountryCode?, double)"/>
    public double Percentile(string hs6, string? origin, double unitValue)
    {
        if (double.IsNaN(unitValue) || !TryDigits(hs6, 6, out var subheading))
        {
            return double.NaN;
        }
        lock (_gate)
        {
            return Find(subheading, Country(origin), out _) is { } sample ? sample.Percentile(unitValue) : double.NaN;
        }
    }

    /// <summary>The percentile of a unit value and the median it is measured against, in one lookup; both NaN without enough history.</summary>
    public double Percentile(string hs6, string? origin, double unitValue, out double median)
    {
        median = double.NaN;
        if (!TryDigits(hs6, 6, out var subheading))
        {
            return double.NaN;
        }
        lock (_gate)
        {
            if (Find(subheading, Country(origin), out _) is not { } sample)
            {
                return double.NaN;
            }
            median = sample.Quantile(0.5);
            return double.IsNaN(unitValue) ? double.NaN : sample.Percentile(unitValue);
        }
    }

    /// <summary>The median unit value of the most specific key with enough history; NaN without enough history.</summary>
    public double Median(string hs6, string? origin)
    {
        if (!TryDigits(hs6, 6, out var subheading))
        {
            return double.NaN;
        }
        lock (_gate)
        {
            return Find(subheading, Country(origin), out _) is { } sample ? sample.Quantile(0.5) : double.NaN;
        }
    }

    /// <summary>The statistics of the most specific key with enough history, or null.</summary>
    public ReferenceValue? Lookup(HsCode hs, CountryCode? origin) => Lookup(hs.Value, origin?.Value);

    /// <inheritdoc cref="Lookup(HsCode, CountryCode?)"/>
    public ReferenceValue? Lookup(string hs6, string? origin)
    {
        if (!TryDigits(hs6, 6, out var subheading))
        {
            return null;
        }
        var country = Country(origin);
        double[] values;
        long count;
        ReferenceLevel level;
        lock (_gate)
        {
            if (Find(subheading, country, out level) is not { } sample)
            {
                return null;
            }
            values = sample.Sorted.ToArray();
            count = sample.Count;
        }
        var median = UnitValueSample.Quantile(values, 0.5);
        var deviations = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            deviations[i] = Math.Abs(values[i] - median);
        }
        Array.Sort(deviations);
        var key = level switch
        {
            ReferenceLevel.SubheadingAndOrigin => string.Create(CultureInfo.InvariantCulture, $"{subheading:D6}/{origin!.Trim().ToUpperInvariant()}"),
            ReferenceLevel.Subheading => subheading.ToString("D6", CultureInfo.InvariantCulture),
            _ => (subheading / 100).ToString("D4", CultureInfo.InvariantCulture),
        };
        return new ReferenceValue(
            level, key, count, values.Length, median,
            UnitValueSample.Quantile(values, 0.05), UnitValueSample.Quantile(values, 0.25),
            UnitValueSample.Quantile(values, 0.75), UnitValueSample.Quantile(values, 0.95),
            UnitValueSample.Quantile(deviations, 0.5));
    }

    private UnitValueSample? Find(int subheading, int country, out ReferenceLevel level)
    {
        if (country != 0 && _samples.TryGetValue(Key(subheading, 6, country), out var exact) && exact.Count >= MinimumHistory)
        {
            level = ReferenceLevel.SubheadingAndOrigin;
            return exact;
        }
        if (_samples.TryGetValue(Key(subheading, 6, 0), out var any) && any.Count >= MinimumHistory)
        {
            level = ReferenceLevel.Subheading;
            return any;
        }
        level = ReferenceLevel.Heading;
        return _samples.TryGetValue(Key(subheading / 100, 4, 0), out var heading) && heading.Count >= MinimumHistory ? heading : null;
    }

    private UnitValueSample Sample(long key)
    {
        if (!_samples.TryGetValue(key, out var sample))
        {
            // The key seeds its own generator, so a key's sample does not depend on what other keys saw.
            sample = new UnitValueSample(SampleSize, (ulong)key * 0x9E3779B97F4A7C15UL);
            _samples.Add(key, sample);
        }
        return sample;
    }

    private static long Key(int code, int digits, int country) => ((long)digits << 48) | ((long)code << 16) | (uint)country;

    /// <summary>The first <paramref name="digits"/> digits of a code as a number; dots and spaces as on documents are skipped.</summary>
    private static bool TryDigits(ReadOnlySpan<char> code, int digits, out int value)
    {
        value = 0;
        var taken = 0;
        foreach (var c in code)
        {
            if (taken == digits)
            {
                break;
            }
            if (char.IsAsciiDigit(c))
            {
                value = (value * 10) + (c - '0');
                taken++;
            }
            else if (c is not ('.' or ' '))
            {
                return false;
            }
        }
        return taken == digits;
    }

    /// <summary>Two ASCII letters packed into a number (0 for none or anything else).</summary>
    private static int Country(string? origin)
    {
        if (origin is null)
        {
            return 0;
        }
        var span = origin.AsSpan().Trim();
        if (span.Length != 2 || !char.IsAsciiLetter(span[0]) || !char.IsAsciiLetter(span[1]))
        {
            return 0;
        }
        return (char.ToUpperInvariant(span[0]) << 8) | char.ToUpperInvariant(span[1]);
    }
}
