using System.Diagnostics;
using Npgsql;
using OpenCts.Application.Maintenance;
using OpenCts.Reliability.Tests.Support;
using OpenCts.Storage.Postgres;
using OpenCts.Storage.Postgres.Maintenance;
using OpenCts.Storage.Tests.Support;
using OpenCts.Tests.Shared;

namespace OpenCts.Reliability.Tests;

/// <summary>
/// A PostgreSQL store backed up with <c>cts backup --store</c> and brought back the way docs/operations.md says: <c>pg_restore</c>
/// into a fresh database, the backup's keys beside it, then <c>cts ledger audit</c> on the restored database.
/// </summary>
public sealed class PostgresBackupTests
{
    [Fact]
    public async Task A_PostgreSQL_store_backed_up_with_cts_backup_and_restored_with_pg_restore_into_a_fresh_database_passes_the_ledger_audit()
    {
        var token = TestContext.Current.CancellationToken;
        var (source, fresh) = await DatabasesOrSkipAsync(token);
        var root = Path.Combine(Path.GetTempPath(), "opencts-reliability-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var data = Path.Combine(root, "data");
            var store = PostgresConnection.Describe(new NpgsqlConnectionStringBuilder(source));
            var ingest = await CtsProcess.RunAsync(token, "ingest", Path.Combine(RepositoryData.RepositoryRoot, "samples", "messages"), "--store", store, "--data", data);
            Assert.True(ingest.ExitCode == 0, ingest.Output);
            var checkpoint = await CtsProcess.RunAsync(token, "ledger", "checkpoint", "--store", store, "--data", data);
            Assert.True(checkpoint.ExitCode == 0, checkpoint.Output);

            var backup = Path.Combine(root, "backup");
            var backedUp = await CtsProcess.RunAsync(token, "backup", "--store", store, "--data", data, "--to", backup);
            Assert.True(backedUp.ExitCode == 0, backedUp.Output);
            var manifest = BackupManifest.Load(backup);
            Assert.Equal("postgres", manifest.Backend);
            Assert.Contains(manifest.Files, f => f.Path == PostgresStoreBackup.DumpFile);
            Assert.Contains(manifest.Files, f => f.Path == "keys/ledger.vkeys");
            Assert.True(manifest.Messages >= 8, $"{manifest.Messages} messages in the backup");
            Assert.True(manifest.TreeSize >= manifest.Messages, $"tree {manifest.TreeSize}");

            // The documented restore: cts restore names these steps for PostgreSQL rather than replace a shared database.
            var refused = await CtsProcess.RunAsync(token, "restore", "--from", backup, "--data", Path.Combine(root, "unused"));
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("pg_restore --no-owner", refused.Output, StringComparison.Ordinal);
            await PgRestoreAsync(fresh, Path.Combine(backup, PostgresStoreBackup.DumpFile), token);
            var keys = Path.Combine(root, "restored-keys");
            CopyFolder(Path.Combine(backup, "keys"), Path.Combine(keys, "keys"));
            var restoredStore = PostgresConnection.Describe(new NpgsqlConnectionStringBuilder(fresh));

            var audit = await CtsProcess.RunAsync(token, "ledger", "audit", "--store", restoredStore, "--data", keys);

            Assert.True(audit.ExitCode == 0, audit.Output);
            Assert.Contains("audit clean", audit.Output, StringComparison.Ordinal);
            await using (var restored = new NpgsqlConnection(fresh))
            {
                await restored.OpenAsync(token);
                await using var count = new NpgsqlCommand("SELECT count(*) FROM raw_messages", restored);
                Assert.Equal(manifest.Messages, (long)(await count.ExecuteScalarAsync(token))!);
                await using (var tree = new NpgsqlCommand("SELECT size, root FROM ledger_tree WHERE id = 1", restored))
                await using (var reader = await tree.ExecuteReaderAsync(token))
                {
                    Assert.True(await reader.ReadAsync(token));
                    Assert.Equal((manifest.TreeSize, manifest.RootHash), (reader.GetInt64(0), Convert.ToBase64String((byte[])reader.GetValue(1))));
                }

                // The same audit on the restored copy names a record changed behind the store's back: the clean result above is not a given.
                await using var edit = new NpgsqlCommand("UPDATE audit_log SET actor = 'mallory' WHERE id = (SELECT min(id) FROM audit_log)", restored);
                var edited = await edit.ExecuteNonQueryAsync(token);
                if (edited == 0)
                {
                    await using var other = new NpgsqlCommand("UPDATE raw_messages SET sender = 'mallory' WHERE id = (SELECT min(id) FROM raw_messages)", restored);
                    Assert.Equal(1, await other.ExecuteNonQueryAsync(token));
                }
            }
            var tampered = await CtsProcess.RunAsync(token, "ledger", "audit", "--store", restoredStore, "--data", keys);
            Assert.Equal(1, tampered.ExitCode);
            Assert.Contains("audit found problems", tampered.Output, StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresServer.DropDatabaseAsync(source);
            await PostgresServer.DropDatabaseAsync(fresh);
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Two databases on the tests' PostgreSQL server: the store's, and an empty one to restore into; skips when there is no server to be had.</summary>
    private static async Task<(string Source, string Fresh)> DatabasesOrSkipAsync(CancellationToken cancellationToken)
    {
        string source;
        try
        {
            source = await PostgresServer.CreateDatabaseAsync(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            Assert.Skip("no PostgreSQL server is reachable, so the PostgreSQL backup cannot be restored here: " + e.Message);
            throw;
        }
        foreach (var tool in new[] { "pg_dump", "pg_restore" })
        {
            if (FindOnPath(tool) is null)
            {
                await PostgresServer.DropDatabaseAsync(source);
                Assert.Skip($"{tool} is not on PATH (Debian: apt-get install postgresql-client), so the documented backup and restore cannot run here");
            }
        }
        return (source, await PostgresServer.CreateDatabaseAsync(cancellationToken));
    }

    /// <summary>pg_restore --no-owner into an empty database, as docs/operations.md says; the connection goes by the environment.</summary>
    private static async Task PgRestoreAsync(string database, string dump, CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(database);
        var start = new ProcessStartInfo(FindOnPath("pg_restore")!) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "--no-owner", "--exit-on-error", "--dbname=" + settings.Database, dump })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["PGHOST"] = settings.Host;
        start.Environment["PGPORT"] = settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = settings.Username;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"pg_restore exited with {process.ExitCode}: {await output}{await error}");
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}
