using System.Diagnostics;
using Npgsql;
using OpenCts.Storage.Maintenance;

namespace OpenCts.Storage.Postgres.Maintenance;

/// <summary>Online backup of a PostgreSQL store with <c>pg_dump</c>, the dump and the manifest's ledger head taken from one exported snapshot.</summary>
/// <remarks>
/// A REPEATABLE READ transaction exports its snapshot, reads the ledger's tree in it, and holds it while <c>pg_dump
/// --snapshot</c> dumps the same state, so the manifest describes exactly the dump while servers keep writing. Restoring is
/// the database's own tool's work (<c>pg_restore</c> into an empty database), which this class names rather than runs:
/// replacing a shared database is for its administrator to do knowingly. Whole-cluster backups with point-in-time
/// recovery are <c>pg_basebackup</c> with WAL archiving, outside OpenCTS.
/// </remarks>
/// <param name="connectionString">The store's database, in Npgsql's keyword form.</param>
public sealed class PostgresStoreBackup(string connectionString) : IStoreBackup
{
    /// <summary>The dump's file name in the backup folder.</summary>
    public const string DumpFile = "cts.pgdump";

    /// <inheritdoc/>
    public string Backend => "postgres";

    /// <inheritdoc/>
    public async Task<DatabaseCopy> CopyAsync(string directory, CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var pgDump = FindOnPath("pg_dump") ?? throw new StoreBackupException(
            $"pg_dump is not on PATH: install the PostgreSQL client tools (apt-get install postgresql-client), or back up {PostgresConnection.Describe(settings)} with pg_dump --format=custom or pg_basebackup yourself");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var snapshot = (string)(await Scalar(connection, transaction, "SELECT pg_export_snapshot()", cancellationToken).ConfigureAwait(false))!;
        var (size, root) = await Ledger.PostgresLedgerQueries.TreeAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var pending = (long)(await Scalar(connection, transaction, "SELECT count(*) FROM ledger_pending", cancellationToken).ConfigureAwait(false))!;
        var messages = (long)(await Scalar(connection, transaction, "SELECT count(*) FROM raw_messages", cancellationToken).ConfigureAwait(false))!;

        var start = new ProcessStartInfo(pgDump) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "--format=custom", "--no-owner", "--snapshot=" + snapshot, "--file=" + Path.Combine(directory, DumpFile) })
        {
            start.ArgumentList.Add(arg);
        }
        // The password goes by the environment, never on a command line other users can read.
        start.Environment["PGHOST"] = settings.Host;
        start.Environment["PGPORT"] = settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = settings.Database;
        start.Environment["PGUSER"] = settings.Username;
        if (!string.IsNullOrEmpty(settings.Password))
        {
            start.Environment["PGPASSWORD"] = settings.Password;
        }
        using var process = Process.Start(start) ?? throw new StoreBackupException("pg_dump could not be started");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new StoreBackupException($"pg_dump of {PostgresConnection.Describe(settings)} failed ({process.ExitCode}): {(await error.ConfigureAwait(false)).Trim()}");
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DatabaseCopy([DumpFile], new LedgerHead(size, root), pending, messages);
    }

    /// <inheritdoc/>
    public Task<LedgerHead> RestoreAsync(string directory, DatabaseCopy copy, CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        throw new StoreBackupException(
            $"a PostgreSQL backup is restored with pg_restore into an empty database: createdb {settings.Database} && pg_restore --no-owner --dbname={settings.Database} {Path.Combine(directory, DumpFile)}; "
            + $"then copy the backup's keys/ folder into the --data folder and run cts ledger audit --store {PostgresConnection.Describe(settings)}");
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}
