using OpenCts.Storage.Sqlite;

namespace OpenCts.Storage.Tests;

/// <summary>Every backend the store tests run against, by name: each test is a theory over these.</summary>
public static class StoreBackends
{
    public static TheoryData<string> All => new() { "sqlite" };
}

/// <summary>A real store of one backend in a fresh place, removed afterwards; its journal sees every record written.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly string _backend;

    private TestStore(string backend, RecordingJournal journal)
    {
        _backend = backend;
        Journal = journal;
        Directory = Path.Combine(Path.GetTempPath(), "opencts-store-tests", Guid.NewGuid().ToString("N"));
        Store = Open();
    }

    public string Directory { get; }

    public ICtsStore Store { get; private set; }

    /// <summary>Every record journaled, in order: the real ledger journal of the backend sees them too.</summary>
    public RecordingJournal Journal { get; }

    public static TestStore Create(string backend, IRecordJournal? failWith = null) => new(backend, new RecordingJournal(failWith));

    /// <summary>Closes and opens the store again, as a new process would.</summary>
    public async Task<ICtsStore> ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = Open();
        return Store;
    }

    private ICtsStore Open() => _backend switch
    {
        "sqlite" => SqliteStore.Open(Directory, Journal),
        _ => throw new ArgumentException($"no backend '{_backend}'"),
    };

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

/// <summary>Journals into the backend's ledger and keeps a copy of each call, so a test can see what was journaled; or fails as told.</summary>
internal sealed class RecordingJournal(IRecordJournal? failWith) : IRecordJournal
{
    public List<(string Kind, string Id, byte[] Canonical)> Records { get; } = [];

    public async ValueTask RecordAsync(UnitOfWork work, string kind, string id, ReadOnlyMemory<byte> canonical, CancellationToken cancellationToken)
    {
        if (failWith is not null)
        {
            await failWith.RecordAsync(work, kind, id, canonical, cancellationToken);
        }
        await SqliteLedgerJournal.Instance.RecordAsync(work, kind, id, canonical, cancellationToken);
        Records.Add((kind, id, canonical.ToArray()));
    }
}
