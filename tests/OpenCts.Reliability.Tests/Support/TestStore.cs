using Microsoft.Data.Sqlite;
using OpenCts.Application;
using OpenCts.Application.Users;
using OpenCts.Storage.Sqlite;

namespace OpenCts.Reliability.Tests.Support;

/// <summary>A store in a fresh temporary folder, with submitters' API keys made before any server runs on it; deleted after.</summary>
internal sealed class TestStore : IDisposable
{
    private TestStore(string root, IReadOnlyList<string> keys)
    {
        Root = root;
        Keys = keys;
    }

    /// <summary>The temporary folder; the store is its <c>data</c> folder, and tests put backups and restores beside it.</summary>
    public string Root { get; }

    public string Data => Path.Combine(Root, "data");

    /// <summary>API keys of the submitters <c>submitter-0</c>, <c>submitter-1</c>, ... in order.</summary>
    public IReadOnlyList<string> Keys { get; }

    public static async Task<TestStore> CreateAsync(int submitters, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), "opencts-reliability-tests", Guid.NewGuid().ToString("N"));
        var keys = new List<string>();
        await using (var store = SqliteStore.Open(Path.Combine(root, "data"), SqliteLedgerJournal.Instance))
        {
            var application = new CtsApplication(store);
            for (var i = 0; i < submitters; i++)
            {
                keys.Add((await application.Users.AddAsync($"submitter-{i}", Roles.Submitter, apiKey: true, "test", cancellationToken)).Secret);
            }
        }
        SqliteConnection.ClearAllPools();
        return new TestStore(root, keys);
    }

    /// <summary>A read-only connection to a store's database, for checks made from outside the server.</summary>
    public static SqliteConnection Read(string dataDirectory)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, SqliteStore.FileName), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000";
        pragma.ExecuteNonQuery();
        return connection;
    }

    public static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
