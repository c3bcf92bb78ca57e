using System.Text.Json;
using OpenCts.Reliability.Tests.Support;

namespace OpenCts.Reliability.Tests;

/// <summary>The load bench's smoke run: a few seconds at a low rate against a server it starts itself, which it stops after.</summary>
public sealed class LoadBenchTests
{
    [Fact]
    public async Task A_short_load_run_reports_every_request_of_each_phase_with_its_percentiles_and_no_errors()
    {
        var token = TestContext.Current.CancellationToken;
        var json = Path.Combine(Path.GetTempPath(), $"opencts-load-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, output) = await CtsProcess.RunAsync(token, "bench", "load", "--rate", "40", "--read-rate", "10", "--seconds", "2", "--warmup", "5", "--json", json);
            Assert.True(exitCode == 0, output);
            using var figures = JsonDocument.Parse(await File.ReadAllTextAsync(json, token));
            var phases = figures.RootElement.GetProperty("phases").EnumerateArray().ToList();
            Assert.Equal(["messages", "messages beside reads", "worklist reads"], phases.Select(p => p.GetProperty("name").GetString()));
            Assert.Equal([80, 80, 20], phases.Select(p => p.GetProperty("requests").GetInt32()));
            Assert.All(phases, p => Assert.Equal(0, p.GetProperty("errors").GetInt32()));
            Assert.All(phases, p => Assert.InRange(p.GetProperty("p50Ms").GetDouble(), 0.01, p.GetProperty("p99Ms").GetDouble()));
            Assert.Contains("p99 ms", output, StringComparison.Ordinal);
            // The warm-up rises to the rate in steps of a second, each reported on its own and left out of the phases the goal is judged on.
            var steps = figures.RootElement.GetProperty("warmupSteps").EnumerateArray().ToList();
            Assert.Equal([8, 16, 24, 32, 40], steps.Select(s => s.GetProperty("requests").GetInt32()));
            Assert.All(steps, s => Assert.Equal(0, s.GetProperty("errors").GetInt32()));
            Assert.Equal(40, figures.RootElement.GetProperty("warmup").GetProperty("requests").GetInt32());
            var processor = figures.RootElement.GetProperty("processor").EnumerateArray().ToList();
            Assert.Equal([80, 100], processor.Select(p => p.GetProperty("requests").GetInt32()));
            Assert.All(processor, p => Assert.True(p.GetProperty("serverMsPerRequest").GetDouble() > 0));
            // The server's own runtime counters, read from its /metrics around each phase: every request allocates.
            var runtime = figures.RootElement.GetProperty("serverRuntime").EnumerateArray().ToList();
            Assert.Equal(["messages", "messages beside reads"], runtime.Select(r => r.GetProperty("phase").GetString()));
            Assert.All(runtime, r => Assert.True(r.GetProperty("allocatedKilobytesPerRequest").GetDouble() > 0));
            Assert.All(runtime, r => Assert.True(r.GetProperty("gcPauseMs").GetDouble() >= 0 && r.GetProperty("gen2Collections").GetInt32() >= 0));
            Assert.Contains("allocated KB/request", output, StringComparison.Ordinal);
            // cts serve started itself again with the server's collector settings (ServerCollector).
            Assert.All(runtime, r => Assert.True(r.GetProperty("concurrentCollector").GetBoolean()));
            Assert.All(runtime, r => Assert.Equal(64L << 20, r.GetProperty("gen0BudgetBytes").GetInt64()));
        }
        finally
        {
            File.Delete(json);
        }
    }
}
