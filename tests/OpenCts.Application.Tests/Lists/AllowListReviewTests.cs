using OpenCts.Application.Lists;
using OpenCts.Domain.Common;
using OpenCts.Domain.Watchlists;

namespace OpenCts.Application.Tests.Lists;

public class AllowListReviewTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<TestApplication> WithNationalListAsync()
    {
        var test = new TestApplication();
        await test.Application.Lists.LoadWatchlistsAsync(TestApplication.Sample("watchlists", "national-watchlist.csv"), Token);
        return test;
    }

    [Fact]
    public async Task ARequestWaitsForASupervisorAndChangesNothingInForceUntilAllowed()
    {
        await using var test = await WithNationalListAsync();
        var review = test.Application.AllowList;

        var request = await review.RequestAsync("Blue Sky Shipping Co", "national-watchlist", "NWL-0001", "ana", "a different company in Singapore, checked with the registry", Token);

        Assert.Equal(request, Assert.Single(await review.PendingAsync(Token)));
        Assert.Empty(await test.Store.Watchlists.AllowListAsync(Token));

        await review.ApproveAsync(request.Id, "sue", "registry extract seen", Token);

        Assert.Empty(await review.PendingAsync(Token));
        var allowed = Assert.Single(await test.Store.Watchlists.AllowListAsync(Token));
        Assert.Equal(("Blue Sky Shipping Co", "NWL-0001", "sue"), (allowed.PartyName, allowed.EntryId, allowed.DecidedBy));
        Assert.Equal("a different company in Singapore, checked with the registry (asked by ana; registry extract seen)", allowed.Why);
    }

    [Fact]
    public async Task TheOfficerWhoAskedCannotDecideTheirOwnRequest()
    {
        await using var test = await WithNationalListAsync();
        var review = test.Application.AllowList;
        var request = await review.RequestAsync("Blue Sky Shipping Co", "national-watchlist", "NWL-0001", "sue", "not the listed company", Token);

        var own = await Assert.ThrowsAsync<AllowListReviewException>(() => review.ApproveAsync(request.Id, "Sue", null, Token));

        Assert.Equal($"allow-list request {request.Id} was made by Sue: a second person must decide it", own.Message);
        Assert.Single(await review.PendingAsync(Token));
    }

    [Fact]
    public async Task ARefusedRequestClosesWithoutAllowingAndCanBeAskedAgain()
    {
        await using var test = await WithNationalListAsync();
        var review = test.Application.AllowList;
        var first = await review.RequestAsync("Kaveh Industrial", "national-watchlist", "NWL-0003", "tom", "same name, other city", Token);

        await review.RefuseAsync(first.Id, "sam", "the address matches", Token);

        Assert.Empty(await review.PendingAsync(Token));
        Assert.Empty(await test.Store.Watchlists.AllowListAsync(Token));
        var again = await review.RequestAsync("Kaveh Industrial", "national-watchlist", "NWL-0003", "tom", "new evidence: a different registration", Token);
        Assert.True(again.Id > first.Id);
        await Assert.ThrowsAsync<AllowListReviewException>(() => review.RefuseAsync(first.Id, "sam", null, Token));
    }

    [Fact]
    public async Task ARequestNamesAnEntryOfTheListAndIsNotAskedTwice()
    {
        await using var test = await WithNationalListAsync();
        var review = test.Application.AllowList;

        var unknown = await Assert.ThrowsAsync<DomainException>(() => review.RequestAsync("Acme", "national-watchlist", "NWL-9999", "tom", "not listed", Token));
        Assert.Equal("entryId", unknown.Field);
        await review.RequestAsync("Acme", "national-watchlist", "NWL-0002", "tom", "a bakery", Token);
        await Assert.ThrowsAsync<AllowListReviewException>(() => review.RequestAsync("ACME", "national-watchlist", "NWL-0002", "ana", "a bakery", Token));
    }

    [Fact]
    public async Task AnEntryAddedByHandIsANewVersionOfItsListAndIsScreened()
    {
        await using var test = await WithNationalListAsync();
        var before = (await test.Store.Watchlists.ListsAsync(Token)).Single(l => l.List == "national-watchlist");

        var change = await test.Application.Lists.AddEntryAsync(
            new WatchlistEntry("national-watchlist", "NWL-LOCAL-1", SubjectKind.Organisation, "Harbour Light Freight", Aliases: ["Harbor Light"]), "added by ana", Token);

        Assert.Equal((before.Entries + 1, 1, 0), (change.Entries, change.Added, change.Removed));
        var after = (await test.Store.Watchlists.ListsAsync(Token)).Single(l => l.List == "national-watchlist");
        Assert.Equal((before.Version + 1, "added by ana"), (after.Version, after.Source));
        Assert.Contains(await test.Store.Watchlists.EntriesAsync(Token), e => e.Id == "NWL-LOCAL-1" && e.Aliases.Contains("Harbor Light"));
    }
}
