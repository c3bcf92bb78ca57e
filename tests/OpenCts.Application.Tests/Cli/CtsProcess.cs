using System.Diagnostics;

namespace OpenCts.Application.Tests.Cli;

/// <summary>Runs the real <c>cts</c> command in its own process, as a user would, and captures what it prints.</summary>
/// <remarks>The same runner as the CLI tests of OpenCts.Core.Tests.</remarks>
internal static class CtsProcess
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public string All => Out + Error;
    }

    public static async Task<Result> RunAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cts.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // A wide, plain console so that tables are not wrapped mid-word and no colour codes reach the assertions.
        start.Environment["COLUMNS"] = "240";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            // Asynchronously, so that the loopback server in this process keeps answering while cts downloads from it.
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cts {string.Join(' ', args)} did not finish in 3 minutes");
        }
        return new Result(process.ExitCode, await output, await error);
    }
}
