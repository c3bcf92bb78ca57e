using System.Globalization;
using System.Runtime;
using System.Text;

namespace OpenCts.Server.Health;

/// <summary>The runtime's own counters (collector, compiler, memory) in the Prometheus text format, beside the server's.</summary>
/// <remarks>
/// A latency goal is lost to pauses more often than to slow code: an operator (and <c>cts bench load</c>) reads here how
/// many collections of each generation ran, how long they paused the server, how much it allocated, and how much time
/// the JIT compiler took, between two scrapes.
/// </remarks>
internal static class RuntimeMetrics
{
    public static void Append(StringBuilder text)
    {
        var invariant = CultureInfo.InvariantCulture;
        text.Append("# HELP dotnet_gc_collections_total Garbage collections, by generation (a collection of a generation collects the younger ones too).\n# TYPE dotnet_gc_collections_total counter\n");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            text.Append(invariant, $"dotnet_gc_collections_total{{generation=\"{generation}\"}} {GC.CollectionCount(generation)}\n");
        }
        text.Append(invariant, $"# HELP dotnet_gc_pause_seconds_total Time the collector paused the process.\n# TYPE dotnet_gc_pause_seconds_total counter\ndotnet_gc_pause_seconds_total {GC.GetTotalPauseDuration().TotalSeconds:0.######}\n");
        // Precise: the cheap count leaves out what threads allocated in the blocks they still hold, so two scrapes a
        // moment apart could read the same total though the first request allocated after it read (a test saw it once).
        // The precise count walks every thread's block; a scrape every few seconds can afford that.
        text.Append(invariant, $"# HELP dotnet_gc_allocated_bytes_total Bytes allocated on the managed heap.\n# TYPE dotnet_gc_allocated_bytes_total counter\ndotnet_gc_allocated_bytes_total {GC.GetTotalAllocatedBytes(precise: true)}\n");
        text.Append(invariant, $"# HELP dotnet_gc_heap_bytes Managed heap size after the last collection.\n# TYPE dotnet_gc_heap_bytes gauge\ndotnet_gc_heap_bytes {GC.GetGCMemoryInfo().HeapSizeBytes}\n");
        text.Append(invariant, $"# HELP dotnet_gc_concurrent Whether the collector collects the oldest generation in the background (1) or blocking (0).\n# TYPE dotnet_gc_concurrent gauge\ndotnet_gc_concurrent {(GCSettings.LatencyMode == GCLatencyMode.Batch ? 0 : 1)}\n");
        var gen0Budget = GC.GetConfigurationVariables().TryGetValue("GCGen0MaxBudget", out var budget) ? Convert.ToInt64(budget, invariant) : 0;
        text.Append(invariant, $"# HELP dotnet_gc_gen0_budget_bytes The most the collector lets gen0 grow before it collects it (DOTNET_GCgen0size sets it).\n# TYPE dotnet_gc_gen0_budget_bytes gauge\ndotnet_gc_gen0_budget_bytes {gen0Budget}\n");
        text.Append(invariant, $"# HELP dotnet_jit_compilation_seconds_total Time the JIT compiler spent compiling methods.\n# TYPE dotnet_jit_compilation_seconds_total counter\ndotnet_jit_compilation_seconds_total {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:0.######}\n");
        text.Append(invariant, $"# HELP dotnet_jit_methods_total Methods the JIT compiler compiled (a method recompiled at a higher tier counts again).\n# TYPE dotnet_jit_methods_total counter\ndotnet_jit_methods_total {System.Runtime.JitInfo.GetCompiledMethodCount()}\n");
        text.Append(invariant, $"# HELP process_working_set_bytes Resident memory of the server process.\n# TYPE process_working_set_bytes gauge\nprocess_working_set_bytes {Environment.WorkingSet}\n");
    }
}
