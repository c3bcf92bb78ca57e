using OpenCts.Domain.Traders;
using OpenCts.Domain.Watchlists;
using OpenCts.Storage.Watchlists;

namespace OpenCts.Storage.Tests.Watchlists;

public class VersionedListsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task EachChangeOfAReferenceListIsANewJournaledVersionAndAnUnchangedLoadIsNot(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var first = await test.Store.Watchlists.SetReferenceListAsync("high-risk-origins", ["CO", "EC", "PE"], "origins.txt", Token);
        var same = await test.Store.Watchlists.SetReferenceListAsync("high-risk-origins", ["PE", "EC", "CO", "CO"], "origins.txt", Token);
        var second = await test.Store.Watchlists.SetReferenceListAsync("high-risk-origins", ["CO", "BO"], "origins-v2.txt", Token);

        Assert.Equal(new VersionChange("high-risk-origins", 1, 3, 0, false), first);
        Assert.Equal(new VersionChange("high-risk-origins", 1, 0, 0, true), same);
        Assert.Equal(new VersionChange("high-risk-origins", 2, 1, 2, false), second);
        var lists = await (await test.ReopenAsync()).Watchlists.ReferenceListsAsync(Token);
        Assert.Equal(["BO", "CO"], lists["high-risk-origins"].Order(StringComparer.Ordinal));
        Assert.Equal([("reference-list", "1"), ("reference-list", "2")], test.Journal.Records.Select(r => (r.Kind, r.Id)));
        Assert.Equal(test.Journal.Records[0].Canonical, await test.Store.ReadCanonicalAsync("reference-list", "1", Token));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task TheTrustedTraderRegisterIsVersionedAndJournaled(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var delta = new TrustedTrader("EORI", "NL123456789", "Delta Foods B.V.", "AEO-F", At.AddYears(-1), null);
        var andes = new TrustedTrader("EORI", "EC000111222", "Andes Fruits S.A.", "AEO-S", null, At.AddYears(1));
        var first = await test.Store.Watchlists.ReplaceTrustedTradersAsync([delta, andes], "aeo.csv", Token);
        var second = await test.Store.Watchlists.ReplaceTrustedTradersAsync([delta], "aeo.csv", Token);

        Assert.Equal(new VersionChange("trusted-traders", 1, 2, 0, false), first);
        Assert.Equal(new VersionChange("trusted-traders", 2, 0, 1, false), second);
        Assert.Equal([delta], await test.Store.Watchlists.TrustedTradersAsync(Token));
        Assert.Equal(["trusted-traders", "trusted-traders"], test.Journal.Records.Select(r => r.Kind));
        Assert.Equal(test.Journal.Records[1].Canonical, await test.Store.ReadCanonicalAsync("trusted-traders", test.Journal.Records[1].Id, Token));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task AnAllowListDecisionAndItsWithdrawalAreBothKeptAndJournaled(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var entry = new AllowListEntry("BANCO NACIONAL S.A.", "ofac-sdn", "306", "supervisor.ana", "different bank, other country", At);
        await test.Store.Watchlists.AllowAsync(entry, Token);
        Assert.Equal([entry], await test.Store.Watchlists.AllowListAsync(Token));

        Assert.True(await test.Store.Watchlists.DisallowAsync(entry.PartyName, entry.List, entry.EntryId, "supervisor.bo", "the bank was listed after all", Token));
        Assert.False(await test.Store.Watchlists.DisallowAsync(entry.PartyName, entry.List, entry.EntryId, "supervisor.bo", "again", Token));

        Assert.Empty(await test.Store.Watchlists.AllowListAsync(Token));
        Assert.Equal([("allow-list", "1"), ("allow-list", "2")], test.Journal.Records.Select(r => (r.Kind, r.Id)));
        var withdrawal = System.Text.Encoding.UTF8.GetString((await test.Store.ReadCanonicalAsync("allow-list", "2", Token))!);
        Assert.StartsWith("2\nwithdraw\nBANCO NACIONAL S.A.\nofac-sdn\n306\nsupervisor.bo\nthe bank was listed after all\n", withdrawal, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task ANewVersionOfAWatchListSaysWhatWasAddedRemovedAndAmended(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        WatchlistEntry Entry(string id, string name) => new("own", id, SubjectKind.Organisation, name);
        await test.Store.Watchlists.ReplaceAsync([new LoadedList("own", "v1.csv", [Entry("1", "ALPHA TRADING"), Entry("2", "BETA LOGISTICS"), Entry("3", "GAMMA LTD")])], Token);
        var changes = await test.Store.Watchlists.ReplaceAsync([new LoadedList("own", "v2.csv", [Entry("1", "ALPHA TRADING"), Entry("2", "BETA LOGISTICS FZE"), Entry("4", "DELTA SHIPPING")])], Token);

        Assert.Equal([new WatchlistChange("own", Added: 1, Removed: 1, Amended: 1, Entries: 3)], changes);
        Assert.Equal(["ALPHA TRADING", "BETA LOGISTICS FZE", "DELTA SHIPPING"], (await test.Store.Watchlists.EntriesAsync(Token)).OrderBy(e => e.Id, StringComparer.Ordinal).Select(e => e.Name));
        Assert.Equal(["watchlist", "watchlist"], test.Journal.Records.Select(r => r.Kind));
    }
}
