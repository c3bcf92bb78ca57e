using System.Globalization;

namespace OpenCts.Cli.Bench;

/// <summary>What a load phase cost the server's runtime: collections by generation, pauses, allocation and JIT compilation.</summary>
/// <remarks>Read from the server's <c>/metrics</c> before and after the phase, so it works against any server the bench can reach.</remarks>
internal sealed record ServerRuntime(int Gen0, int Gen1, int Gen2, double PauseMs, double AllocatedKilobytesPerRequest, double JitMs, int JitMethods, bool Concurrent, long Gen0BudgetBytes);

/// <summary>The server's runtime counters at one moment.</summary>
internal sealed record RuntimeCounters(IReadOnlyDictionary<string, double> Values)
{
    /// <summary>The counters, or null when the server does not answer <c>/metrics</c> with them.</summary>
    public static async Task<RuntimeCounters?> ReadAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            var text = await http.GetStringAsync("/metrics", cancellationToken).ConfigureAwait(false);
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var space = line.LastIndexOf(' ');
                if (!line.StartsWith('#') && space > 0 && double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    values[line[..space]] = value;
                }
            }
            return values.ContainsKey("dotnet_gc_allocated_bytes_total") ? new RuntimeCounters(values) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>What happened between these counters and <paramref name="end"/>, over <paramref name="requests"/> requests.</summary>
    public ServerRuntime Until(RuntimeCounters end, int requests)
    {
        double Delta(string name) => end.Values.GetValueOrDefault(name) - Values.GetValueOrDefault(name);
        int Collections(int generation) => (int)Delta($"dotnet_gc_collections_total{{generation=\"{generation}\"}}");
        // A collection of a generation counts in the younger ones too: each column holds only its own generation's.
        return new ServerRuntime(
            Collections(0) - Collections(1),
            Collections(1) - Collections(2),
            Collections(2),
            Delta("dotnet_gc_pause_seconds_total") * 1000,
            requests > 0 ? Delta("dotnet_gc_allocated_bytes_total") / 1024 / requests : 0,
            Delta("dotnet_jit_compilation_seconds_total") * 1000,
            (int)Delta("dotnet_jit_methods_total"),
            end.Values.GetValueOrDefault("dotnet_gc_concurrent") > 0,
            (long)end.Values.GetValueOrDefault("dotnet_gc_gen0_budget_bytes"));
    }
}
