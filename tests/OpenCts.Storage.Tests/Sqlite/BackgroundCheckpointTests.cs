using OpenCts.Storage.Sqlite;

namespace OpenCts.Storage.Tests.Sqlite;

/// <summary>The write-ahead log is copied into the database beside the writer, not inside its commits.</summary>
public class BackgroundCheckpointTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Writes_that_commit_are_copied_into_the_database_file_in_the_background_and_the_writer_checkpoints_only_as_a_backstop()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        var store = (SqliteStore)test.Store;
        var before = store.BackgroundCheckpoints;

        // Fewer pages than the writer's own threshold: only the background loop copies them.
        foreach (var i in Enumerable.Range(1, 40))
        {
            await store.Messages.StoreAsync(SampleConsignment.Message($"C-{i}", SampleConsignment.Of(number: $"MAEU{200000000 + i}")), "c.json", Token);
        }
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (store.BackgroundCheckpoints == before && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20, Token);
        }

        Assert.True(store.BackgroundCheckpoints > before, "no checkpoint ran in the background within 10 s of the writes");
        using var pragma = store.Connection.CreateCommand();
        pragma.CommandText = "PRAGMA wal_autocheckpoint";
        Assert.Equal((long)SqliteCheckpointer.WriterBackstopPages, pragma.ExecuteScalar());
    }
}
