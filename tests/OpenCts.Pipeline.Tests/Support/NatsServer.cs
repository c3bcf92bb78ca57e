using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OpenCts.Tests.Shared;

namespace OpenCts.Pipeline.Tests.Support;

/// <summary>A real nats-server with JetStream, of one test class, on a free loopback port with its store in a temporary folder.</summary>
/// <remarks>It can be killed and started again on the same port and store, as an operator's restart would.</remarks>
public sealed class NatsServer : IAsyncLifetime
{
    private static readonly string[] Binaries = ["/usr/sbin/nats-server", "/usr/bin/nats-server"];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "opencts-nats-" + Guid.NewGuid().ToString("N")[..12]);
    private Process? _process;

    public int Port { get; } = FreePort();

    /// <summary>The address of a pipeline of its own on this server, for one test.</summary>
    public string Pipeline(string name) => string.Create(CultureInfo.InvariantCulture, $"nats://127.0.0.1:{Port}/{name}");

    public async ValueTask InitializeAsync()
    {
        DebianPackages.Ensure("nats-server", () => Binaries.Any(File.Exists), "nats-server, for the pipeline tests,");
        Directory.CreateDirectory(_folder);
        await StartAsync();
    }

    /// <summary>Starts the server and waits until it takes connections.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Binaries.First(File.Exists))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-js", "-sd", Path.Combine(_folder, "store"), "-a", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start nats-server");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
