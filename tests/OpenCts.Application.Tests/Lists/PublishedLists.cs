using OpenCts.Application.Lists;
using OpenCts.Storage.Sqlite;
using OpenCts.Tests.Shared;

namespace OpenCts.Application.Tests.Lists;

/// <summary>The real list files as their publishers name them, served on the loopback address, and a fresh store to update from them.</summary>
/// <remarks>
/// <c>v1/</c> holds the files of <c>data/watchlists</c> unedited (the UN file under its published name <c>consolidated.xml</c>);
/// a test may fill <c>v2/</c> with an edited copy. Everything lives in one temporary folder, removed afterwards.
/// </remarks>
internal sealed class PublishedLists : IAsyncDisposable
{
    /// <summary>The files OFAC and the UN publish, by the names they publish them under.</summary>
    public static readonly string[] Files = ["sdn.csv", "alt.csv", "add.csv", "cons_prim.csv", "cons_alt.csv", "cons_add.csv", "consolidated.xml"];

    private PublishedLists(string directory, ListServer server)
    {
        Directory = directory;
        Server = server;
        Store = SqliteStore.Open(Path.Combine(directory, "store"), SqliteLedgerJournal.Instance);
        Application = new CtsApplication(Store);
    }

    public string Directory { get; }

    public ListServer Server { get; }

    public SqliteStore Store { get; }

    public CtsApplication Application { get; }

    /// <summary>The folder of the first version, as served.</summary>
    public string Version1 => Path.Combine(Directory, "v1");

    /// <summary>The folder of the second version: empty until a test fills it.</summary>
    public string Version2 => Path.Combine(Directory, "v2");

    public static async Task<PublishedLists> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "opencts-application-tests", Guid.NewGuid().ToString("N"));
        foreach (var version in new[] { "v1", "v2" })
        {
            System.IO.Directory.CreateDirectory(Path.Combine(directory, version));
        }
        foreach (var file in Files)
        {
            File.Copy(RepositoryData.PathOf("watchlists", file == "consolidated.xml" ? "UN_consolidated.xml" : file), Path.Combine(directory, "v1", file));
        }
        var server = await ListServer.StartAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["v1"] = Path.Combine(directory, "v1"),
            ["v2"] = Path.Combine(directory, "v2"),
        });
        return new PublishedLists(directory, server);
    }

    /// <summary>The addresses of every published file under a path of the server, such as <c>v1</c>.</summary>
    public List<Uri> Sources(string path) => [.. Files.Select(file => Server.At($"{path}/{file}"))];

    /// <summary>An update over this store with a client of its own; dispose the client.</summary>
    public (WatchlistUpdate Update, HttpClient Client) Update(WatchlistDownloadLimits? limits = null)
    {
        var client = new HttpClient();
        return (new WatchlistUpdate(client, Application.Lists, limits), client);
    }

    /// <summary>Downloads and stores the lists of the given addresses.</summary>
    public async Task<WatchlistUpdateResult> UpdateAsync(IReadOnlyList<Uri> sources, WatchlistDownloadLimits? limits = null)
    {
        var (update, client) = Update(limits);
        using (client)
        {
            return await update.UpdateAsync(sources, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>How many versions of each list the store keeps, and how many records its ledger journal holds.</summary>
    public (string Versions, long Journaled) History()
    {
        using var versions = Store.Connection.CreateCommand();
        versions.CommandText = "SELECT list, COUNT(*), MAX(id) FROM watchlist_loads GROUP BY list ORDER BY list";
        var lines = new List<string>();
        using (var reader = versions.ExecuteReader())
        {
            while (reader.Read())
            {
                lines.Add($"{reader.GetString(0)}: {reader.GetInt64(1)} version(s), last {reader.GetInt64(2)}");
            }
        }
        using var journal = Store.Connection.CreateCommand();
        journal.CommandText = "SELECT (SELECT COUNT(*) FROM ledger_pending) + (SELECT COUNT(*) FROM ledger_leaves)";
        return (string.Join("; ", lines), (long)journal.ExecuteScalar()!);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
