using System.Diagnostics;

namespace OpenCts.Cli.Tests;

/// <summary>Runs the real <c>cts</c> command in its own process, as a user would, and captures what it prints.</summary>
internal static class CtsProcess
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public string All => Out + Error;
    }

    public static Result Run(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(Start(workingDirectory, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cts {string.Join(' ', args)} did not finish in 3 minutes");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs the command without blocking a thread, so that a server in the test's process keeps answering while <c>cts</c> talks to it.</summary>
    public static async Task<Result> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(Start(workingDirectory, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cts {string.Join(' ', args)} did not finish in 3 minutes");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo Start(string workingDirectory, string[] args)
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
        return start;
    }

    /// <summary>The single line a command printed, after checking that it printed nothing else (no stack trace).</summary>
    public static string OneLine(Result run)
    {
        var lines = run.All.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Assert.Single(lines);
    }
}
