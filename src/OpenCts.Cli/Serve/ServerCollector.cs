using System.Collections;
using System.Runtime.InteropServices;

namespace OpenCts.Cli.Serve;

/// <summary>
/// Gives the long-running hosts (<c>cts serve</c>, <c>cts worker</c>) the runtime settings a server needs, which the
/// runtime reads only from the environment: a gen0 budget of 64 MB, collected in the background, and thread-pool
/// workers that sleep when idle instead of spinning. <c>cts assess</c> gets the same gen0 budget, for its peak memory.
/// </summary>
/// <remarks>
/// <para>
/// On this class of machine the runtime sizes gen0 from a cache size it cannot read and settles on 3.5 MB. At 1,000
/// messages a second (about 100 KB allocated each) that was 28 collections a second: under <c>cts bench load</c> the
/// collector paused the server for 3.1 s of every 30, and a message's p99 was 191 ms. With 64 MB it was 39 collections
/// in 30 s, 0.23 s of pauses, 0.94 ms of processor time a message instead of 1.30, and a p99 of 26 ms.
/// </para>
/// <para>
/// An idle thread-pool worker spins before it sleeps, in case work comes at once. A server on two cores shares them with
/// whatever else runs there: the spinning was a tenth of the server's processor time under that load (<c>perf</c>:
/// <c>sched_yield</c> under <c>LowLevelLifoSemaphore.Wait</c>), and without it the generator of <c>cts bench load</c> took
/// 0.19 ms a request instead of 0.34.
/// </para>
/// <para>
/// <c>GCgen0size</c> has no <c>runtimeconfig.json</c> name (<c>System.GC.Gen0Size</c> is not read), so the host
/// replaces itself once, before anything else runs, with the same program, arguments and environment plus these
/// variables (<c>execve</c>: the same process id, so signals, exit codes and supervisors see one process). A variable
/// the operator set is kept as set; when all are set, or on another system than Linux, nothing happens.
/// The bulk commands keep the blocking collector of <c>runtimeconfig.json</c>: what they read survives the file. They
/// also keep its <c>System.GC.ConserveMemory</c>, which compacts the oldest generation when it is full of holes; a
/// server does not, because a compacting collection of that generation stops every request while it runs.
/// </para>
/// <para>
/// <c>cts assess</c> starts itself again the same way with a gen0 budget of 64 MB (<see cref="BulkSettings"/>). The
/// blocking collector otherwise lets gen0 grow to about 128 MB, and over a million consignments the peak resident set
/// is the entity index at its largest plus what gen0 and the pages in flight hold just before a collection: 1,046 MiB
/// with the runtime's budget, 1,011 and 1,023 MiB with 64 MB (1,096 with 32 MB), against a goal of 1 GiB
/// (<c>docs/performance.md</c>, "Memory at a million consignments, second round").
/// </para>
/// <para>
/// It also limits the C library's allocator to two arenas (<c>MALLOC_ARENA_MAX</c>, read by glibc at start). SQLite's
/// page caches and statements are allocated there, by the writer and by readers on any thread of the pool, and glibc
/// gives each thread that allocates at once an arena of its own, up to eight per core: at the end of a million
/// consignments nine arenas held 66 MiB. With two, the peak of <c>cts assess</c> over a million fell from 999.5 MiB to
/// 975.3 and 973.6 (<c>docs/performance.md</c>, seventeenth round).
/// </para>
/// <para>
/// It also runs without the tiered compiler's profiling tier, and promotes a method that is called often at once rather
/// than after the runtime's 100 ms of quiet. A bulk run lasts seconds to minutes and spends them in a few hot loops:
/// profiled under <c>perf</c>, more than half of the entity index's time during <c>cts assess --all</c> was spent in
/// first-tier or instrumented code, and the compiler's thread took a fifth of a core. Without them, 100,000 consignments
/// took a sixth to a fifth less processor time end to end and 12 to 23 % less to re-assess (<c>docs/performance.md</c>,
/// "Bulk runs, fourth round"). A server keeps both: over hours, the profile pays for itself.
/// </para>
/// <para>
/// A method is compiled fully once it has been called a thousand times, not the runtime's thirty: with thirty, 5,900
/// methods were compiled twice over 100,000 consignments, and the compiler's thread took a tenth of the run's processor
/// time beside the work on two cores. Of the 2,500 that only thirty compiles fully, most are the framework's (LINQ,
/// collections, threads, reflection), the console's progress bar and tables, and the profile compiler: code called
/// some dozens or hundreds of times, at start-up or once a file or a page. With a thousand it compiles 2,800 (the
/// per-consignment loops pass the count within the first page),
/// and the run takes 5 % less processor time, re-assessing 12 % less; with 3,000 or 10,000 the methods left at the
/// first tier cost more than the compiling saved (<c>docs/performance.md</c>, twelfth round).
/// </para>
/// </remarks>
internal static partial class ServerCollector
{
    /// <summary>The environment this applies: the smallest gen0 budget, the background collector for the oldest generation, and no spinning.</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> Settings =
        [("DOTNET_GCgen0size", "0x4000000"), ("DOTNET_gcConcurrent", "1"), ("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit", "0"), ("DOTNET_GCConserveMemory", "0")];

