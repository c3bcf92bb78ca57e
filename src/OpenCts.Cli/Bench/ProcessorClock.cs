using System.Diagnostics;

namespace OpenCts.Cli.Bench;

/// <summary>The processor time a load phase cost the server (when it is our own child process) and the generator.</summary>
internal sealed record PhaseProcessor(string Phase, int Requests, TimeSpan? Server, TimeSpan Generator, ServerRuntime? Runtime)
{
    public double? ServerMsPerRequest => Server is { } s && Requests > 0 ? s.TotalMilliseconds / Requests : null;

    public double GeneratorMsPerRequest => Requests > 0 ? Generator.TotalMilliseconds / Requests : 0;
}

/// <summary>Reads the processor time of the server and of this process at the start of a phase, and the difference at its end.</summary>
internal sealed class ProcessorClock
{
    private readonly ServeProcess? _server;
    private readonly HttpClient _http;
    private readonly TimeSpan? _serverStart;
    private readonly TimeSpan _generatorStart;
    private readonly RuntimeCounters? _runtimeStart;

    private ProcessorClock(ServeProcess? server, HttpClient http, RuntimeCounters? runtime)
    {
        _server = server;
        _http = http;
        _runtimeStart = runtime;
        _serverStart = server?.ProcessorTime;
        _generatorStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    public static async Task<ProcessorClock> StartAsync(ServeProcess? server, HttpClient http, CancellationToken cancellationToken) =>
        new(server, http, await RuntimeCounters.ReadAsync(http, cancellationToken).ConfigureAwait(false));

    public async Task<PhaseProcessor> StopAsync(string phase, int requests, CancellationToken cancellationToken)
    {
        var server = _server is not null ? _server.ProcessorTime - _serverStart : null;
        var generator = Process.GetCurrentProcess().TotalProcessorTime - _generatorStart;
        var runtime = _runtimeStart is null ? null : await RuntimeCounters.ReadAsync(_http, cancellationToken).ConfigureAwait(false);
        return new PhaseProcessor(phase, requests, server, generator, runtime is null ? null : _runtimeStart!.Until(runtime, requests));
    }
}
