using Microsoft.Data.Sqlite;
using OpenCts.Storage.Maintenance;

namespace OpenCts.Storage.Sqlite.Maintenance;

/// <summary>Online backup of the embedded store: SQLite's backup API copies <c>cts.db</c>, the ledger's tables with it, while a server keeps writing.</summary>
/// <remarks>
/// The backup runs in one step inside one read transaction, so the copy is the database as of one commit; in WAL mode the
/// server's writers are not blocked meanwhile. The ledger keeps nothing outside the database but its keys, which live in
/// the data folder and are copied by the application with the folder's other files.
/// </remarks>
/// <param name="dataDirectory">The data folder of the store to copy from, or to restore into.</param>
public sealed class SqliteStoreBackup(string dataDirectory) : IStoreBackup
{
    /// <inheritdoc/>
    public string Backend => "sqlite";

    /// <inheritdoc/>
    public Task<DatabaseCopy> CopyAsync(string directory, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var source = Path.Combine(dataDirectory, SqliteStore.FileName);
        if (!File.Exists(source))
        {
            throw new StoreBackupException($"{dataDirectory}: no store to back up ({SqliteStore.FileName} not found)");
        }
        var target = Path.Combine(directory, SqliteStore.FileName);
        if (File.Exists(target))
        {
            throw new StoreBackupException($"{target}: already exists; back up into an empty folder");
        }
        using (var from = Open(source, SqliteOpenMode.ReadWrite))
        using (var to = Open(target, SqliteOpenMode.ReadWriteCreate))
        {
            from.BackupDatabase(to);
        }
        var (head, pending, messages) = Describe(target);
        return Task.FromResult(new DatabaseCopy([SqliteStore.FileName], head, pending, messages));
    }

    /// <inheritdoc/>
    public Task<LedgerHead> RestoreAsync(string directory, DatabaseCopy copy, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(copy);
        var source = Path.Combine(directory, SqliteStore.FileName);
        if (!copy.Files.Contains(SqliteStore.FileName, StringComparer.Ordinal) || !File.Exists(source))
        {
            throw new StoreBackupException($"{directory}: the backup holds no {SqliteStore.FileName}");
        }
        Directory.CreateDirectory(dataDirectory);
        var target = Path.Combine(dataDirectory, SqliteStore.FileName);
        // Copied through the backup API rather than as bytes, so a store restored over a running reader's folder is never torn.
        using (var from = Open(source, SqliteOpenMode.ReadOnly))
        using (var to = Open(target, SqliteOpenMode.ReadWriteCreate))
        {
            Check(from, source);
            from.BackupDatabase(to);
        }
        return Task.FromResult(Describe(target).Head);
    }

    private static void Check(SqliteConnection connection, string path)
    {
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        var result = check.ExecuteScalar() as string;
        if (!string.Equals(result, "ok", StringComparison.Ordinal))
        {
            throw new StoreBackupException($"{path}: the database copy is damaged (integrity check: {result})");
        }
    }

    private static (LedgerHead Head, long Pending, long Messages) Describe(string path)
    {
        try
        {
            using var connection = Open(path, SqliteOpenMode.ReadOnly);
            long size;
            byte[] root;
            using (var ledger = OpenCts.Ledger.Storage.LedgerReader.On(connection))
            {
                (size, root) = ledger.Tree();
            }
            return (new LedgerHead(size, root), Count(connection, "ledger_pending"), Count(connection, "raw_messages"));
        }
        catch (SqliteException e)
        {
            throw new StoreBackupException($"{path}: not an OpenCTS store ({e.Message})", e);
        }
    }

    private static long Count(SqliteConnection connection, string table)
    {
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM {table}";
        return (long)count.ExecuteScalar()!;
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        // A writer committing at the moment the backup starts makes it wait, not fail.
        pragma.CommandText = "PRAGMA busy_timeout = 30000";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
