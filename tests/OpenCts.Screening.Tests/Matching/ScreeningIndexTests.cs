using OpenCts.Domain.Consignments;
using OpenCts.Domain.Watchlists;
using OpenCts.Screening.Matching;

namespace OpenCts.Screening.Tests.Matching;

public sealed class ScreeningIndexTests
{
    private static readonly WatchlistEntry Haniya = new(
        "ofac-cons", "9639", SubjectKind.Person, "HANIYA, Ismail Abdul Salah", Aliases: ["HANIYYA, Ismaeel"]);

    private static readonly WatchlistEntry Shipping = new(
        "ofac-sdn", "15129", SubjectKind.Organisation, "HODA SHIPPING COMPANY LIMITED");

    private static readonly WatchlistEntry Vessel = new(
        "ofac-sdn", "9001", SubjectKind.Vessel, "SEA STAR", Identifiers: [new PartyIdentifier("IMO", "9187629")]);

    private static readonly WatchlistEntry Trading = new(
        "user", "U-1", SubjectKind.Organisation, "ATLAS GENERAL TRADING LLC", Identifiers: [new PartyIdentifier("CONTAINER", "MSCU1234565"), new PartyIdentifier("TIN", "12-345 678")]);

    private static readonly ScreeningIndex Index = ScreeningIndex.Build([Haniya, Shipping, Vessel, Trading]);

    [Fact]
    public void ScreeningFindsAnAliasWithItsWordsReordered()
    {
        var result = Index.Screen("Ismaeel Haniyya");

        var hit = Assert.Single(result.Hits);
        Assert.True(result.Alert);
        Assert.Equal("9639", hit.EntryId);
        Assert.True(hit.MatchedAlias);
        Assert.Equal("HANIYYA, Ismaeel", hit.MatchedName);
        Assert.Equal(1.0, hit.Score, 3);
    }

    [Fact]
    public void ATypoInTheFirstLetterStillFindsTheName()
    {
        var result = Index.Screen("Ismail Abdul Salah Xaniya");

        Assert.True(result.Alert);
        var match = Assert.Single(result.Hits[0].Matches, m => m.ListedToken == "haniya");
        Assert.Equal("xaniya", match.QueryToken);
        Assert.InRange(match.Similarity, 0.84, 0.99);
    }

    [Fact]
    public void AShortWordOneLetterShortOfTheListedOneStillFindsTheName()
    {
        var index = ScreeningIndex.Build([new WatchlistEntry("user", "NWL-8", SubjectKind.Person, "Amir Reza Karimi")]);

        var result = index.Screen("Amir Rez Karimi");

        Assert.True(result.Alert);
        var match = Assert.Single(result.Hits[0].Matches, m => m.ListedToken == "reza");
        Assert.Equal("rez", match.QueryToken);
    }

    [Fact]
    public void TheExplanationSaysWhichTokensMatchedAndWhichDidNot()
    {
        var result = Index.Screen("Hoda Shiping Co. Ltd. Dubai");

        var hit = result.Hits[0];
        Assert.Equal("15129", hit.EntryId);
        Assert.Contains(hit.Matches, m => m is { QueryToken: "shiping", ListedToken: "shipping" });
        Assert.Contains(hit.Matches, m => m is { QueryToken: "hoda", ListedToken: "hoda", Similarity: 1 });
        Assert.True(hit.UnmatchedQueryTokens.SequenceEqual(["co", "ltd", "dubai"]), hit.Explain());
        Assert.Contains("ofac-sdn 15129", hit.Explain(), StringComparison.Ordinal);
        Assert.False(result.Alert);
    }

    [Fact]
    public void ADroppedMiddleNameCostsLessThanAnExtraWord()
    {
        var dropped = Index.Screen("Ismail Salah Haniya").BestScore;
        var extra = Index.Screen("Ismail Abdul Salah Haniya Gonzalez").BestScore;

        Assert.True(dropped >= ScreeningOptions.DefaultAlertThreshold, $"dropped {dropped}");
        Assert.True(extra < dropped, $"extra {extra}, dropped {dropped}");
    }

