using System.Diagnostics;
using System.Globalization;

namespace OpenCts.Commerce.Tests.Valuation;

/// <summary>Operations per second of a loop, by the wall clock and by the process's processor time.</summary>
/// <remarks>
/// On a machine shared with other builds the wall clock counts the time other processes had the core; processor time
/// counts only ours, which is what one core would do for the loop alone. Both are printed.
/// </remarks>
internal static class Throughput
{
    public static string Measure(int operations, Action<int> operation)
    {
        // A tenth as many first, so that the loop measured runs the JIT's optimised code.
        for (var i = 0; i < operations / 10; i++)
        {
            operation(i);
        }
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < operations; i++)
        {
            operation(i);
        }
        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture, $"{operations / cpu:N0}/s of processor time ({operations / wall:N0}/s by the wall clock)");
    }
}
