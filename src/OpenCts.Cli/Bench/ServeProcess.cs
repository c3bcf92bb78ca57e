using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OpenCts.Cli.Bench;

/// <summary>A <c>cts serve</c> of this same build in a process of its own, on a loopback port it picks, as an operator would run it.</summary>
internal sealed partial class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Text.StringBuilder _output = new();

    private ServeProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.Exited += (_, _) => _address.TrySetException(new InvalidOperationException("cts serve exited before it listened: " + Output));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What the server printed so far.</summary>
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

    /// <summary>The processor time the server has used so far, on every core.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Starts <c>cts serve --data DIR --urls http://127.0.0.1:0</c> and waits until it listens.</summary>
    public static async Task<(ServeProcess Server, Uri Address)> StartAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var start = Command("serve", "--data", dataDirectory, "--urls", "http://127.0.0.1:0");
        var server = new ServeProcess(Process.Start(start) ?? throw new InvalidOperationException("cts serve could not be started"));
        try
        {
            var address = await server._address.Task.WaitAsync(TimeSpan.FromSeconds(120), cancellationToken).ConfigureAwait(false);
            return (server, address);
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>The command line that runs this build of <c>cts</c>: its apphost, or <c>dotnet cts.dll</c> when it runs under the host.</summary>
    public static ProcessStartInfo Command(params string[] args)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(ServeProcess).Assembly.Location);
        }
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // Lines a script reads must not wrap or carry colour codes.
        start.Environment["COLUMNS"] = "400";
        start.Environment["NO_COLOR"] = "1";
        return start;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }

    private void Line(string? line)
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

    [GeneratedRegex(@"^serving .* at (http://\S+) \(")]
    private static partial Regex Serving();
}
