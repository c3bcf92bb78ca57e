using CsCheck;
using Microsoft.Extensions.Time.Testing;
using OpenCts.Ingestion.Samples;
using OpenCts.Targeting.Profiles.Benchmarking;
using OpenCts.Targeting.Profiles.Compilation;

namespace OpenCts.Targeting.Tests.Profiles;

public sealed class IndexTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheIndexedSetMeetsExactlyWhatEveryProfileRunOnItsOwnMeets()
    {
        var set = new CompiledProfileSet(ProfileMix.Generate(1000).Select(r => r.ToProfile()), clock: new FakeTimeProvider(Start));
        var context = set.NewContext().At(Start);
        var consignments = new SampleGenerator(5, new SampleOptions(Start, RiskShare: 0.2)).Generate(1500);
        var indexedHits = 0;
        var candidates = 0;
        foreach (var consignment in consignments)
        {
            var expected = set.Profiles.Count(p => p.Criteria.Matches(consignment, context));
            var actual = set.CountHits(consignment, context);
            Assert.Equal(expected, actual);
            indexedHits += actual;
            candidates += set.CountCandidates(consignment, context);
        }
        Assert.True(indexedHits > 0, "the mix should meet some consignments, or the comparison proves nothing");
        Assert.True(candidates < consignments.Count * set.Count / 5, $"the index should rule out most profiles, but ran {candidates / consignments.Count} per consignment");
    }

    [Fact]
    public void MostConsignmentsMeetNoProfileOfTheMix()
    {
        var set = new CompiledProfileSet(ProfileMix.Generate(1000).Select(r => r.ToProfile()), clock: new FakeTimeProvider(Start));
        var context = set.NewContext().At(Start);
        var consignments = new SampleGenerator(9, new SampleOptions(Start)).Generate(1000);

        var meetingNone = consignments.Count(c => set.CountHits(c, context) == 0);

        Assert.InRange(meetingNone, 600, 1000);
    }

    [Fact]
    public void AnyMixOfProfilesMeetsTheSameThroughTheIndexAsWithout()
    {
        var consignments = new SampleGenerator(13, new SampleOptions(Start, RiskShare: 0.3)).Generate(400);
        Gen.Int[1, 1_000_000].Sample(seed =>
        {
            var set = new CompiledProfileSet(ProfileMix.Generate(60, seed).Select(r => r.ToProfile()), clock: new FakeTimeProvider(Start));
            var context = set.NewContext().At(Start.AddHours(seed % 48));
            foreach (var consignment in consignments)
            {
                Assert.Equal(set.Profiles.Count(p => p.Criteria.Matches(consignment, context)), set.CountHits(consignment, context));
            }
        }, iter: 8);
    }
}
