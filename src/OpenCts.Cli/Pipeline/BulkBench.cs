using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Microsoft.Data.Sqlite;
using OpenCts.Application.Assessing;
using OpenCts.Application.Commerce;
using OpenCts.Application.Intake;
using OpenCts.Cli.Bench;
using OpenCts.Cli.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.PlatformOrders;
using OpenCts.Ingestion.Samples;
using OpenCts.Ingestion.Samples.Ecommerce;
using OpenCts.Storage.Sqlite;

namespace OpenCts.Cli.Pipeline;

/// <summary>The figures of one bulk run, each beside the physical bound it is measured against in the same run.</summary>
/// <param name="Kind">What was generated: <c>general</c> (sea, air and parcels) or <c>ecommerce</c> (parcels with platform orders).</param>
/// <param name="Consignments">Consignments generated, loaded and assessed.</param>
/// <param name="InputBytes">Size of the generated message files (and platform order files).</param>
/// <param name="Seconds">Wall time of <c>cts assess DIR</c>, process start to exit.</param>
/// <param name="EndToEndConsignmentsPerSecond">Consignments per second of that wall time.</param>
/// <param name="ReadConsignmentsPerSecond">The bound: consignments per second of merely reading the same files.</param>
/// <param name="ReadMegabytesPerSecond">The same, in megabytes per second.</param>
/// <param name="SqliteRowsPerSecond">The bound: SQLite inserting rows of the store's size per consignment, in the intake's batches.</param>
/// <param name="PeakWorkingSetMegabytes">Peak resident memory of <c>cts assess DIR</c>.</param>
/// <param name="StoreBytesPerConsignment">The store's files after the run, per consignment: the data folder but for the e-commerce indicators' checkpoint, which is derived from the store and may be deleted at any time.</param>
/// <param name="CheckpointBytesPerConsignment">That checkpoint, per consignment, beside the store.</param>
/// <param name="CompressedRawBytesPerConsignment">The bound: the raw message bytes compressed (Brotli, fastest), per consignment.</param>
/// <param name="ReassessSeconds">Wall time of <c>cts assess --all</c> on the same store, after one profile is added.</param>
/// <param name="ReassessConsignmentsPerSecond">Consignments per second of that wall time.</param>
/// <param name="ReassessChangedAssessments">How many assessments the added profile changed, which that run saved.</param>
/// <param name="EngineConsignmentsPerSecond">The bound: the engine alone on the same stored consignments, on every core.</param>
internal sealed record BulkFigures(
    string Kind,
    int Consignments,
    long InputBytes,
    double Seconds,
    double EndToEndConsignmentsPerSecond,
    double ReadConsignmentsPerSecond,
    double ReadMegabytesPerSecond,
    double SqliteRowsPerSecond,
    double PeakWorkingSetMegabytes,
    double StoreBytesPerConsignment,
    double CheckpointBytesPerConsignment,
    double CompressedRawBytesPerConsignment,
    double ReassessSeconds,
    double ReassessConsignmentsPerSecond,
    long ReassessChangedAssessments,
    double EngineConsignmentsPerSecond);

/// <summary>Measures what a user runs, <c>cts assess DIR</c> and <c>cts assess --all</c>, as child processes of this build, on generated consignments.</summary>
/// <remarks>
/// A child process is what a user meets: its wall time includes start-up and its peak memory is its own, read from
/// <c>/proc</c> while it runs. The bounds are measured here, in the same run, on the same files and store.
/// </remarks>
internal static class BulkBench
{
    /// <summary>The engine bound is timed on at most this many stored consignments, so that the bench itself stays small.</summary>
    private const int EngineSample = 100_000;

    /// <summary>The kinds of consignment a bulk run generates.</summary>
    public static readonly IReadOnlyList<string> Kinds = [General, Ecommerce];

    public const string General = "general";

    public const string Ecommerce = "ecommerce";

