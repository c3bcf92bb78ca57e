using Microsoft.Extensions.Time.Testing;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Profiles;
using OpenCts.Targeting.Profiles.Compilation;
using OpenCts.Targeting.Profiles.Syntax;
using static OpenCts.Targeting.Tests.Profiles.Consignments;

namespace OpenCts.Targeting.Tests.Profiles;

public sealed class ProfileSetTests
{
    private static RiskProfile Profile(string id, string criteria, ProfileStatus status = ProfileStatus.Active, DateTimeOffset? from = null, DateTimeOffset? to = null, int version = 1) =>
        new(id, $"Profile {id}", ThreatCategory.RevenueAndValuation, criteria, 30, ProfileAction.DocumentaryCheck, "revenue-unit", status, version, from, to);

    [Fact]
    public void AHitAddsAReasonWithTheProfilesVersionActionAndEvidence()
    {
        var set = new CompiledProfileSet([Profile("REV-001", "any goods: goods.hs6 == \"851713\" and goods.valuePerKg < 20", version: 3)], clock: new FakeTimeProvider(Now));
        var reasons = new List<Reason>();

        set.Evaluate(Phones(valuePerKg: 12), reasons);

        var reason = Assert.Single(reasons);
        Assert.Equal(
            new Reason(ReasonKind.Profile, "REV-001", "Profile REV-001", 30, "RevenueAndValuation: DocumentaryCheck",
                [new Evidence("goods.hs6 == \"851713\"", "goods[1].hs6", "851713"), new Evidence("goods.valuePerKg < 20", "goods[1].valuePerKg", "12")],
                3, ProfileAction.DocumentaryCheck, ThreatCategory.RevenueAndValuation),
            reason);
    }

    [Fact]
    public void OnlyActiveProfilesInTheirValidityWindowHit()
    {
        var clock = new FakeTimeProvider(Now);
        const string criteria = "consignor.country == \"CN\"";
        var set = new CompiledProfileSet(
        [
            Profile("ACTIVE", criteria),
            Profile("DRAFT", criteria, ProfileStatus.Draft),
            Profile("RETIRED", criteria, ProfileStatus.Retired),
            Profile("EXPIRED", criteria, to: Now.AddDays(-1)),
            Profile("LATER", criteria, from: Now.AddDays(1)),
        ], clock: clock);
        var reasons = new List<Reason>();

        set.Evaluate(Phones(), reasons);
        clock.Advance(TimeSpan.FromDays(2));
        set.Evaluate(Phones(), reasons);

        Assert.Equal(["ACTIVE", "ACTIVE", "LATER"], reasons.Select(r => r.Code));
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void ABadProfileStopsTheSetWithItsIdAndPlace()
    {
        var error = Assert.Throws<ProfileException>(() => new CompiledProfileSet([Profile("OK", "mode == \"Sea\""), Profile("BAD-7", "mode == \"Sea\" and\n consigne.name == \"x\"")]));

        Assert.Equal("profile BAD-7: line 2, column 2: unknown field 'consigne.name'; did you mean 'consignee.name'?", error.Message);
    }

    [Fact]
    public void TheIndexRunsOnlyTheProfilesKeyedOnTheConsignmentsValues()
    {
        var set = new CompiledProfileSet(
        [
            Profile("HS", "any goods: goods.hs startsWith \"8517\" and goods.valuePerKg < 20"),
            Profile("OTHER-HS", "any goods: goods.hs4 == \"0803\""),
            Profile("ORIGIN", "consignor.country in [\"CO\", \"PE\"] and mode == \"Sea\""),
            Profile("ROUTE", "passesThrough(\"PA\") and totalValue > 1"),
            Profile("UNKEYED", "consignor.name contains \"Trading\""),
        ]);

        Assert.Equal(2, set.CountCandidates(Phones(), set.NewContext()));
        Assert.Equal(1, set.IndexStatistics.AlwaysRun);
        Assert.Equal(2, set.IndexStatistics.ByField["goods.hs"]);
    }
}
