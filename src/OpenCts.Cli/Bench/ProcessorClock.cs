using System.Diagnostics;

namespace OpenCts.Cli.Bench;

/// <summary>The processor time a load phase cost the server (when it is our own child process) and the generator.</summary>
internal sealed record PhaseProcessor(string Phase, int Requests, TimeSpan? Server, TimeSpan Generator)
{
    public double? ServerMsPerRequest => Server is { } s && Requests > 0 ? s.TotalMilliseconds / Requests : null;

    public double GeneratorMsPerRequest => Requests > 0 ? Generator.TotalMilliseconds / Requests : 0;
}

/// <summary>Reads the processor time of the server and of this process at the start of a phase, and the difference at its end.</summary>
internal sealed class ProcessorClock
{
    private readonly ServeProcess? _server;
    private readonly TimeSpan? _serverStart;
    private readonly TimeSpan _generatorStart;

    private ProcessorClock(ServeProcess? server)
    {
        _server = server;
        _serverStart = server?.ProcessorTime;
        _generatorStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    public static ProcessorClock Start(ServeProcess? server) => new(server);

    public PhaseProcessor Stop(string phase, int requests) => new(
        phase,
        requests,
        _server is not null ? _server.ProcessorTime - _serverStart : null,
        Process.GetCurrentProcess().TotalProcessorTime - _generatorStart);
}
