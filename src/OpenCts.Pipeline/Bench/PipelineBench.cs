using System.Diagnostics;
using OpenCts.Application;
using OpenCts.Application.Assessing;
using OpenCts.Pipeline.Intake;
using OpenCts.Pipeline.Streams;
using OpenCts.Pipeline.Workers;
using OpenCts.Storage;

namespace OpenCts.Pipeline.Bench;

/// <summary>One configuration's end-to-end figure: messages submitted, stored, assessed and journaled, per second.</summary>
/// <param name="Name">What ran: <c>embedded-sqlite</c>, <c>pipeline</c>.</param>
/// <param name="Workers">Assessment workers (0 for the embedded default, which assesses in the intake's process).</param>
/// <param name="Consignments">Consignments submitted and assessed.</param>
/// <param name="Elapsed">From the first submission to the last assessment committed.</param>
public sealed record PipelineRun(string Name, int Workers, long Consignments, TimeSpan Elapsed)
{
    public double EndToEndConsignmentsPerSecond => Consignments / Elapsed.TotalSeconds;
}

/// <summary>Measures consignments per second end to end: the embedded default, and the pipeline with a given number of workers.</summary>
/// <remarks>
/// Every message is received by the intake as an upload of its own, stored and journaled; the run ends when the store
/// holds an assessment of every consignment. The embedded default assesses in the intake's process as the server does,
/// after each intake; the pipeline's workers run in this process, each with its own store connection and its own NATS
/// connection, as they would in processes of their own.
/// </remarks>
public static class PipelineBench
{
    /// <summary>The embedded default: one store, intake and assessment side by side in one process.</summary>
    public static async Task<PipelineRun> EmbeddedAsync(ICtsStore store, IReadOnlyList<byte[]> messages, CancellationToken cancellationToken)
    {
        var application = new CtsApplication(store);
        await application.Engines.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var stopwatch = Stopwatch.StartNew();
        var received = 0;
        var intake = Task.Run(async () =>
        {
            for (var i = 0; i < messages.Count; i++)
            {
                await application.Intake.ReceiveAsync(messages[i], "bench.xml", "bench", cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref received, i + 1);
            }
        }, cancellationToken);
        long assessed = 0;
        while (!intake.IsCompleted || assessed < messages.Count)
        {
            var summary = await application.Assessment.AssessPendingAsync(new AssessOptions(), null, cancellationToken).ConfigureAwait(false);
            assessed += summary.Assessments.Count;
            if (summary.Assessments.Count == 0)
            {
                if (intake.IsFaulted)
                {
                    await intake.ConfigureAwait(false);
                }
                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            }
        }
        await intake.ConfigureAwait(false);
        return new PipelineRun("embedded-sqlite", 0, assessed, stopwatch.Elapsed);
    }

    /// <summary>The pipeline: an intake queuing on the stream and <paramref name="workers"/> workers, over a store each opens.</summary>
    /// <param name="openStore">Opens the shared store (an empty one for each run); called once for the intake and once per worker.</param>
    /// <param name="address">The pipeline (a name of its own for each run).</param>
    /// <param name="workers">How many workers.</param>
    /// <param name="messages">The messages, one consignment each.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<PipelineRun> PipelineAsync(Func<CancellationToken, Task<ICtsStore>> openStore, PipelineAddress address, int workers, IReadOnlyList<byte[]> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openStore);
        var owned = new List<IAsyncDisposable>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new List<Task>();
        try
        {
            var store = await openStore(cancellationToken).ConfigureAwait(false);
            owned.Add(store);
            var pipeline = await PipelineConnection.OpenAsync(address, null, "cts bench intake", cancellationToken).ConfigureAwait(false);
            owned.Add(pipeline);
            var queue = await IntakeQueue.StartAsync(pipeline, store, null, cancellationToken).ConfigureAwait(false);
            owned.Add(queue);
            var application = new CtsApplication(store, queue: queue);
            var pool = new List<AssessmentWorker>();
            for (var i = 0; i < workers; i++)
            {
                var workerStore = await openStore(cancellationToken).ConfigureAwait(false);
                owned.Add(workerStore);
                var connection = await PipelineConnection.OpenAsync(address, null, "cts bench worker", cancellationToken).ConfigureAwait(false);
                owned.Add(connection);
                var worker = new AssessmentWorker(connection, new CtsApplication(workerStore));
                await new CtsApplication(workerStore).Engines.RefreshAsync(cancellationToken).ConfigureAwait(false);
                pool.Add(worker);
            }
            running.AddRange(pool.Select(w => w.RunAsync(stop.Token)));
            var stopwatch = Stopwatch.StartNew();
            foreach (var message in messages)
            {
                await application.Intake.ReceiveAsync(message, "bench.xml", "bench", cancellationToken).ConfigureAwait(false);
            }
            while (pool.Sum(w => w.Assessed) < messages.Count)
            {
                if (running.FirstOrDefault(t => t.IsFaulted) is { } failed)
                {
                    await failed.ConfigureAwait(false);
                }
                await Task.Delay(5, cancellationToken).ConfigureAwait(false);
            }
            return new PipelineRun("pipeline", workers, pool.Sum(w => w.Assessed), stopwatch.Elapsed);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(running).ConfigureAwait(false);
            for (var i = owned.Count - 1; i >= 0; i--)
            {
                await owned[i].DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
