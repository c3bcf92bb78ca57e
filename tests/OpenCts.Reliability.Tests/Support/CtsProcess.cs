using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OpenCts.Reliability.Tests.Support;

/// <summary>The real <c>cts</c> command in its own process (<c>dotnet cts.dll</c>), as an operator runs it.</summary>
internal sealed partial class CtsProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CtsProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => _address.TrySetException(new InvalidOperationException("cts serve exited: " + Output));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>cts serve</c> on a data folder and a free loopback port, and waits until it listens.</summary>
    public static async Task<(CtsProcess Server, Uri Address)> ServeAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var server = new CtsProcess(Process.Start(Start("serve", "--data", dataDirectory, "--urls", "http://127.0.0.1:0"))!);
        try
        {
            return (server, await server._address.Task.WaitAsync(TimeSpan.FromSeconds(120), cancellationToken));
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Runs a <c>cts</c> command to its end; returns its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var process = Process.Start(Start(args))!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Kills the process with SIGKILL: no clean-up, no flush, no graceful shutdown, as a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
        if (Serving().Match(line) is { Success: true } match)
        {
            _address.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private static ProcessStartInfo Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cts.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["COLUMNS"] = "400";
        start.Environment["NO_COLOR"] = "1";
        return start;
    }

    [GeneratedRegex(@"^serving .* at (http://\S+) \(")]
    private static partial Regex Serving();
}