    [Fact]
    public void AnUnrelatedNameGivesNoHit() =>
        Assert.Empty(Index.Screen("Northern Star Logistics GmbH").Hits);

    [Fact]
    public void ScreeningOneListLeavesTheOthersOut()
    {
        Assert.NotEmpty(Index.Screen("Hoda Shipping", new ScreeningOptions(List: "ofac-sdn")).Hits);
        Assert.Empty(Index.Screen("Hoda Shipping", new ScreeningOptions(List: "un-consolidated")).Hits);
    }

    [Fact]
    public void BestScoreAgreesWithTheScoreOfTheBestHit()
    {
        foreach (var name in (string[])["Ismaeel Haniyya", "Hoda Shiping", "Atlas Trading", "Nobody At All"])
        {
            var hits = Index.Screen(name).Hits;
            Assert.Equal(hits.Count == 0 ? 0 : hits[0].Score, Index.BestScore(name), tolerance: 0.0001);
        }
    }

    [Theory]
    [InlineData("IMO", "IMO 9187629", "9001")]
    [InlineData("IMO", "9187629", "9001")]
    [InlineData(null, "imo9187629", "9001")]
    [InlineData("container", "mscu 123456-5", "U-1")]
    [InlineData("TIN", "12345678", "U-1")]
    public void IdentifiersMatchExactlyWhateverTheirSpacingAndCase(string? scheme, string value, string entryId)
    {
        var hit = Assert.Single(Index.ScreenIdentifier(scheme, value));
        Assert.Equal(entryId, hit.Entry.Id);
    }

    [Fact]
    public void AnIdentifierOfAnotherSchemeDoesNotMatch()
    {
        Assert.Empty(Index.ScreenIdentifier("TIN", "9187629"));
        Assert.Empty(Index.ScreenIdentifier("IMO", "9187620"));
    }

    [Fact]
    public void ScreeningFromManyThreadsGivesTheSameResultsAsFromOne()
    {
        string[] names = ["Ismaeel Haniyya", "Hoda Shiping Co", "Atlas General Trading", "Sea Star", "Nobody", "Ismail Haniya"];
        var expected = names.Select(n => Index.Screen(n)).ToArray();
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var n = i % names.Length;
            var actual = Index.Screen(names[n]);
            Assert.Equal(expected[n].Hits.Select(h => (h.EntryId, h.Score)), actual.Hits.Select(h => (h.EntryId, h.Score)));
        });
    }
}

public sealed class JoinedAndSplitWordTests
{
    private static readonly ScreeningIndex Index = ScreeningIndex.Build(
    [
        new WatchlistEntry("un-consolidated", "QDi.500", SubjectKind.Person, "ABDUL RAHMAN AL HASAN"),
        new WatchlistEntry("ofac-sdn", "777", SubjectKind.Person, "ABDULRAHMAN ALHASSAN, Karim"),
        new WatchlistEntry("ofac-sdn", "778", SubjectKind.Person, "KIM, Song Il"),
    ]);

    [Fact]
    public void WordsWrittenTogetherFindANameListedApart()
    {
        var hit = Assert.Single(Index.Screen("Abdulrahman Alhasan").Hits, h => h.EntryId == "QDi.500");

        Assert.True(hit.Score >= ScreeningOptions.DefaultAlertThreshold, hit.Explain());
        Assert.Contains(hit.Matches, m => m.QueryToken == "rahman");
    }

    [Fact]
    public void WordsWrittenApartFindANameListedTogether()
    {
        var hit = Assert.Single(Index.Screen("Karim Abdul Rahman Al Hassan").Hits, h => h.EntryId == "777");

        Assert.True(hit.Score >= ScreeningOptions.DefaultAlertThreshold, hit.Explain());
        Assert.Contains(hit.Matches, m => m.QueryToken == "abdulrahman");
    }

    [Fact]
    public void AKoreanGivenNameWrittenInOneWordIsFound() =>
        Assert.True(Index.Screen("Kim Songil").Alert);
}
