using System.Diagnostics;

namespace OpenCts.Cli.Bench;

/// <summary>The latency of every request of one stream of a load phase, measured from when it was scheduled to go, and whether it succeeded.</summary>
internal sealed class LatencyRecorder(string name, int requests)
{
    private readonly double[] _milliseconds = new double[requests];
    private readonly bool[] _succeeded = new bool[requests];
    private readonly bool[] _done = new bool[requests];

    public string Name { get; } = name;

    public int Requests { get; } = requests;

    public void Record(int index, long scheduledTimestamp, bool succeeded)
    {
        _milliseconds[index] = Stopwatch.GetElapsedTime(scheduledTimestamp).TotalMilliseconds;
        _succeeded[index] = succeeded;
        Volatile.Write(ref _done[index], true);
    }

    /// <summary>The figures of the phase; a request that never answered counts as an error.</summary>
    public LoadFigures Figures(TimeSpan elapsed)
    {
        var ok = new List<double>(Requests);
        var errors = 0;
        for (var i = 0; i < Requests; i++)
        {
            if (Volatile.Read(ref _done[i]) && _succeeded[i])
            {
                ok.Add(_milliseconds[i]);
            }
            else
            {
                errors++;
            }
        }
        ok.Sort();
        return new LoadFigures(Name, Requests, errors, Percentile(ok, 0.50), Percentile(ok, 0.90), Percentile(ok, 0.99), ok.Count == 0 ? 0 : ok[^1],
            Requests / elapsed.TotalSeconds);
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>What one stream of a load phase measured: requests, errors and latency percentiles in milliseconds from the scheduled send.</summary>
internal sealed record LoadFigures(string Name, int Requests, int Errors, double P50Ms, double P90Ms, double P99Ms, double MaxMs, double PerSecond);
