using OpenCts.Storage.Tests.Support;

namespace OpenCts.Cli.Tests;

/// <summary><c>cts users</c> on a PostgreSQL store, as the operator of a scale-out deployment gives carriers their keys.</summary>
public sealed class UsersOnSharedStoreTests
{
    [Fact]
    public async Task Users_are_added_listed_reset_and_disabled_on_a_postgres_store_named_by_store()
    {
        using var temp = new TempFolder();
        var database = await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        try
        {
            var added = CtsProcess.Run(temp.Directory, "users", "add", "postnl", "--role", "submitter", "--api-key", "--store", database);
            Assert.True(added.ExitCode == 0, added.All);
            var key = added.Out.TrimEnd().Split('\n')[^1].Trim();
            Assert.StartsWith("cts_", key, StringComparison.Ordinal);

            var listed = CtsProcess.Run(temp.Directory, "users", "list", "--store", database);
            Assert.True(listed.ExitCode == 0, listed.All);
            Assert.Contains("postnl", listed.Out, StringComparison.Ordinal);
            Assert.Contains("submitter", listed.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(key, listed.Out, StringComparison.Ordinal);

            var reset = CtsProcess.Run(temp.Directory, "users", "reset", "postnl", "--store", database);
            Assert.True(reset.ExitCode == 0, reset.All);
            Assert.NotEqual(key, reset.Out.TrimEnd().Split('\n')[^1].Trim());
            Assert.Equal(0, CtsProcess.Run(temp.Directory, "users", "disable", "postnl", "--store", database).ExitCode);
            Assert.Contains("disabled", CtsProcess.Run(temp.Directory, "users", "list", "--store", database).Out, StringComparison.Ordinal);

            // Nothing was written to a data folder beside the command.
            Assert.False(File.Exists(Path.Combine(temp.Directory, "cts-data", "cts.db")));
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }
}
