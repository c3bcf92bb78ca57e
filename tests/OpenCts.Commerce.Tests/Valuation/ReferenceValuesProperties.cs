using CsCheck;
using OpenCts.Commerce.Valuation;

namespace OpenCts.Commerce.Tests.Valuation;

public sealed class ReferenceValuesProperties
{
    [Fact]
    public void While_the_history_fits_in_the_sample_the_percentile_is_exact()
    {
        Gen.Select(Gen.Double[0.01, 1000].Array[20, 256], Gen.Double[0, 1100]).Sample((history, value) =>
        {
            var references = new ReferenceValues(minimumHistory: 20, sampleSize: 256);
            foreach (var unitValue in history)
            {
                references.Observe("851830", "CN", unitValue);
            }
            var expected = 100.0 * (history.Count(v => v < value) + (0.5 * history.Count(v => v == value))) / history.Length;
            return Math.Abs(references.Percentile("851830", "CN", value) - expected) < 1e-9;
        });
    }

    [Fact]
    public void The_percentile_never_falls_as_the_value_rises_and_stays_within_0_and_100()
    {
        Gen.Select(Gen.Double[0.01, 1000].Array[20, 2000], Gen.Double[0, 1100], Gen.Double[0, 1100]).Sample((history, a, b) =>
        {
            var references = new ReferenceValues(minimumHistory: 20, sampleSize: 64);
            foreach (var unitValue in history)
            {
                references.Observe("640411", null, unitValue);
            }
            var low = references.Percentile("640411", null, Math.Min(a, b));
            var high = references.Percentile("640411", null, Math.Max(a, b));
            return low <= high && low >= 0 && high <= 100;
        });
    }
}
