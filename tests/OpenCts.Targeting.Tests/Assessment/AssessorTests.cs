using Microsoft.Extensions.Time.Testing;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Profiles;
using OpenCts.Domain.Traders;
using OpenCts.Domain.Watchlists;
using OpenCts.Screening.Matching;
using OpenCts.Targeting.Assessment;
using OpenCts.Targeting.Catalog;
using OpenCts.Targeting.Profiles.Compilation;

using OpenCts.Tests.Shared;

namespace OpenCts.Targeting.Tests.Assessment;

public class AssessorTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero));

    private static RiskProfile Profile(string id, string criteria, double weight, ProfileAction action = ProfileAction.YellowLane) =>
        new(id, id, ThreatCategory.Narcotics, criteria, weight, action, "tests");

    private static Assessor Assessor(IEnumerable<RiskProfile> profiles, IEnumerable<WatchlistEntry>? listed = null, IEnumerable<TrustedTrader>? traders = null, AssessmentSettings? settings = null)
    {
        settings ??= new AssessmentSettings(RandomSelectionRates: new Dictionary<Lane, double>());
        var entries = (listed ?? []).ToList();
        var screening = entries.Count == 0 ? null : new PartyScreening(ScreeningIndex.Build(entries), new AllowList([]), settings.WatchlistWeight);
        var compiled = new CompiledProfileSet(profiles, null, Clock, screening is null ? null : new PartyScreeningFunction(screening));
        return new Assessor(compiled, screening, new TrustedTraderRegister(traders ?? []), null, settings, Clock);
    }

    [Fact]
    public void ProfileWeightsAddUpAndTheLaneFollowsTheThresholds()
    {
        var assessor = Assessor([Profile("A", "mode == \"Sea\"", 30), Profile("B", "any goods: goods.hs4 == \"0803\"", 25), Profile("C", "mode == \"Air\"", 50)]);
        var assessment = assessor.Assess(SampleConsignments.Sample());
        Assert.Equal(55, assessment.Score);
        Assert.Equal(Lane.Yellow, assessment.Lane);
        Assert.Equal(["A", "B"], assessment.Reasons.Select(r => r.Code).Order());
        Assert.All(assessment.Reasons, r => Assert.NotEmpty(r.Evidence));
    }

    [Fact]
    public void ARedLaneActionSendsAConsignmentToRedWhateverItsScore()
    {
        var assessment = Assessor([Profile("A", "mode == \"Sea\"", 5, ProfileAction.RedLane)]).Assess(SampleConsignments.Sample());
        Assert.Equal(5, assessment.Score);
        Assert.Equal(Lane.Red, assessment.Lane);
    }

    [Fact]
    public void ATrustedTraderGetsItsScoreLowered()
    {
        var consignment = SampleConsignments.Sample() with
        {
            Parties = [new Party(PartyRole.Consignee, "Delta Foods B.V.", identifiers: [new PartyIdentifier("EORI", "NL123")])],
        };
        var traders = new[] { new TrustedTrader("EORI", "NL123", "Delta Foods B.V.", "AEO-F", null, null) };
        var assessment = Assessor([Profile("A", "mode == \"Sea\"", 50)], traders: traders).Assess(consignment);
        Assert.Equal(25, assessment.Score);
        Assert.Equal(Lane.Green, assessment.Lane);
        Assert.Contains(assessment.Reasons, r => r.Kind == ReasonKind.TrustedTrader && r.Score == -25);
    }

    [Fact]
    public void AnExpiredAuthorisationGivesNoFacilitation()
    {
        var consignment = SampleConsignments.Sample() with { Parties = [new Party(PartyRole.Consignee, "Delta", identifiers: [new PartyIdentifier("EORI", "NL123")])] };
        var traders = new[] { new TrustedTrader("EORI", "NL123", "Delta", "AEO-F", null, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) };
        Assert.Equal(50, Assessor([Profile("A", "mode == \"Sea\"", 50)], traders: traders).Assess(consignment).Score);
    }

    [Fact]
    public void AWatchListHitIsNeverHiddenByTrustedTraderFacilitation()
    {
        var consignment = SampleConsignments.Sample() with
        {
            Parties = [new Party(PartyRole.Consignee, "Golden Crescent Import Export", identifiers: [new PartyIdentifier("EORI", "NL123")])],
        };
        var listed = new[] { new WatchlistEntry("national", "N-1", SubjectKind.Organisation, "Golden Crescent Import Export") };
        var traders = new[] { new TrustedTrader("EORI", "NL123", "Golden Crescent", "AEO-F", null, null) };
        var assessment = Assessor([], listed, traders).Assess(consignment);
        Assert.Contains(assessment.Reasons, r => r.Kind == ReasonKind.Watchlist && r.Code == "national:N-1");
        Assert.DoesNotContain(assessment.Reasons, r => r.Kind == ReasonKind.TrustedTrader);
        Assert.Equal(Lane.Red, assessment.Lane);
    }

    [Fact]
    public void RandomSelectionPicksAboutItsRateAndTheSameConsignmentsForTheSameSeed()
    {
        var consignments = new OpenCts.Ingestion.Samples.SampleGenerator(9).Generate(4000);
        var settings = new AssessmentSettings(RandomSelectionRates: new Dictionary<Lane, double> { [Lane.Green] = 0.05 }, RandomSeed: 42);
        HashSet<string> Picked(AssessmentSettings s)
        {
            var assessor = Assessor([], settings: s);
            return consignments.Select(assessor.Assess).Where(a => a.Reasons.Any(r => r.Kind == ReasonKind.RandomSelection)).Select(a => a.DocumentKey).ToHashSet();
        }
        var first = Picked(settings);
        Assert.InRange(first.Count, 140, 260);
        Assert.Equal(first, Picked(settings));
        Assert.NotEqual(first, Picked(settings with { RandomSeed = 43 }));
    }
}
