using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OpenCts.Tests.Shared;

namespace OpenCts.Pipeline.Tests.Support;

/// <summary>A real nats-server with JetStream on loopback: the one <c>.ci/run</c> started, or one of this test class on a free port with its store in a temporary folder.</summary>
/// <remarks>
/// <c>.ci/services/nats.sh</c> names its server in <see cref="Variable"/>; each test takes a pipeline (a stream) of its own on it.
/// Without it, or for a class that kills its server (<see cref="PrivateNatsServer"/>), the class starts its own, which can be
/// killed and started again on the same port and store, as an operator's restart would.
/// </remarks>
public class NatsServer : IAsyncLifetime
{
    public const string Variable = "OPENCTS_TEST_NATS";

    private static readonly string[] Binaries = ["/usr/sbin/nats-server", "/usr/bin/nats-server"];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "opencts-nats-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly bool _shared;
    private Process? _process;

    public NatsServer()
    {
        var named = MayShare ? Environment.GetEnvironmentVariable(Variable) : null;
        if (!string.IsNullOrWhiteSpace(named) && Uri.TryCreate(named, UriKind.Absolute, out var address) && address.Port > 0)
        {
            _shared = true;
            Port = address.Port;
        }
        else
        {
            Port = FreePort();
        }
    }

    public int Port { get; }

    /// <summary>Whether this class may use the server <c>.ci/run</c> started rather than one of its own.</summary>
    protected virtual bool MayShare => true;

    /// <summary>The address of a pipeline of its own on this server, for one test.</summary>
    public string Pipeline(string name) => string.Create(CultureInfo.InvariantCulture, $"nats://127.0.0.1:{Port}/{name}");

    public async ValueTask InitializeAsync()
    {
        if (_shared)
        {
            return;
        }
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
        if (_shared)
        {
            throw new InvalidOperationException("the shared nats-server of .ci/run is not this class's to kill; use PrivateNatsServer");
        }
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
        GC.SuppressFinalize(this);
        if (_shared)
        {
            return;
        }
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

/// <summary>A nats-server of the test class's own, always: the class kills and restarts it.</summary>
public sealed class PrivateNatsServer : NatsServer
{
    protected override bool MayShare => false;
}
