using System.Text.Json;
using OpenCts.Domain.Watchlists;
using OpenCts.Screening.Matching;

namespace OpenCts.Screening.Tests.Matching;

public sealed class ScreeningJsonTests
{
    private static readonly ScreeningIndex Index = ScreeningIndex.Build(
    [
        new WatchlistEntry("ofac-sdn", "306", SubjectKind.Organisation, "BANCO NACIONAL DE CUBA", Aliases: ["NATIONAL BANK OF CUBA"]),
        new WatchlistEntry("un-consolidated", "QDi.001", SubjectKind.Person, "Mario RICCI"),
    ]);

    [Fact]
    public void ALineCarriesTheQueryTheAlertAndEachHitWithListIdNameAndScore()
    {
        using var json = JsonDocument.Parse(ScreeningJson.Line(Index.Screen("National Bank of Cuba")));
        var root = json.RootElement;

        Assert.Equal("National Bank of Cuba", root.GetProperty("query").GetString());
        Assert.True(root.GetProperty("alert").GetBoolean());
        var hit = Assert.Single(root.GetProperty("hits").EnumerateArray());
        Assert.Equal("ofac-sdn", hit.GetProperty("list").GetString());
        Assert.Equal("306", hit.GetProperty("id").GetString());
        Assert.Equal("BANCO NACIONAL DE CUBA", hit.GetProperty("name").GetString());
        Assert.Equal(1.0, hit.GetProperty("score").GetDouble());
        Assert.Equal("NATIONAL BANK OF CUBA", hit.GetProperty("matched").GetString());
        Assert.False(hit.TryGetProperty("allowedBy", out _));
    }

    [Fact]
    public void ANameWithoutHitsGivesAnEmptyListAndNoAlert() =>
        Assert.Equal("""{"query":"Nobody","alert":false,"hits":[]}""", ScreeningJson.Line(Index.Screen("Nobody")));

    [Fact]
    public void AnAllowedHitSaysWhoAllowedItAndWhy()
    {
        var allow = new AllowList([new AllowListEntry("Mario Ricci", "un-consolidated", "QDi.001", "officer 4711", "other person", DateTimeOffset.UnixEpoch)]);

        using var json = JsonDocument.Parse(ScreeningJson.Line(Index.Screen("Mario Ricci", new ScreeningOptions(AllowList: allow))));

        Assert.False(json.RootElement.GetProperty("alert").GetBoolean());
        var allowed = json.RootElement.GetProperty("hits")[0].GetProperty("allowedBy");
        Assert.Equal("officer 4711", allowed.GetProperty("by").GetString());
    }
}
