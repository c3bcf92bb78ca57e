using Microsoft.Extensions.Logging;
using OpenCts.Application;
using OpenCts.Application.Intake;
using OpenCts.Storage;
using OpenCts.Storage.Sqlite;

namespace OpenCts.Cli.Common;

/// <summary>The CLI's composition root: opens the embedded store with its ledger journal and the application core over it.</summary>
internal static class Workspace
{
    /// <summary>Opens the store, creating it when the folder has none, with every record it writes journaled as a pending leaf.</summary>
    /// <remarks>For commands that write (ingest, assess, load, import, train). Commands that only read use <see cref="OpenExistingStore"/>.</remarks>
    public static SqliteStore OpenStore(StoreSettings settings) => SqliteStore.Open(settings.DataDirectory, SqliteLedgerJournal.Instance);

    /// <summary>Opens the store a <c>--store</c> names (a folder or a PostgreSQL database), or else the <c>--data</c> folder, creating its schema when it has none.</summary>
    /// <remarks>A PostgreSQL store keeps its keys and models in a folder of its own per database, unless <c>--data</c> is given beside <c>--store</c>.</remarks>
    public static async Task<ICtsStore> OpenStoreAsync(SharedStoreSettings settings, CancellationToken cancellationToken)
    {
        var location = settings.StoreLocation;
        var keys = location.Backend == OpenCts.Storage.Hosting.StoreBackend.Postgres && settings.DataDirectory != "cts-data" ? settings.DataDirectory : null;
        return await location.OpenAsync(keys, null, cancellationToken);
    }

    /// <summary>The <c>--store</c> a command names, or else its <c>--data</c> folder as <see cref="OpenStore"/> (or, with <paramref name="existing"/>, <see cref="OpenExistingStore"/>) opens it.</summary>
    /// <remarks>For the commands an operator of a shared store needs as much as one of a folder, such as <c>cts users</c>.</remarks>
    public static async Task<ICtsStore> OpenSharedAsync(SharedStoreSettings settings, bool existing, CancellationToken cancellationToken) =>
        settings.Store is not null ? await OpenStoreAsync(settings, cancellationToken)
        : existing ? OpenExistingStore(settings)
        : OpenStore(settings);

    /// <summary>Opens the store as <see cref="OpenStore"/> does, but only when there is one: a command that reads must not leave an empty store behind a mistyped <c>--data</c>.</summary>
    /// <exception cref="NoStoreException">The folder holds no store.</exception>
    public static SqliteStore OpenExistingStore(StoreSettings settings)
    {
        RequireStore(settings);
        return OpenStore(settings);
    }

    /// <summary>The application core over a store; with a queue, stored messages are sent there for workers to assess.</summary>
    public static CtsApplication Application(ICtsStore store, IAssessmentQueue? queue = null) => new(store, queue: queue);

    /// <summary>Warnings and errors of the pipeline, on standard error.</summary>
    public static ILoggerFactory Logging(LogLevel level = LogLevel.Warning) =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(level).AddSimpleConsole(o => o.SingleLine = true).AddFilter("NATS", LogLevel.Error));

    /// <summary>Whether the data folder holds a store.</summary>
    public static bool StoreExists(StoreSettings settings) => SqliteStore.Exists(settings.DataDirectory);

    /// <summary>Checks that the data folder holds a store, for commands that read its files without opening it as a store.</summary>
    /// <exception cref="NoStoreException">The folder holds no store.</exception>
    public static void RequireStore(StoreSettings settings)
    {
        if (!StoreExists(settings))
        {
            throw new NoStoreException(settings.DataDirectory);
        }
    }
}
