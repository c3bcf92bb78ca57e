using OpenCts.Storage.Postgres;
using OpenCts.Storage.Postgres.Ledger;
using OpenCts.Storage.Sqlite;

namespace OpenCts.Storage.Hosting;

/// <summary>The backends a host can open.</summary>
public enum StoreBackend
{
    /// <summary>The embedded default: one SQLite file in a data folder.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, shared by several processes.</summary>
    Postgres,
}

/// <summary>Where a store is, as a host is told with <c>--store</c>: a data folder (SQLite) or a PostgreSQL address.</summary>
/// <param name="Backend">Which backend the value names.</param>
/// <param name="Value">The folder, or the connection string as given.</param>
public sealed record StoreLocation(StoreBackend Backend, string Value)
{
    /// <summary>Reads a <c>--store</c> value: <c>postgres://</c> or <c>postgresql://</c> URLs and Npgsql's <c>Host=...</c> form are PostgreSQL, anything else a folder.</summary>
    /// <exception cref="ArgumentException">The value is empty, or a PostgreSQL address that cannot be read.</exception>
    public static StoreLocation Parse(string store)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        if (PostgresConnection.IsPostgres(store))
        {
            PostgresConnection.Parse(store);
            return new StoreLocation(StoreBackend.Postgres, store);
        }
        if (store.Contains("://", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{store}' is neither a data folder nor a postgres:// URL", nameof(store));
        }
        return new StoreLocation(StoreBackend.Sqlite, store);
    }

    /// <summary>Opens the store with its backend's ledger journal, creating its schema when it has none.</summary>
    /// <param name="dataDirectory">For PostgreSQL, the folder of keys and saved models (a default per database without it); SQLite keeps them in its own folder.</param>
    /// <param name="clock">The store's clock; the system's by default.</param>
    /// <param name="cancellationToken">Stops the opening.</param>
    /// <exception cref="PostgresStoreException">The PostgreSQL server cannot be reached or has no such database.</exception>
    public async Task<ICtsStore> OpenAsync(string? dataDirectory, TimeProvider? clock, CancellationToken cancellationToken) => Backend switch
    {
        StoreBackend.Sqlite => SqliteStore.Open(Value, SqliteLedgerJournal.Instance, clock),
        StoreBackend.Postgres => await PostgresStore.OpenAsync(Value, PostgresLedgerJournal.Instance, dataDirectory, clock, cancellationToken).ConfigureAwait(false),
        _ => throw new InvalidOperationException($"no backend {Backend}"),
    };

    /// <summary>Where the store is, for people: the folder, or the server and database without the password.</summary>
    public override string ToString() => Backend == StoreBackend.Postgres ? PostgresConnection.Describe(PostgresConnection.Parse(Value)) : Value;
}
