using OpenCts.Tests.Shared;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using OpenCts.Storage.Postgres;

namespace OpenCts.Storage.Tests.Support;

/// <summary>The PostgreSQL server the tests run against, and a fresh database on it for each test.</summary>
/// <remarks>
/// CI names a server in <c>OPENCTS_TEST_POSTGRES</c> (<c>.ci/services/postgres.sh</c> starts one). Without it, the tests
/// start a private server of their own from the Debian binaries (<c>/usr/lib/postgresql/*/bin</c>) in a temporary
/// folder, bound to 127.0.0.1 on a free port, and stop it when the test process ends. Without either, they fail and say
/// how to get PostgreSQL: a backend that is not tested must not look as if it were.
/// </remarks>
internal static class PostgresServer
{
    public const string Variable = "OPENCTS_TEST_POSTGRES";

    private static readonly Lazy<Task<NpgsqlConnectionStringBuilder>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Creates a database of its own for one test; returns its connection string in Npgsql's keyword form.</summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var server = await Server.Value.ConfigureAwait(false);
        var name = "opencts_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Drops a test's database, whoever is still connected to it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var server = await Server.Value.ConfigureAwait(false);
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task<NpgsqlConnectionStringBuilder> StartAsync()
    {
        var named = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            var settings = PostgresConnection.Parse(named);
            settings.Pooling = false;
            return settings;
        }
        DebianPackages.Ensure("postgresql", () => FindBinaries() is not null, "PostgreSQL, for the PostgreSQL store tests,");
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            $"The PostgreSQL store tests need a PostgreSQL server. Set {Variable}=postgres://user@host:port/database to use one, " +
            "or install PostgreSQL (Debian: apt-get install postgresql) so that the tests can start a private server from /usr/lib/postgresql/*/bin.");
        return await PrivateServer.StartAsync(bin).ConfigureAwait(false);
    }

    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }
        return Directory.GetDirectories(root)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
            .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")) && File.Exists(Path.Combine(d.Dir, "pg_ctl")))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Dir)
            .FirstOrDefault();
    }

    /// <summary>A server of the test process's own, in a temporary folder, stopped and removed when the process ends.</summary>
    private static class PrivateServer
    {
        public static async Task<NpgsqlConnectionStringBuilder> StartAsync(string bin)
        {
            var folder = Path.Combine(Path.GetTempPath(), "opencts-pg-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(folder);
            // PostgreSQL refuses to run as root: as root, its tools run as the postgres user, who must own the folder.
            var asRoot = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
            if (asRoot)
            {
                await RunAsync($"chown postgres '{folder}'", asRoot: false, folder).ConfigureAwait(false);
            }
            var data = Path.Combine(folder, "data");
            await RunAsync($"'{bin}/initdb' -D '{data}' -A trust -U postgres -E UTF8 --no-sync", asRoot, folder).ConfigureAwait(false);
            var port = FreePort();
            var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(bin, data, folder, asRoot);
            await RunAsync($"'{bin}/pg_ctl' -D '{data}' -l '{folder}/server.log' -o '{options}' -w -t 60 start", asRoot, folder).ConfigureAwait(false);
            return new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = false };
        }

        private static void Stop(string bin, string data, string folder, bool asRoot)
        {
            try
            {
                RunAsync($"'{bin}/pg_ctl' -D '{data}' -m immediate -w stop", asRoot, folder).GetAwaiter().GetResult();
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                // The folder is in the temporary folder; the machine clears it in time.
            }
        }

        /// <summary>Runs a command through the shell, its output in a file (the server it starts keeps no pipe of ours open).</summary>
        private static async Task RunAsync(string command, bool asRoot, string folder)
        {
            var output = Path.Combine(folder, "command.out");
            var line = asRoot ? $"runuser -u postgres -- {command}" : command;
            using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"{line} > '{output}' 2>&1"]) { UseShellExecute = false })
                ?? throw new InvalidOperationException($"could not run {line}");
            await process.WaitForExitAsync().ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                var said = File.Exists(output) ? await File.ReadAllTextAsync(output).ConfigureAwait(false) : "";
                throw new InvalidOperationException($"starting a private PostgreSQL for the tests failed: {line} exited with {process.ExitCode}: {said}");
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