    /// <summary>The environment of <c>cts assess</c>: the blocking collector of <c>runtimeconfig.json</c>, with gen0 held to 64 MB, hot methods (a thousand calls) compiled fully at once, and two arenas for the C library's allocator.</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> BulkSettings =
        [("DOTNET_GCgen0size", "0x4000000"), ("DOTNET_TieredPGO", "0"), ("DOTNET_TC_CallCountingDelayMs", "0"), ("DOTNET_TC_CallCountThreshold", "1000"), ("MALLOC_ARENA_MAX", "2")];

    // The load generator too: its own pauses would count against the server it measures.
    private static readonly string[][] LongRunning = [["serve"], ["worker"], ["bench", "load"]];

    private static readonly string[][] Bulk = [["assess"]];

    /// <summary>The settings a command runs with: <see cref="Settings"/> for a long-running host, <see cref="BulkSettings"/> for <c>cts assess</c>, none for the rest.</summary>
    private static IReadOnlyList<(string Name, string Value)> For(string[] args)
    {
        bool Is(string[][] commands) => commands.Any(command => args.Length >= command.Length && command.SequenceEqual(args.Take(command.Length), StringComparer.Ordinal));
        return Is(LongRunning) ? Settings : Is(Bulk) ? BulkSettings : [];
    }

    /// <summary>Replaces the process with itself under the settings of <see cref="For"/> that the environment lacks; returns when nothing is to be done or the replacement failed.</summary>
    public static void ApplyTo(string[] args)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var missing = For(args).Where(s => Environment.GetEnvironmentVariable(s.Name) is null).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        string[] argv;
        try
        {
            argv = CommandLine(File.ReadAllBytes("/proc/self/cmdline"));
        }
        catch (IOException)
        {
            return;
        }
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Select(e => $"{e.Key}={e.Value}").Concat(missing.Select(s => $"{s.Name}={s.Value}"));
        Replace("/proc/self/exe", argv, [.. environment]);
    }

    /// <summary>The arguments of <c>/proc/self/cmdline</c>: each ends with a zero byte, and an empty argument is a zero byte alone.</summary>
    internal static string[] CommandLine(byte[] cmdline)
    {
        var end = cmdline.Length > 0 && cmdline[^1] == 0 ? cmdline.Length - 1 : cmdline.Length;
        return System.Text.Encoding.UTF8.GetString(cmdline, 0, end).Split('\0');
    }

    private static void Replace(string path, string[] argv, string[] environment)
    {
        var strings = new List<IntPtr>();
        try
        {
            var argvPointers = Pointers(argv, strings);
            var environmentPointers = Pointers(environment, strings);
            // Returns only when it failed; the process then carries on with the runtime's defaults.
            _ = Execve(path, argvPointers, environmentPointers);
        }
        finally
        {
            strings.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    private static IntPtr[] Pointers(string[] values, List<IntPtr> owned)
    {
        var pointers = new IntPtr[values.Length + 1];
        for (var i = 0; i < values.Length; i++)
        {
            pointers[i] = Marshal.StringToCoTaskMemUTF8(values[i]);
            owned.Add(pointers[i]);
        }
        return pointers;
    }

    [LibraryImport("libc", EntryPoint = "execve", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Execve(string path, IntPtr[] argv, IntPtr[] envp);
}
