using OpenCts.Screening.Matching;
using OpenCts.Screening.Quality;

namespace OpenCts.Screening.Tests.Quality;

public sealed class ScreeningQualityTests
{
    [Fact]
    public void VariantsOfListedNamesAlertAndOrdinaryNamesDoNot()
    {
        var entries = RealLists.Load.Entries;
        var variants = new VariantGenerator(seed: 20261128).Generate(entries, 3000);
        var ordinary = new OrdinaryNames(seed: 7).Generate(entries, 10_000);
        Assert.Equal(10_000, ordinary.Count);

        var report = QualityReport.Measure(RealLists.Index, variants, ordinary, ScreeningOptions.DefaultAlertThreshold);

        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine(report.ToString());
        foreach (var miss in report.Misses.Take(40))
        {
            output.WriteLine("miss: " + miss);
        }
        foreach (var alert in report.FalseAlertSamples.Take(40))
        {
            output.WriteLine("false alert: " + alert);
        }
        Assert.True(report.Recall >= 0.97, report.ToString());
        Assert.True(report.FalseAlertRate < 0.01, report.ToString());
    }
}
