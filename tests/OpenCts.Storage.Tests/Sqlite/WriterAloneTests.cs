using Microsoft.Data.Sqlite;
using OpenCts.Storage.Sqlite;

namespace OpenCts.Storage.Tests.Sqlite;

/// <summary>Work that SQLite refuses inside a transaction runs on the writer's connection alone, in its turn among the writes.</summary>
public class WriterAloneTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Folder() => Path.Combine(Path.GetTempPath(), "opencts-alone-tests", Guid.NewGuid().ToString("N"));

    private static Task<bool> InsertAsync(SqliteStore store, string value) => store.WriteAsync((_, transaction) =>
    {
        using var insert = transaction.Connection!.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO alone_log (value) VALUES ($v)";
        insert.Parameters.AddWithValue("$v", value);
        insert.ExecuteNonQuery();
        return ValueTask.FromResult(true);
    }, Token);

    /// <summary>A table of its own for the test's writes, made by work run alone.</summary>
    private static Task CreateLogAsync(SqliteStore store) => store.RunOnWriterAloneAsync(c =>
    {
        using var create = c.CreateCommand();
        create.CommandText = "CREATE TABLE alone_log (id INTEGER PRIMARY KEY, value TEXT NOT NULL)";
        create.ExecuteNonQuery();
    }, Token);

    private static List<string> Log(SqliteConnection connection)
    {
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT value FROM alone_log ORDER BY id";
        using var reader = read.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    [Fact]
    public async Task Work_run_alone_sees_no_open_transaction_and_the_writes_queued_before_it_committed()
    {
        var folder = Folder();
        using (var store = SqliteStore.Open(folder, SqliteLedgerJournal.Instance))
        {
            await CreateLogAsync(store);
            var seen = new List<string>();
            var autocommit = -1;
            var temporary = "";

            var before = InsertAsync(store, "before");
            var alone = store.RunOnWriterAloneAsync(c =>
            {
                autocommit = SQLitePCL.raw.sqlite3_get_autocommit(c.Handle);
                seen.AddRange(Log(c));
                // What SQLite refuses inside a transaction once the connection has opened its temporary database.
                using var pragma = c.CreateCommand();
                pragma.CommandText = "CREATE TEMP TABLE scratch (x); DROP TABLE temp.scratch; PRAGMA temp_store = FILE; PRAGMA temp_store; PRAGMA temp_store = MEMORY;";
                temporary = Convert.ToString(pragma.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
            }, Token);
            var after = InsertAsync(store, "after");
            await Task.WhenAll(before, alone, after);

            Assert.Equal(1, autocommit);
            Assert.Equal(["before"], seen);
            Assert.Equal("1", temporary);
            using var check = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False");
            check.Open();
            Assert.Equal(["before", "after"], Log(check));
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Work_run_alone_that_fails_fails_alone_and_the_writes_around_it_are_kept()
    {
        var folder = Folder();
        using (var store = SqliteStore.Open(folder, SqliteLedgerJournal.Instance))
        {
            await CreateLogAsync(store);

            var before = InsertAsync(store, "before");
            var failing = store.RunOnWriterAloneAsync(_ => throw new InvalidOperationException("refused"), Token);
            var after = InsertAsync(store, "after");

            Assert.Equal("refused", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
            Assert.True(await before);
            Assert.True(await after);
            using var check = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False");
            check.Open();
            Assert.Equal(["before", "after"], Log(check));
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
