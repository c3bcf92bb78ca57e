namespace OpenCts.Cli.Tests;

/// <summary>A fresh temporary folder for a command's data and files, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "opencts-tests", Guid.NewGuid().ToString("N"));

    public TempFolder() => System.IO.Directory.CreateDirectory(Directory);

    public void Dispose()
    {
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
