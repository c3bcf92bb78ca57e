using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenCts.Server.Tests;

/// <summary>Measures the time from <c>POST /api/v1/messages</c> to the message's alert on <c>/api/v1/alerts</c>, over loopback.</summary>
/// <remarks>
/// A measurement, not a test of a threshold: it is explicit (run with <c>--explicit only</c>), prints the median and p99,
/// and writes them to <c>opencts-alert-latency.txt</c> in the temporary folder. <c>CTS_LATENCY_MESSAGES</c> sets the count (1,000).
/// </remarks>
[Collection(ServerCollection.Name)]
public sealed class AlertLatencyMeasurement(ServerFixture server)
{
    [Fact(Explicit = true)]
    public async Task MeasureTimeFromPostToAlert()
    {
        var token = TestContext.Current.CancellationToken;
        var count = int.TryParse(Environment.GetEnvironmentVariable("CTS_LATENCY_MESSAGES"), CultureInfo.InvariantCulture, out var n) ? n : 1000;
        using var postnl = server.As("postnl");
        await using var alerts = await AlertStream.OpenAsync(server.As("tom"), token);
        // Warm up the path once before measuring.
        await RoundTripAsync(postnl, alerts, 4_000_000, token);
        var times = new List<double>(count);
        var total = Stopwatch.StartNew();
        for (var i = 1; i <= count; i++)
        {
            times.Add(await RoundTripAsync(postnl, alerts, 4_000_000 + i, token));
        }
        total.Stop();
        times.Sort();
        double Quantile(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        var report = string.Create(CultureInfo.InvariantCulture,
            $"POST /api/v1/messages -> alert on /api/v1/alerts, {count} red messages one after another over loopback: median {Quantile(0.5):F1} ms, p90 {Quantile(0.9):F1} ms, p99 {Quantile(0.99):F1} ms, max {times[^1]:F1} ms; {count / total.Elapsed.TotalSeconds:F0} messages/s");
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "opencts-alert-latency.txt"), report + Environment.NewLine, token);
        Assert.Equal(count, times.Count);
    }

    private static async Task<double> RoundTripAsync(HttpClient client, AlertStream alerts, int serial, CancellationToken token)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync("/api/v1/messages", new ByteArrayContent(RedMessages.Waybill(serial)), token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(token);
        await alerts.NextForAsync(receipt.GetProperty("documents")[0].GetString()!, TimeSpan.FromSeconds(30));
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
