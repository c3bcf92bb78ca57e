using OpenCts.Storage;

namespace OpenCts.Core.Tests.Storage;

/// <summary>A real store in a fresh temporary folder, removed afterwards.</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Directory = Path.Combine(Path.GetTempPath(), "opencts-tests", Guid.NewGuid().ToString("N"));
        Store = CtsStore.Open(Directory);
    }

    public string Directory { get; }

    public CtsStore Store { get; private set; }

    /// <summary>Closes and opens the file again, as a new process would.</summary>
    public CtsStore Reopen()
    {
        Store.Dispose();
        Store = CtsStore.Open(Directory);
        return Store;
    }

    public void Dispose()
    {
        Store.Dispose();
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
