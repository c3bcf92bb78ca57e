using OpenCts.Domain.Watchlists;
using OpenCts.Screening.Matching;

namespace OpenCts.Screening.Tests.Matching;

public sealed class AllowListTests
{
    private static readonly WatchlistEntry Ricci = new("ofac-sdn", "100", SubjectKind.Person, "RICCI, Mario");
    private static readonly WatchlistEntry Other = new("un-consolidated", "QDi.900", SubjectKind.Person, "Mario RICCI");
    private static readonly ScreeningIndex Index = ScreeningIndex.Build([Ricci, Other]);

    private static readonly AllowListEntry Decision = new(
        "Mario Ricci", "ofac-sdn", "100", "officer 4711", "date of birth differs; trader known since 2009", new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AnAllowedPairIsMarkedAndNoLongerAlertsButOtherEntriesStillDo()
    {
        var options = new ScreeningOptions(AllowList: new AllowList([Decision]));

        var result = Index.Screen("MARIO RICCI", options);

        var allowed = Assert.Single(result.Hits, h => h.EntryId == "100");
        Assert.Equal(Decision, allowed.AllowedBy);
        Assert.Contains("officer 4711", allowed.Explain(), StringComparison.Ordinal);
        var other = Assert.Single(result.Hits, h => h.EntryId == "QDi.900");
        Assert.Null(other.AllowedBy);
        Assert.True(result.Alert);
    }

    [Fact]
    public void TheAllowListCoversOnlyItsOwnParty()
    {
        var options = new ScreeningOptions(AllowList: new AllowList([Decision]), List: "ofac-sdn");

        Assert.False(Index.Screen("Ricci, Mario", options).Alert);
        Assert.True(Index.Screen("Mario Riccio", options).Alert);
    }
}
