using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using OpenCts.Application.Lists;
using OpenCts.Domain.Serialization;
using OpenCts.Domain.Watchlists;
using OpenCts.Screening.Watchlists;

namespace OpenCts.Application.Tests.Lists;

/// <summary><see cref="WatchlistUpdate"/> downloading the real OFAC and UN files from a loopback server into a real SQLite store.</summary>
public class WatchlistUpdateTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFirstUpdateStoresEveryListAsAddedWithTheEntriesADirectLoadOfTheSameFilesReads()
    {
        await using var lists = await PublishedLists.StartAsync();
        var sources = lists.Sources("v1");

        var result = await lists.UpdateAsync(sources);

        var direct = WatchlistLoader.Load(lists.Version1);
        var expected = direct.ByList().ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.Equal(["ofac-cons", "ofac-sdn", "un-consolidated"], result.Lists.Select(l => l.List).Order(StringComparer.Ordinal));
        foreach (var list in result.Lists)
        {
            Assert.Equal(expected[list.List], list.Entries);
            Assert.Equal((list.Entries, 0, 0), (list.Added, list.Removed, list.Amended));
        }
        Assert.Equal(sources, result.Sources);
        Assert.Equal([lists.Server.At("v1/add.csv"), lists.Server.At("v1/alt.csv"), lists.Server.At("v1/sdn.csv")], result.Lists.Single(l => l.List == "ofac-sdn").Sources);
        Assert.Equal([sources[^1]], result.Lists.Single(l => l.List == "un-consolidated").Sources);

        var stored = await lists.Store.Watchlists.ListsAsync(Cancellation);
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), stored.Select(l => KeyValuePair.Create(l.List, l.Entries)).OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(
            $"{lists.Server.At("v1/add.csv")}, {lists.Server.At("v1/alt.csv")}, {lists.Server.At("v1/sdn.csv")}",
            stored.Single(l => l.List == "ofac-sdn").Source);
        Assert.Equal(Canonical(direct.Entries), Canonical(await lists.Store.Watchlists.EntriesAsync(Cancellation)));
        var engine = await lists.Application.Engines.CurrentAsync(Cancellation);
        Assert.Equal(direct.Entries.Count, engine.WatchlistEntries);
    }

    [Fact]
    public async Task ASecondUpdateReportsExactlyTheEntriesRemovedAddedAndAmended()
    {
        await using var lists = await PublishedLists.StartAsync();
        await lists.UpdateAsync(lists.Sources("v1"));
        foreach (var file in PublishedLists.Files)
        {
            File.Copy(Path.Combine(lists.Version1, file), Path.Combine(lists.Version2, file));
        }
        // Two entries delisted, one renamed, one newly listed.
        var rows = File.ReadAllLines(Path.Combine(lists.Version1, "sdn.csv")).ToList();
        Assert.Equal(2, rows.RemoveAll(r => r.StartsWith("36,", StringComparison.Ordinal) || r.StartsWith("173,", StringComparison.Ordinal)));
        var renamed = rows.FindIndex(r => r.StartsWith("306,\"BANCO NACIONAL DE CUBA\",", StringComparison.Ordinal));
        rows[renamed] = rows[renamed].Replace("\"BANCO NACIONAL DE CUBA\"", "\"BANCO NACIONAL DE CUBA S.A.\"", StringComparison.Ordinal);
        rows.Add("99990001,\"PERIWINKLE BASALT HOLDINGS\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ");
        File.WriteAllLines(Path.Combine(lists.Version2, "sdn.csv"), rows);

        var result = await lists.UpdateAsync(lists.Sources("v2"));

        var sdn = result.Lists.Single(l => l.List == "ofac-sdn");
        Assert.Equal((1, 2, 1), (sdn.Added, sdn.Removed, sdn.Amended));
        Assert.Equal(rows.Count, sdn.Entries);
        Assert.All(result.Lists.Where(l => l.List != "ofac-sdn"), l => Assert.Equal((0, 0, 0), (l.Added, l.Removed, l.Amended)));
        var entries = (await lists.Store.Watchlists.EntriesAsync(Cancellation)).Where(e => e.List == "ofac-sdn").ToDictionary(e => e.Id, StringComparer.Ordinal);
        Assert.Equal("BANCO NACIONAL DE CUBA S.A.", entries["306"].Name);
        Assert.Contains("99990001", entries.Keys);
        Assert.DoesNotContain("36", entries.Keys);
        Assert.DoesNotContain("173", entries.Keys);
        Assert.Contains("v2/sdn.csv", (await lists.Store.Watchlists.ListsAsync(Cancellation)).Single(l => l.List == "ofac-sdn").Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, "HTTP 404 Not Found")]
    [InlineData(500, "HTTP 500 Internal Server Error")]
    public async Task ASourceAnsweringAnHttpErrorStopsTheUpdateNamingItAndTheStoreIsUnchanged(int status, string problem)
    {
        await using var lists = await PublishedLists.StartAsync();
        var failing = lists.Server.At($"status/{status}/consolidated.xml");

        await AssertFailsLeavingTheStoreAsItWas(lists, failing, problem);
    }

    [Fact]
    public async Task AFileMissingFromTheServerStopsTheUpdate()
    {
        await using var lists = await PublishedLists.StartAsync();

        await AssertFailsLeavingTheStoreAsItWas(lists, lists.Server.At("v2/consolidated.xml"), "HTTP 404 Not Found");
    }

    [Fact]
    public async Task AnUnreachableSourceStopsTheUpdateNamingItAndTheStoreIsUnchanged()
    {
        await using var lists = await PublishedLists.StartAsync();
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        await AssertFailsLeavingTheStoreAsItWas(lists, new Uri($"http://127.0.0.1:{port}/consolidated.xml"), "could not connect");
    }

    [Fact]
    public async Task ASourceThatDoesNotAnswerInTimeStopsTheUpdate()
    {
        await using var lists = await PublishedLists.StartAsync();

        await AssertFailsLeavingTheStoreAsItWas(
            lists, lists.Server.At("slow/consolidated.xml"), "no complete answer within 1 s", WatchlistDownloadLimits.Default with { TimeoutPerFile = TimeSpan.FromSeconds(1) });
    }

    [Fact]
    public async Task AFileLargerThanTheLimitStopsTheUpdate()
    {
        await using var lists = await PublishedLists.StartAsync();
        var sources = lists.Sources("v1");
        var before = lists.History();

        var e = await Assert.ThrowsAsync<WatchlistDownloadException>(() =>
            lists.UpdateAsync(sources, WatchlistDownloadLimits.Default with { MaxBytesPerFile = 1024 * 1024 }));

        // sdn.csv (1.4 MiB) is the first file over 1 MiB.
        Assert.Equal(sources[0], e.Address);
        Assert.Contains("larger than the limit of 1 MiB", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, lists.History());
    }

    [Fact]
    public async Task AWebPageInsteadOfAListStopsTheUpdateNamingTheSource()
    {
        await using var lists = await PublishedLists.StartAsync();
        var sources = lists.Sources("v1")[..^1];
        sources.Add(lists.Server.At("page/consolidated.xml"));
        var before = lists.History();

        var e = await Assert.ThrowsAsync<WatchlistFormatException>(() => lists.UpdateAsync(sources));

        Assert.StartsWith($"{sources[^1]}: not a watch-list format", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, lists.History());
    }

    [Fact]
    public async Task AMalformedFileStopsTheUpdateNamingItsAddressAndLine()
    {
        await using var lists = await PublishedLists.StartAsync();
        await lists.UpdateAsync(lists.Sources("v1"));
        var before = lists.History();
        foreach (var file in PublishedLists.Files)
        {
            File.Copy(Path.Combine(lists.Version1, file), Path.Combine(lists.Version2, file));
        }
        var rows = File.ReadAllLines(Path.Combine(lists.Version1, "cons_prim.csv"));
        rows[2] = rows[2][..rows[2].IndexOf(",-0-", StringComparison.Ordinal)];
        File.WriteAllLines(Path.Combine(lists.Version2, "cons_prim.csv"), rows);

        var e = await Assert.ThrowsAsync<WatchlistFormatException>(() => lists.UpdateAsync(lists.Sources("v2")));

        Assert.StartsWith($"{lists.Server.At("v2/cons_prim.csv")}: cons_prim.csv:3:", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, lists.History());
    }

    [Fact]
    public async Task TwoSourcesSavedUnderOneNameAreRefusedBeforeAnyDownload()
    {
        await using var lists = await PublishedLists.StartAsync();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => lists.UpdateAsync([lists.Server.At("v1/sdn.csv"), lists.Server.At("v2/sdn.csv")]));

        Assert.Contains("would both be saved as sdn.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheUnListIsSavedUnderTheNameTheReferenceDataGivesIt()
    {
        Assert.Equal("UN_consolidated.xml", WatchlistUpdate.FileNameFor(new Uri("https://scsanctions.un.org/resources/xml/en/consolidated.xml")));
        Assert.Equal("cons_prim.csv", WatchlistUpdate.FileNameFor(new Uri("https://www.treasury.gov/ofac/downloads/consolidated/cons_prim.csv")));
        Assert.Equal(
            WatchlistUpdate.DefaultSources.Select(WatchlistUpdate.FileNameFor).Order(StringComparer.Ordinal),
            PublishedLists.Files.Select(f => f == "consolidated.xml" ? "UN_consolidated.xml" : f).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheSameUpdateCanRunAgainAndAnUnchangedSourceChangesNoEntry()
    {
        await using var lists = await PublishedLists.StartAsync();
        var (update, client) = lists.Update();
        using (client)
        {
            await update.UpdateAsync(lists.Sources("v1"), Cancellation);
            var again = await update.UpdateAsync(lists.Sources("v1"), Cancellation);

            Assert.All(again.Lists, l => Assert.Equal((0, 0, 0), (l.Added, l.Removed, l.Amended)));
        }
    }

    /// <summary>Updates once from the good files, then again with one failing source last, so every other file was downloaded first.</summary>
    private static async Task AssertFailsLeavingTheStoreAsItWas(PublishedLists lists, Uri failing, string problem, WatchlistDownloadLimits? limits = null)
    {
        await lists.UpdateAsync(lists.Sources("v1"));
        var before = lists.History();
        var storedBefore = await lists.Store.Watchlists.ListsAsync(Cancellation);
        var sources = lists.Sources("v1")[..^1];
        sources.Add(failing);

        var e = await Assert.ThrowsAsync<WatchlistDownloadException>(() => lists.UpdateAsync(sources, limits));

        Assert.Equal(failing, e.Address);
        Assert.StartsWith($"{failing}: {problem}", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(before, lists.History());
        Assert.Equal(storedBefore, await lists.Store.Watchlists.ListsAsync(Cancellation));
    }

    private static string[] Canonical(IEnumerable<WatchlistEntry> entries) =>
        [.. entries.Select(e => JsonSerializer.Serialize(e, DomainJson.Options)).Order(StringComparer.Ordinal)];
}
