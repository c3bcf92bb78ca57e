using System.Diagnostics;
using OpenCts.Screening.Matching;

namespace OpenCts.Bench.Quality;

/// <summary>Measures how many names per second an index screens, for <c>cts bench screening</c> and <c>cts bench targeting</c>.</summary>
public static class ScreeningSpeed
{
    /// <summary>Names per second on the calling thread, cycling through the names for at least the given time (and at least one pass).</summary>
    /// <param name="index">The index to screen against.</param>
    /// <param name="names">The names, such as a mix of listed variants and ordinary names.</param>
    /// <param name="options">The screening options.</param>
    /// <param name="duration">How long to measure.</param>
    /// <param name="explained">True to time <see cref="ScreeningIndex.Screen"/> with its explanations; false for the <see cref="ScreeningIndex.BestScore"/> fast path.</param>
    public static double NamesPerSecond(ScreeningIndex index, IReadOnlyList<string> names, ScreeningOptions options, TimeSpan duration, bool explained)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            return 0;
        }
        // One untimed pass warms the JIT and the thread's scratch memory.
        Run(index, names, options, explained, Math.Min(names.Count, 500));
        var clock = Stopwatch.StartNew();
        long screened = 0;
        do
        {
            screened += Run(index, names, options, explained, names.Count);
        }
        while (clock.Elapsed < duration);
        return screened / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Names per second over several threads at once, each cycling through the names.</summary>
    public static double NamesPerSecondParallel(ScreeningIndex index, IReadOnlyList<string> names, ScreeningOptions options, TimeSpan duration, int threads)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(names);
        var rates = new double[threads];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t => rates[t] = NamesPerSecond(index, names, options, duration, explained: false));
        return rates.Sum();
    }

    private static int Run(ScreeningIndex index, IReadOnlyList<string> names, ScreeningOptions options, bool explained, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (explained)
            {
                index.Screen(names[i], options);
            }
            else
            {
                index.BestScore(names[i], options);
            }
        }
        return count;
    }
}
