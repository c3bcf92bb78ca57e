using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OpenCts.Pipeline.Bench;

/// <summary>A nats-server and a PostgreSQL of a benchmark's own, in a temporary folder on loopback ports, stopped when disposed.</summary>
/// <remarks>From the Debian packages <c>nats-server</c> and <c>postgresql</c>; as root, PostgreSQL runs as the postgres user.</remarks>
public sealed class PrivateServers : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "opencts-bench-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly bool _asRoot = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
    private Process? _nats;
    private string? _postgresBin;

    private PrivateServers()
    {
    }

    /// <summary>The <c>--stream</c> address of the nats-server, without a pipeline name.</summary>
    public string Nats { get; private set; } = "";

    /// <summary>The PostgreSQL server as an Npgsql connection string, to the <c>postgres</c> database.</summary>
    public string Postgres { get; private set; } = "";

    /// <summary>Starts both.</summary>
    /// <exception cref="InvalidOperationException">A package is missing, or a server did not start.</exception>
    public static async Task<PrivateServers> StartAsync(CancellationToken cancellationToken)
    {
        var servers = new PrivateServers();
        Directory.CreateDirectory(servers._folder);
        try
        {
            await servers.StartNatsAsync(cancellationToken).ConfigureAwait(false);
            await servers.StartPostgresAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await servers.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return servers;
    }

    private async Task StartNatsAsync(CancellationToken cancellationToken)
    {
        var binary = new[] { "/usr/sbin/nats-server", "/usr/bin/nats-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nats-server is missing: install the Debian package nats-server, or give --stream");
        var port = FreePort();
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-js", "-sd", Path.Combine(_folder, "nats"), "-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        _nats = Process.Start(start) ?? throw new InvalidOperationException("could not start nats-server");
        _nats.OutputDataReceived += (_, _) => { };
        _nats.ErrorDataReceived += (_, _) => { };
        _nats.BeginOutputReadLine();
        _nats.BeginErrorReadLine();
        for (var tries = 0; ; tries++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (SocketException) when (tries < 400)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
        Nats = string.Create(CultureInfo.InvariantCulture, $"nats://127.0.0.1:{port}");
    }

    private async Task StartPostgresAsync(CancellationToken cancellationToken)
    {
        const string root = "/usr/lib/postgresql";
        _postgresBin = (Directory.Exists(root) ? Directory.GetDirectories(root) : [])
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault() ?? throw new InvalidOperationException("PostgreSQL is missing: install the Debian package postgresql, or give --store");
        if (_asRoot)
        {
            await RunAsync($"chown postgres '{_folder}'", asRoot: false, cancellationToken).ConfigureAwait(false);
        }
        var data = Path.Combine(_folder, "pg");
        await RunAsync($"'{_postgresBin}/initdb' -D '{data}' -A trust -U postgres -E UTF8 --no-sync", _asRoot, cancellationToken).ConfigureAwait(false);
        var port = FreePort();
        // Durable commits, as in production: the figures include the write-ahead log's flushes.
        var options = $"-p {port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=100";
        await RunAsync($"'{_postgresBin}/pg_ctl' -D '{data}' -l '{_folder}/pg.log' -o '{options}' -w -t 60 start", _asRoot, cancellationToken).ConfigureAwait(false);
        Postgres = string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres");
    }

    private async Task RunAsync(string command, bool asRoot, CancellationToken cancellationToken)
    {
        var output = Path.Combine(Path.GetTempPath(), Path.GetFileName(_folder) + ".out");
        var line = asRoot ? $"runuser -u postgres -- {command}" : command;
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"{line} > '{output}' 2>&1"]) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"could not run {line}");
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{line} exited with {process.ExitCode}: {await File.ReadAllTextAsync(output, cancellationToken).ConfigureAwait(false)}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_nats is { HasExited: false })
        {
            _nats.Kill();
            await _nats.WaitForExitAsync().ConfigureAwait(false);
        }
        _nats?.Dispose();
        if (_postgresBin is not null)
        {
            try
            {
                await RunAsync($"'{_postgresBin}/pg_ctl' -D '{Path.Combine(_folder, "pg")}' -m immediate -w stop", _asRoot, CancellationToken.None).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Not started; nothing to stop.
            }
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary folder: the machine clears it in time.
        }
    }
}
