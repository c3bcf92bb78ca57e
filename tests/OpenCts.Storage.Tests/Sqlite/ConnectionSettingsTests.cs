using OpenCts.Storage.Sqlite;

namespace OpenCts.Storage.Tests.Sqlite;

/// <summary>The settings the embedded store's writer runs with, where the bulk path depends on them.</summary>
public class ConnectionSettingsTests
{
    [Fact]
    public async Task The_writer_keeps_its_statement_and_savepoint_journals_in_memory()
    {
        // An insert that fires triggers journals every page it touches, in a file once the journal passes 64 KiB (eight
        // 8 KiB pages): a bulk load of 100,000 consignments wrote 12 GB to that file, in 2.9 million calls.
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        using var pragma = ((SqliteStore)test.Store).Connection.CreateCommand();
        pragma.CommandText = "PRAGMA temp_store";

        Assert.Equal(2L, pragma.ExecuteScalar());
    }
}
