using Microsoft.Extensions.Time.Testing;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Filing;
using OpenCts.Targeting.Profiles.Compilation;
using static OpenCts.Targeting.Tests.Profiles.Consignments;

namespace OpenCts.Targeting.Tests.Profiles;

public sealed class FilingFieldTests
{
    private static readonly ProfileCompiler Compiler = new(new ProfileEnvironment(new Dictionary<string, IReadOnlyCollection<string>>()));

    private static readonly EvaluationContext Context = new EvaluationContext(new FakeTimeProvider(Now), new ExactNameScreening()).At(Now);

    private static readonly DateTimeOffset Departure = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static bool Meets(string criteria, Consignment consignment) => Compiler.Compile(criteria).Matches(consignment, Context);

    private static Consignment Filed(TransportMode mode, double hoursBeforeDeparture, double flightHours = 10) =>
        Phones() with
        {
            Mode = mode,
            Departure = Departure,
            EstimatedArrival = Departure.AddHours(flightHours),
            Provenance = new Provenance("carrier", "m1", Departure.AddHours(-hoursBeforeDeparture)),
        };

    [Fact]
    public void HoursBeforeLoadingCountsFromReceiptToDeparture()
    {
        Assert.True(Meets("filing.hoursBeforeLoading == 30", Filed(TransportMode.Sea, 30)));
        Assert.True(Meets("filing.hoursBeforeLoading < 0", Filed(TransportMode.Sea, -2)));
    }

    [Fact]
    public void HoursBeforeLoadingIsMissingWithoutAReceiptOrADeparture()
    {
        var unsent = Filed(TransportMode.Sea, 30) with { Provenance = null };
        Assert.False(Meets("filing.hoursBeforeLoading > -1000", unsent));
        Assert.True(Meets("filing.late == false", unsent));
    }

    [Theory]
    [InlineData(25, false)]
    [InlineData(24, false)]
    [InlineData(23, true)]
    public void SeaCargoIsLateWhenFiledLessThan24HoursBeforeLoading(double hours, bool late) =>
        Assert.Equal(late, Meets("filing.late", Filed(TransportMode.Sea, hours)));

    [Fact]
    public void LongHaulAirIsDueBeforeLoadingAndItsEntrySummaryFourHoursBeforeArrival()
    {
        var deadline = FilingClock.DeadlineOf(Filed(TransportMode.Air, 1, flightHours: 10))!;
        Assert.Equal(FilingRules.AirLongHaul, deadline.Rule);
        Assert.Equal(Departure, deadline.PreLoadingDue);
        Assert.Equal(Departure.AddHours(6), deadline.EntrySummaryDue);
        Assert.False(Meets("filing.late", Filed(TransportMode.Air, 1)));
        Assert.True(Meets("filing.late", Filed(TransportMode.Air, -0.5)));
    }

    [Fact]
    public void ShortHaulAirIsDueAtDeparture()
    {
        var deadline = FilingClock.DeadlineOf(Filed(TransportMode.Air, 1, flightHours: 2))!;
        Assert.Equal(FilingRules.AirShortHaul, deadline.Rule);
        Assert.Equal(Departure, deadline.EntrySummaryDue);
    }

    [Fact]
    public void RoadIsDueOneHourBeforeArrivalAndRailTwo()
    {
        var road = Filed(TransportMode.Road, 0, flightHours: 5);
        Assert.Equal(Departure.AddHours(4), FilingClock.DeadlineOf(road)!.Due);
        Assert.Equal(Departure.AddHours(3), FilingClock.DeadlineOf(Filed(TransportMode.Rail, 0, flightHours: 5))!.Due);
        Assert.True(Meets("filing.late", road with { Provenance = road.Provenance! with { ReceivedAt = Departure.AddHours(4.5) } }));
    }

    [Fact]
    public void CounterpartMissingReadsTheFindingAddedWhenAssessing()
    {
        var house = Phones() with { DataQuality = [new DataQualityFinding("document.masterNumber", "MAEU1", DataQualityRules.CounterpartMissing, "no master filing")] };
        Assert.True(Meets("filing.counterpartMissing", house));
        Assert.False(Meets("filing.counterpartMissing", Phones()));
    }
}
