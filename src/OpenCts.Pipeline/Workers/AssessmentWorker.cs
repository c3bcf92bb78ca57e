using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using NATS.Client.JetStream;
using OpenCts.Application;
using OpenCts.Pipeline.Alerts;
using OpenCts.Pipeline.Intake;
using OpenCts.Pipeline.Streams;

namespace OpenCts.Pipeline.Workers;

/// <summary>An assessment worker: takes work items from the stream in batches, assesses their consignments, writes the results, then acknowledges.</summary>
/// <remarks>
/// Several workers, in one process or on several machines, share the stream's one durable consumer, so each item goes
/// to one of them. An item is acknowledged only after the unit of work that saved its assessments has committed; a
/// worker that dies before that leaves its items unacknowledged, and the stream hands them to another worker after
/// <see cref="PipelineSettings.AckWait"/>. The write keeps the first assessment of each consignment version
/// (<see cref="OpenCts.Storage.Assessments.IAssessmentStore.SaveFirstAsync"/>), so an item delivered twice is written
/// once, and its alerts are raised once: only for what this worker wrote.
/// </remarks>
public sealed class AssessmentWorker(PipelineConnection pipeline, CtsApplication application, ILogger? logger = null)
{
    /// <summary>The shortest wait for work the client accepts.</summary>
    private static readonly TimeSpan MinimumFetchWait = TimeSpan.FromSeconds(1.5);

    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly AlertPublisher _alerts = new(pipeline);
    private long _items;
    private long _assessed;
    private long _batches;

    /// <summary>Work items acknowledged.</summary>
    public long Items => Interlocked.Read(ref _items);

    /// <summary>Assessments this worker wrote.</summary>
    public long Assessed => Interlocked.Read(ref _assessed);

    /// <summary>Batches committed.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Works until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = pipeline.Settings;
        INatsJSConsumer? consumer = null;
        var engineAge = Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                consumer ??= await pipeline.ConsumerAsync(cancellationToken).ConfigureAwait(false);
                if (engineAge.Elapsed >= settings.EngineRefresh)
                {
                    await application.Engines.RefreshAsync(cancellationToken).ConfigureAwait(false);
                    engineAge.Restart();
                }
                var batch = await FetchAsync(consumer, settings, cancellationToken).ConfigureAwait(false);
                if (batch.Count > 0)
                {
                    await ProcessAsync(batch, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NatsException or TimeoutException or OperationCanceledException)
            {
                // The server went away or is restarting: the client reconnects; unacknowledged items come back.
                _logger.LogWarning("the stream is not answering ({Reason}); trying again", e.Message);
                consumer = null;
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits for one item, then takes what else is there at once, up to a batch.</summary>
    private static async Task<List<INatsJSMsg<byte[]>>> FetchAsync(INatsJSConsumer consumer, PipelineSettings settings, CancellationToken cancellationToken)
    {
        var batch = new List<INatsJSMsg<byte[]>>(settings.BatchSize);
        await foreach (var message in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 1, Expires = settings.FetchWait > MinimumFetchWait ? settings.FetchWait : MinimumFetchWait }, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            batch.Add(message);
        }
        if (batch.Count > 0 && settings.BatchSize > 1)
        {
            await foreach (var message in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = settings.BatchSize - 1 }, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                batch.Add(message);
            }
        }
        return batch;
    }

    private async Task ProcessAsync(List<INatsJSMsg<byte[]>> batch, CancellationToken cancellationToken)
    {
        var versions = new List<(string, int)>();
        foreach (var message in batch)
        {
            if (message.Data is { } data && WorkItem.TryRead(data) is { } item)
            {
                versions.AddRange(item.Versions.Select(v => (v.DocumentKey, v.Version)));
            }
        }
        var summary = await application.Assessment.AssessVersionsAsync(versions, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _assessed, summary.Assessments.Count);
        Interlocked.Increment(ref _batches);
        // Committed: from here a crash redelivers the batch, and the write keeps what was written now.
        await _alerts.PublishRedAsync(application.Alerts, summary, cancellationToken).ConfigureAwait(false);
        foreach (var message in batch)
        {
            if (message.Data is { } data && WorkItem.TryRead(data) is null)
            {
                _logger.LogError("work item {Subject} #{Sequence} is not one; dropped", message.Subject, message.Metadata?.Sequence.Stream);
                await message.AckTerminateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                continue;
            }
            await message.AckAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        Interlocked.Add(ref _items, batch.Count);
    }
}
