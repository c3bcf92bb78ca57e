using System.Net;
using OpenCts.Application;
using OpenCts.Application.Tests.Lists;
using OpenCts.Storage.Sqlite;

namespace OpenCts.Server.Tests;

/// <summary>The server's scheduled watch-list refresh, downloading from a loopback server that publishes the real files.</summary>
public class WatchlistRefreshTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<IReadOnlyList<string>> ListsOnceRefreshedAsync(IReadOnlyList<Uri> sources, Func<SqliteStore, Uri, Task> whileServing)
    {
        var directory = Path.Combine(Path.GetTempPath(), "opencts-server-tests", Guid.NewGuid().ToString("N"));
        await using var store = SqliteStore.Open(directory, SqliteLedgerJournal.Instance);
        var options = new CtsServerOptions { Application = new CtsApplication(store), Urls = ["http://127.0.0.1:0"], WatchlistRefresh = TimeSpan.FromHours(6), WatchlistSources = sources };
        await using var app = CtsServer.Build(options);
        await app.StartAsync(Token);
        await whileServing(store, new Uri(CtsServer.Addresses(app)[0]));
        await app.StopAsync(Token);
        return [.. (await store.Watchlists.ListsAsync(Token)).Select(l => l.List)];
    }

    [Fact]
    public async Task AServerToldToRefreshDownloadsThePublishedListsAtStartAndPutsThemInForce()
    {
        await using var lists = await PublishedLists.StartAsync();

        var stored = await ListsOnceRefreshedAsync(lists.Sources("v1"), async (store, _) =>
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while ((await store.Watchlists.ListsAsync(Token)).Count < 3 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, Token);
            }
        });

        Assert.Equal(["ofac-cons", "ofac-sdn", "un-consolidated"], stored.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ARefreshThatCannotDownloadLeavesTheServerUpAndTheStoreAsItWas()
    {
        await using var lists = await PublishedLists.StartAsync();
        var missing = lists.Sources("v1").Select(u => new Uri(u, "/nowhere/" + u.Segments[^1])).ToList();

        var stored = await ListsOnceRefreshedAsync(missing, async (store, address) =>
        {
            // The first refresh runs at start; give it time to fail, then the server must still answer.
            await Task.Delay(1500, Token);
            using var client = new HttpClient { BaseAddress = address };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Token)).StatusCode);
            Assert.Empty(await store.Watchlists.ListsAsync(Token));
        });

        Assert.Empty(stored);
    }
}
