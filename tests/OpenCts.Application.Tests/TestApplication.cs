using OpenCts.Storage.Sqlite;
using OpenCts.Tests.Shared;

namespace OpenCts.Application.Tests;

/// <summary>The application core over a real embedded store in a fresh folder, removed afterwards.</summary>
internal sealed class TestApplication : IAsyncDisposable
{
    public TestApplication(TimeProvider? clock = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "opencts-app-tests", Guid.NewGuid().ToString("N"));
        Clock = clock;
        Store = SqliteStore.Open(Directory, SqliteLedgerJournal.Instance, clock);
        Application = new CtsApplication(Store);
    }

    public string Directory { get; }

    public TimeProvider? Clock { get; }

    public SqliteStore Store { get; private set; }

    public CtsApplication Application { get; private set; }

    /// <summary>Closes the store and opens it again, as a restart does.</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = SqliteStore.Open(Directory, SqliteLedgerJournal.Instance, Clock);
        Application = new CtsApplication(Store);
    }

    /// <summary>A one-line CSV message (docs/csv-layout.md) of one air consignment.</summary>
    public static byte[] Csv(string messageId, string number, string kind = "masterAirWaybill", string? master = null, DateTimeOffset? departure = null, double flightHours = 10, string description = "TABLET COMPUTERS") =>
        System.Text.Encoding.UTF8.GetBytes(
            "sender,messageId,documentNumber,documentKind,masterNumber,direction,mode,placeOfLoading,placeOfDischarge,departure,estimatedArrival,itemSequence,description,grossMassKg\n" +
            $"x,{messageId},{number},{kind},{master},import,air,HKHKG,NLAMS,{departure:O},{departure?.AddHours(flightHours):O},1,{description},100\n");

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
