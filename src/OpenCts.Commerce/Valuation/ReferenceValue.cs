namespace OpenCts.Commerce.Valuation;

/// <summary>Which history a reference value was learned from, from the most to the least specific.</summary>
public enum ReferenceLevel
{
    /// <summary>The same HS subheading (6 digits) from the same origin country.</summary>
    SubheadingAndOrigin,

    /// <summary>The same HS subheading, any origin.</summary>
    Subheading,

    /// <summary>The same HS heading (4 digits), any origin.</summary>
    Heading,
}

/// <summary>The robust statistics of past unit values (national currency per kilogram) under one key.</summary>
/// <param name="Level">Which history they come from.</param>
/// <param name="Key">The code (and origin) of that history, such as <c>851762/CN</c>, <c>851762</c> or <c>8517</c>.</param>
/// <param name="Count">Lines observed under the key.</param>
/// <param name="SampleSize">Unit values the statistics are computed on (at most the reservoir's size).</param>
/// <param name="Median">The median unit value: the reference value.</param>
/// <param name="P5">The 5th percentile.</param>
/// <param name="P25">The 25th percentile.</param>
/// <param name="P75">The 75th percentile.</param>
/// <param name="P95">The 95th percentile.</param>
/// <param name="Mad">The median absolute deviation from the median (unscaled).</param>
public sealed record ReferenceValue(
    ReferenceLevel Level,
    string Key,
    long Count,
    int SampleSize,
    double Median,
    double P5,
    double P25,
    double P75,
    double P95,
    double Mad);
