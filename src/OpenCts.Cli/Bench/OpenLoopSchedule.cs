using System.Diagnostics;

namespace OpenCts.Cli.Bench;

/// <summary>An open-loop load: request i is due at start + i / rate whatever happened to the others, and its latency runs from that moment.</summary>
/// <remarks>
/// A closed loop (send, wait, send) slows down when the server stalls and so never sees the requests a stall delays:
/// coordinated omission. Here the schedule is fixed, requests run concurrently, and a request sent late because the
/// generator or the server was behind is charged its full delay.
/// </remarks>
internal static class OpenLoopSchedule
{
    /// <summary>Sends <paramref name="rate"/> requests a second for <paramref name="duration"/>, then waits up to <paramref name="drain"/> for the last answers.</summary>
    public static async Task<LoadFigures> RunAsync(string name, double rate, TimeSpan duration, TimeSpan drain, Func<int, CancellationToken, Task<bool>> send, CancellationToken cancellationToken)
    {
        var total = (int)Math.Round(rate * duration.TotalSeconds);
        var recorder = new LatencyRecorder(name, total);
        var inFlight = new Task[total];
        var start = Stopwatch.GetTimestamp();
        var next = 0;
        while (next < total)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1);
            for (; next < due; next++)
            {
                var index = next;
                var scheduled = start + (long)(index / rate * Stopwatch.Frequency);
                inFlight[index] = Task.Run(async () =>
                {
                    bool ok;
                    try
                    {
                        ok = await send(index, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        ok = false;
                    }
                    recorder.Record(index, scheduled, ok);
                }, cancellationToken);
            }
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }
        var sent = Stopwatch.GetElapsedTime(start);
        try
        {
            await Task.WhenAll(inFlight).WaitAsync(drain, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Requests still unanswered count as errors.
        }
        return recorder.Figures(sent);
    }
}
