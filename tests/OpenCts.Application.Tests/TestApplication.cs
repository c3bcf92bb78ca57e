using OpenCts.Storage.Sqlite;
using OpenCts.Tests.Shared;

namespace OpenCts.Application.Tests;

/// <summary>The application core over a real embedded store in a fresh folder, removed afterwards.</summary>
internal sealed class TestApplication : IAsyncDisposable
{
    public TestApplication()
    {
        Directory = Path.Combine(Path.GetTempPath(), "opencts-app-tests", Guid.NewGuid().ToString("N"));
        Store = SqliteStore.Open(Directory, SqliteLedgerJournal.Instance);
        Application = new CtsApplication(Store);
    }

    public string Directory { get; }

    public SqliteStore Store { get; }

    public CtsApplication Application { get; }

    /// <summary>A file of the bundled samples.</summary>
    public static string Sample(params string[] parts) => Path.Combine([RepositoryData.RepositoryRoot, "samples", .. parts]);

    public async ValueTask DisposeAsync()
    {
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