    public static async Task<BulkFigures> RunAsync(int consignments, string kind, string folder, Action<string> tell, CancellationToken cancellationToken)
    {
        var bundle = Path.Combine(folder, "bundle");
        var data = Path.Combine(folder, "data");
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        if (kind == Ecommerce)
        {
            // Parcels and, for six in ten, the platform order that sold them: the e-commerce indicators' path, orders included.
            tell($"generating {consignments:N0} e-commerce parcels and their platform orders");
            EcommerceSampleWriter.Write(bundle, new EcommerceGenerator(1, new EcommerceOptions(start)).Generate(consignments), 1);
        }
        else
        {
            tell($"generating {consignments:N0} consignments");
            SampleWriter.Write(bundle, new SampleGenerator(1, new SampleOptions(start, 0.04)).GenerateWithTruth(consignments), 1);
        }
        BenchBundle.WriteTargetingSet(bundle);
        // What cts assess reads of the bundle besides its targeting set.
        var files = new[] { "consignments", PlatformOrderReader.BundleFolder }.Select(f => Path.Combine(bundle, f)).Where(Directory.Exists).SelectMany(Directory.EnumerateFiles).ToList();

        tell("reading the files (bound)");
        var (inputBytes, readSeconds) = ReadAll(files);

        tell($"cts assess {bundle} --data {data}");
        var (seconds, peak) = await RunChildAsync(["assess", bundle, "--data", data, "--quiet"], cancellationToken);
        SqliteConnection.ClearAllPools();
        var checkpoint = Path.GetFullPath(CommerceHost.CheckpointPath(data));
        var checkpointBytes = File.Exists(checkpoint) ? new FileInfo(checkpoint).Length : 0;
        var storeBytes = Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Where(f => Path.GetFullPath(f) != checkpoint).Sum(f => new FileInfo(f).Length);

        tell("compressing the raw messages (bound)");
        var compressed = CompressedSize(files);

        tell($"SQLite inserting {consignments:N0} rows of {storeBytes / consignments:N0} bytes (bound)");
        var rowsPerSecond = SqliteInsertRate(Path.Combine(folder, "bound.db"), consignments, (int)(storeBytes / consignments));

        var change = Path.Combine(folder, "change");
        BenchBundle.WriteProfileChange(change);
        var before = AssessmentRows(data);
        tell($"cts assess {change} --all --data {data} (one profile added)");
        var (reassess, _) = await RunChildAsync(["assess", change, "--all", "--data", data, "--quiet"], cancellationToken);
        var changed = AssessmentRows(data) - before;

        tell("the engine alone on the stored consignments (bound)");
        var engineRate = await EngineRateAsync(data, cancellationToken);

        return new BulkFigures(kind, consignments, inputBytes, seconds, consignments / seconds, consignments / readSeconds, inputBytes / 1e6 / readSeconds,
            rowsPerSecond, peak / 1024.0 / 1024.0, storeBytes / (double)consignments, checkpointBytes / (double)consignments, compressed / (double)consignments, reassess, consignments / reassess, changed, engineRate);
    }

    private static long AssessmentRows(string data)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, SqliteStore.FileName), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM assessments";
        return (long)count.ExecuteScalar()!;
    }

    private static (long Bytes, double Seconds) ReadAll(IReadOnlyList<string> files)
    {
        var stopwatch = Stopwatch.StartNew();
        long bytes = 0;
        foreach (var file in files)
        {
            bytes += File.ReadAllBytes(file).Length;
        }
        return (bytes, stopwatch.Elapsed.TotalSeconds);
    }

    private static long CompressedSize(IReadOnlyList<string> files)
    {
        long total = 0;
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            using var buffer = new MemoryStream();
            using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                brotli.Write(bytes);
            }
            total += buffer.Length;
        }
        return total;
    }

    /// <summary>Rows per second of inserting opaque rows of the given size into a fresh SQLite file, in the intake's transactions and with its settings.</summary>
    private static double SqliteInsertRate(string path, int rows, int size)
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL);";
                pragma.ExecuteNonQuery();
            }
            var body = new byte[Math.Max(1, size)];
            Random.Shared.NextBytes(body);
            var stopwatch = Stopwatch.StartNew();
            for (var done = 0; done < rows;)
            {
                using var transaction = connection.BeginTransaction();
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO rows (body) VALUES ($b)";
                var parameter = insert.Parameters.Add("$b", SqliteType.Blob);
                for (var i = 0; i < MessageIntake.BulkConsignments && done < rows; i++, done++)
                {
                    parameter.Value = body;
                    insert.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            var rate = rows / stopwatch.Elapsed.TotalSeconds;
            SqliteConnection.ClearAllPools();
            return rate;
        }
    }

    private static async Task<double> EngineRateAsync(string data, CancellationToken cancellationToken)
    {
        await using var store = SqliteStore.Open(data, SqliteLedgerJournal.Instance);
        var application = Workspace.Application(store);
        var engine = await application.Engines.CurrentAsync(cancellationToken);
        var sample = new List<Consignment>();
        for (var after = 0L; sample.Count < EngineSample;)
        {
            var page = await store.Messages.PageAsync(pendingOnly: false, after, AssessmentRun.PageSize, cancellationToken);
            sample.AddRange(page.Items.Take(EngineSample - sample.Count).Select(p => p.Consignment));
            if (page.Items.Count < AssessmentRun.PageSize)
            {
                break;
            }
            after = page.Next;
        }
        // Once untimed, so that the timed pass meets warm assessors on every thread.
        Parallel.ForEach(sample, c => engine.Assess(c));
        var stopwatch = Stopwatch.StartNew();
        Parallel.ForEach(sample, c => engine.Assess(c));
        var rate = sample.Count / stopwatch.Elapsed.TotalSeconds;
        SqliteConnection.ClearAllPools();
        return rate;
    }

    /// <summary>Runs this build of <c>cts</c> with the arguments; its wall time, and its peak resident memory as <c>/proc</c> last told it.</summary>
    private static async Task<(double Seconds, long PeakBytes)> RunChildAsync(string[] args, CancellationToken cancellationToken)
    {
        var start = ServeProcess.Command(args);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cts {string.Join(' ', args)} could not be started");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakResident(process.Id));
            await Task.Delay(50, cancellationToken);
        }
        await process.WaitForExitAsync(cancellationToken);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cts {string.Join(' ', args)} failed with exit code {process.ExitCode}: {await errors}{await output}");
        }
        return (seconds, peak);
    }

    /// <summary>VmHWM of a process (its peak resident set) in bytes; 0 once it is gone or where /proc is not.</summary>
    private static long PeakResident(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }
}
