using OpenCts.Commerce.Valuation;

namespace OpenCts.Commerce.Tests.Valuation;

public sealed class ReferenceValuesTests
{
    [Fact]
    public void Nothing_is_claimed_below_the_minimum_history()
    {
        var references = new ReferenceValues(minimumHistory: 20);
        for (var i = 0; i < 19; i++)
        {
            references.Observe("851830", "CN", 50 + i);
        }

        Assert.True(double.IsNaN(references.Percentile("851830", "CN", 10)));
        Assert.Null(references.Lookup("851830", "CN"));
        references.Observe("851830", "CN", 70);
        Assert.Equal(0, references.Percentile("851830", "CN", 10));
    }

    [Fact]
    public void A_line_is_compared_with_the_history_before_it_not_with_itself()
    {
        var references = new ReferenceValues(minimumHistory: 20);
        for (var i = 1; i <= 100; i++)
        {
            references.Observe("610910", "BD", i);
        }

        var percentile = references.Percentile("610910", "BD", 1000);
        references.Observe("610910", "BD", 1000);

        Assert.Equal(100, percentile);
        Assert.Equal(100.0 * 50 / 101, references.Percentile("610910", "BD", 50.5), 6);
    }

    [Fact]
    public void A_new_origin_falls_back_to_the_subheading_from_any_origin_then_to_the_heading()
    {
        var references = new ReferenceValues(minimumHistory: 20);
        for (var i = 0; i < 30; i++)
        {
            references.Observe("851830", "CN", 40);
            references.Observe("851840", "JP", 400);
        }

        Assert.Equal(ReferenceLevel.SubheadingAndOrigin, references.Lookup("851830", "CN")!.Level);
        Assert.Equal("851830/CN", references.Lookup("851830", "CN")!.Key);
        Assert.Equal(ReferenceLevel.Subheading, references.Lookup("851830", "VN")!.Level);
        Assert.Equal(40, references.Lookup("851830", null)!.Median);
        var heading = references.Lookup("851890", "CN")!;
        Assert.Equal(ReferenceLevel.Heading, heading.Level);
        Assert.Equal("8518", heading.Key);
        Assert.Equal(60, heading.Count);
        Assert.Null(references.Lookup("851712", "CN"));
    }

    [Fact]
    public void The_statistics_of_a_long_history_are_close_to_the_truth_in_a_bounded_sample()
    {
        var references = new ReferenceValues(minimumHistory: 20, sampleSize: 256);
        var random = new Random(3);
        for (var i = 0; i < 50_000; i++)
        {
            references.Observe("640411", "VN", random.NextDouble() * 100);
        }

        var value = references.Lookup("640411", "VN")!;

        Assert.Equal(50_000, value.Count);
        Assert.Equal(256, value.SampleSize);
        Assert.InRange(value.Median, 43, 57);
        Assert.InRange(value.P5, 1, 10);
        Assert.InRange(value.P25, 18, 32);
        Assert.InRange(value.P75, 68, 82);
        Assert.InRange(value.P95, 90, 99);
        Assert.InRange(value.Mad, 18, 32);
        Assert.InRange(references.Percentile("640411", "VN", 10), 5, 15);
        Assert.Equal(3, references.Keys);
        Assert.Equal(references.Percentile("640411", "VN", 10), references.Percentile("640411", "VN", 10, out var median));
        Assert.Equal(value.Median, median);
    }

    [Fact]
    public void The_same_history_gives_the_same_sample()
    {
        ReferenceValue Learn()
        {
            var references = new ReferenceValues(20, 64);
            for (var i = 0; i < 5_000; i++)
            {
                references.Observe("420221", "IT", (i * 7919) % 1000);
            }
            return references.Lookup("420221", "IT")!;
        }

        Assert.Equal(Learn(), Learn());
    }

    [Fact]
    public void Unit_values_that_are_not_positive_finite_numbers_and_short_codes_teach_nothing()
    {
        var references = new ReferenceValues(minimumHistory: 1);
        references.Observe("851830", "CN", double.NaN);
        references.Observe("851830", "CN", 0);
        references.Observe("851830", "CN", double.PositiveInfinity);
        references.Observe("8518", "CN", 10);

        Assert.Equal(0, references.Keys);
        Assert.True(double.IsNaN(references.Percentile("8518", "CN", 10)));
    }

    [Fact]
    public void Codes_are_read_with_dots_and_more_than_six_digits()
    {
        var references = new ReferenceValues(minimumHistory: 1);
        references.Observe("8518.30.00.90", "cn", 10);

        Assert.Equal(10, references.Lookup("851830", "CN")!.Median);
    }
}
