using System.Diagnostics;
using OpenCts.Tests.Shared;

namespace OpenCts.Cli.Tests;

/// <summary><c>cts assess</c> holds gen0 to 64 MB, which the runtime reads only from the environment, so the command starts itself again with it.</summary>
public sealed class BulkCollectorTests
{
    [Fact]
    public void Cts_assess_runs_with_a_gen0_budget_of_64_MB_and_keeps_one_the_operator_set()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the command starts itself again only on Linux");
        Assert.Equal("0x4000000", Gen0SizeWhileAssessing(operatorValue: null));
        Assert.Equal("0x2000000", Gen0SizeWhileAssessing(operatorValue: "0x2000000"));
    }

    /// <summary>The gen0 budget in the environment of a running <c>cts assess</c>, read from <c>/proc</c>; null if it never had one.</summary>
    private static string? Gen0SizeWhileAssessing(string? operatorValue)
    {
        using var temp = new TempFolder();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = temp.Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "cts.dll"), "assess", Path.Combine(RepositoryData.RepositoryRoot, "samples"), "--data", "store", "--quiet" })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("DOTNET_GCgen0size");
        if (operatorValue is not null)
        {
            start.Environment["DOTNET_GCgen0size"] = operatorValue;
        }
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            // The process replaces itself (same id) before it reads its arguments, so once it has made the store the
            // environment it runs with is the one it will keep.
            var deadline = Stopwatch.StartNew();
            while (!process.HasExited && !Directory.Exists(Path.Combine(temp.Directory, "store")) && deadline.Elapsed < TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(10);
            }
            Assert.False(process.HasExited, "cts assess ended before its environment could be read");
            return EnvironmentOf(process.Id).FirstOrDefault(v => v.StartsWith("DOTNET_GCgen0size=", StringComparison.Ordinal))?["DOTNET_GCgen0size=".Length..];
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private static string[] EnvironmentOf(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}
