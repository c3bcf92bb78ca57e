using OpenCts.Storage.Tests.Support;

namespace OpenCts.Cli.Tests;

/// <summary><c>cts watchlists</c> on a PostgreSQL store, as the operator of a scale-out deployment loads the lists every server and worker screens against.</summary>
public sealed class WatchlistsOnSharedStoreTests
{
    [Fact]
    public async Task Lists_are_loaded_listed_and_allowed_on_a_postgres_store_named_by_store()
    {
        using var temp = new TempFolder();
        var lists = Path.Combine(temp.Directory, "national.csv");
        await File.WriteAllLinesAsync(lists,
        [
            "list,id,kind,name,aliases,identifiers",
            "national-watch,NW-1,vessel,SEA STAR,STAR OF THE SEA|SEASTAR,IMO:9187629",
            "national-watch,NW-2,organisation,\"Atlas General Trading, LLC\",,CONTAINER:MSCU1234566",
        ], TestContext.Current.CancellationToken);
        var database = await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        try
        {
            var load = CtsProcess.Run(temp.Directory, "watchlists", "load", lists, "--store", database);
            Assert.True(load.ExitCode == 0, load.All);
            Assert.Contains("national-watch", load.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("password", load.Out, StringComparison.OrdinalIgnoreCase);

            var listed = CtsProcess.Run(temp.Directory, "watchlists", "list", "--store", database);
            Assert.True(listed.ExitCode == 0, listed.All);
            Assert.Contains("national-watch", listed.Out, StringComparison.Ordinal);
            Assert.Contains("2", listed.Out, StringComparison.Ordinal);

            var allow = CtsProcess.Run(temp.Directory, "watchlists", "allow", "--party", "Atlas General Trading BV", "--list", "national-watch", "--entry", "NW-2",
                "--by", "analyst.ana", "--why", "a Dutch namesake, checked with the register", "--store", database);
            Assert.True(allow.ExitCode == 0, allow.All);

            // Nothing was written to a data folder beside the command.
            Assert.False(File.Exists(Path.Combine(temp.Directory, "cts-data", "cts.db")));
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }
}
