using CsCheck;
using Microsoft.Extensions.Time.Testing;
using OpenCts.Bench.Quality.Profiles;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Profiles;
using OpenCts.Ingestion.Samples;
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

    // Criteria an analyst combines, most of them guards the index keys on: values, prefixes, lists, countries, bounds.
    private static readonly string[] Atoms =
    [
        "consignor.country in [\"CN\", \"HK\"]", "consignor.country == \"vn\"", "consignor.country in [\"IN\", \"TR\", \"US\", \"DE\"]",
        "finalDestination.country == \"NL\"", "mode == \"Sea\"", "mode == \"air\"", "direction == \"Import\"",
        "passesThrough(\"PA\")", "\"CN\" in route", "totalValue > 20000", "totalValue < 5000",
        "any goods: goods.hs startsWith \"85\"", "any goods: goods.hs startsWith [\"8517\", \"9401\", \"6109\"]",
        "any goods: goods.hs4 == \"0803\"", "any goods: goods.origin in [\"CN\", \"vn\"]", "any goods: goods.grossMass > 5000",
        "any goods: goods.hs startsWith \"8\" and goods.origin == \"CN\"", "any goods: goods.hs6 == \"851713\" and goods.valuePerKg < 50",
        "consignee.name contains \"a\"", "(mode == \"Sea\" or consignor.country == \"CN\")",
    ];

    [Fact]
    public void RandomConjunctionsOfGuardsMeetTheSameThroughTheIndexAsWithout()
    {
        var consignments = new SampleGenerator(21, new SampleOptions(Start, RiskShare: 0.3)).Generate(300);
        var criteria = Gen.Int[0, Atoms.Length - 1].Array[1, 3].Select(picks => string.Join(" and ", picks.Select(p => $"({Atoms[p]})")));
        criteria.Array[20, 80].Sample(mix =>
        {
            var profiles = mix.Select((text, i) => new RiskProfile($"P-{i}", $"profile {i}", ThreatCategory.Other, text, 10, ProfileAction.YellowLane, "test"));
            var set = new CompiledProfileSet(profiles, clock: new FakeTimeProvider(Start));
            var context = set.NewContext().At(Start);
            foreach (var consignment in consignments)
            {
                Assert.Equal(set.Profiles.Count(p => p.Criteria.Matches(consignment, context)), set.CountHits(consignment, context));
            }
        }, iter: 40);
    }
}
