using System.Diagnostics;
using OpenCts.Tests.Shared;

namespace OpenCts.Cli.Tests;

/// <summary>
/// <c>cts assess</c> holds gen0 to 64 MB and compiles its hot methods fully at once, settings the runtime reads only from
/// the environment, so the command starts itself again with them.
/// </summary>
public sealed class BulkCollectorTests
{
    [Fact]
    public void Cts_assess_runs_with_a_gen0_budget_of_64_MB_and_keeps_one_the_operator_set()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the command starts itself again only on Linux");
        Assert.Equal("0x4000000", SettingWhileAssessing("DOTNET_GCgen0size", operatorValue: null));
        Assert.Equal("0x2000000", SettingWhileAssessing("DOTNET_GCgen0size", operatorValue: "0x2000000"));
    }

    [Fact]
    public void Cts_assess_runs_without_the_profiling_tier_and_promotes_hot_methods_without_delay_unless_the_operator_says_otherwise()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the command starts itself again only on Linux");
        Assert.Equal("0", SettingWhileAssessing("DOTNET_TieredPGO", operatorValue: null));
        Assert.Equal("0", SettingWhileAssessing("DOTNET_TC_CallCountingDelayMs", operatorValue: null));
        Assert.Equal("1", SettingWhileAssessing("DOTNET_TieredPGO", operatorValue: "1"));
    }

    [Fact]
    public void Cts_assess_compiles_fully_only_methods_called_a_thousand_times_unless_the_operator_says_otherwise()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the command starts itself again only on Linux");
        Assert.Equal("1000", SettingWhileAssessing("DOTNET_TC_CallCountThreshold", operatorValue: null));
        Assert.Equal("30", SettingWhileAssessing("DOTNET_TC_CallCountThreshold", operatorValue: "30"));
    }

    [Fact]
    public void Cts_assess_gives_the_C_librarys_allocator_two_arenas_unless_the_operator_says_otherwise()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the command starts itself again only on Linux");
        Assert.Equal("2", SettingWhileAssessing("MALLOC_ARENA_MAX", operatorValue: null));
        Assert.Equal("8", SettingWhileAssessing("MALLOC_ARENA_MAX", operatorValue: "8"));
    }

    /// <summary>A variable in the environment of a running <c>cts assess</c>, read from <c>/proc</c>; null if it never had one.</summary>
    private static string? SettingWhileAssessing(string name, string? operatorValue)
    {
        using var temp = new TempFolder();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = temp.Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "cts.dll"), "assess", Path.Combine(RepositoryData.RepositoryRoot, "samples"), "--data", "store", "--quiet" })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove(name);
        if (operatorValue is not null)
        {
            start.Environment[name] = operatorValue;
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
            return EnvironmentOf(process.Id).FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
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
