using Microsoft.Data.Sqlite;
using Npgsql;
using OpenCts.Ledger.Audit;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Storage;
using OpenCts.Storage.Postgres;
using OpenCts.Storage.Postgres.Ledger;
using OpenCts.Storage.Sqlite;
using OpenCts.Storage.Tests.Support;

namespace OpenCts.Storage.Tests;

/// <summary>Every backend the store tests run against, by name: each test is a theory over these.</summary>
public static class StoreBackends
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static TheoryData<string> All => new() { Sqlite, Postgres };
}

/// <summary>A real store of one backend in a fresh place (a folder, or a database of its own), removed afterwards; its journal sees every record written.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly string _backend;
    private readonly TimeProvider? _clock;

    private TestStore(string backend, RecordingJournal journal, TimeProvider? clock, string? connectionString)
    {
        _backend = backend;
        _clock = clock;
        Journal = journal;
        ConnectionString = connectionString;
        Directory = Path.Combine(Path.GetTempPath(), "opencts-store-tests", Guid.NewGuid().ToString("N"));
    }

    public string Directory { get; }

    /// <summary>The test's own database, for the PostgreSQL backend.</summary>
    public string? ConnectionString { get; }

    public ICtsStore Store { get; private set; } = null!;

    /// <summary>Every record journaled, in order: the real ledger journal of the backend sees them too.</summary>
    public RecordingJournal Journal { get; }

    public static async Task<TestStore> CreateAsync(string backend, IRecordJournal? failWith = null, TimeProvider? clock = null)
    {
        var connectionString = backend == StoreBackends.Postgres ? await PostgresServer.CreateDatabaseAsync(CancellationToken.None) : null;
        IRecordJournal ledger = backend switch
        {
            StoreBackends.Sqlite => SqliteLedgerJournal.Instance,
            StoreBackends.Postgres => PostgresLedgerJournal.Instance,
            _ => throw new ArgumentException($"no backend '{backend}'", nameof(backend)),
        };
        var test = new TestStore(backend, new RecordingJournal(ledger, failWith), clock, connectionString);
        test.Store = await test.OpenAsync();
        return test;
    }

    /// <summary>Closes and opens the store again, as a new process would.</summary>
    public async Task<ICtsStore> ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await OpenAsync();
        return Store;
    }

    /// <summary>Sequences the pending leaves into the ledger and signs a checkpoint, as <c>cts ledger checkpoint</c> does.</summary>
    public async Task<SignedCheckpoint> CheckpointAsync(NoteSigner signer, CancellationToken cancellationToken)
    {
        switch (Store)
        {
            case SqliteStore sqlite:
                using (var log = LedgerLog.Open(sqlite.DatabasePath))
                {
                    await log.IntegrateAsync(cancellationToken);
                    return log.SignCheckpoint(signer);
                }
            case PostgresStore postgres:
                await using (var sequencer = await postgres.SequencerAsync(SequencerWait.Fail, cancellationToken))
                {
                    await sequencer.IntegrateAsync(cancellationToken);
                    return await sequencer.SignCheckpointAsync(signer, cancellationToken);
                }
            default:
                throw new InvalidOperationException(Store.GetType().Name);
        }
    }

    /// <summary>Audits the ledger against the records as the store reads them back, as <c>cts ledger audit</c> does.</summary>
    public AuditReport Audit(NoteSigner signer, CancellationToken cancellationToken)
    {
        var verifier = new CheckpointVerifier([signer.Verifier]);
        var auditor = Store switch
        {
            SqliteStore sqlite => new LedgerAuditor(sqlite.DatabasePath, verifier),
            PostgresStore postgres => new LedgerAuditor(postgres.OpenLedgerReader, verifier),
            _ => throw new InvalidOperationException(Store.GetType().Name),
        };
        return auditor.Audit(new StoreRecords(Store), cancellationToken: cancellationToken);
    }

    /// <summary>Runs SQL on the database behind the store's back, as someone with access to the files or the server could.</summary>
    public async Task ExecuteBehindTheStoreAsync(string sql)
    {
        switch (Store)
        {
            case SqliteStore sqlite:
                await using (var connection = new SqliteConnection($"Data Source={sqlite.DatabasePath}"))
                {
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    command.CommandText = sql;
                    await command.ExecuteNonQueryAsync();
                }
                break;
            case PostgresStore postgres:
                await using (var command = postgres.DataSource.CreateCommand(sql))
                {
                    await command.ExecuteNonQueryAsync();
                }
                break;
        }
    }

    private async Task<ICtsStore> OpenAsync() => _backend switch
    {
        StoreBackends.Sqlite => SqliteStore.Open(Directory, Journal, _clock),
        StoreBackends.Postgres => await PostgresStore.OpenAsync(ConnectionString!, Journal, Directory, _clock, CancellationToken.None),
        _ => throw new ArgumentException($"no backend '{_backend}'"),
    };

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (ConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresServer.DropDatabaseAsync(ConnectionString);
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The records as the store reads them back, for the audit (the application's StoreRecordSource does the same).</summary>
    private sealed class StoreRecords(ICtsStore store) : IRecordSource
    {
        public byte[]? Read(string recordKind, string recordId)
        {
            try
            {
                return store.ReadCanonicalAsync(recordKind, recordId, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (ArgumentException)
            {
                throw new UnreadableRecordKindException(recordKind);
            }
        }
    }
}

/// <summary>Journals into the backend's ledger and keeps a copy of each call, so a test can see what was journaled; or fails as told.</summary>
internal sealed class RecordingJournal(IRecordJournal ledger, IRecordJournal? failWith) : IRecordJournal
{
    public List<(string Kind, string Id, byte[] Canonical)> Records { get; } = [];

    public async ValueTask RecordAsync(UnitOfWork work, string kind, string id, ReadOnlyMemory<byte> canonical, CancellationToken cancellationToken)
    {
        if (failWith is not null)
        {
            await failWith.RecordAsync(work, kind, id, canonical, cancellationToken);
        }
        await ledger.RecordAsync(work, kind, id, canonical, cancellationToken);
        Records.Add((kind, id, canonical.ToArray()));
    }
}
