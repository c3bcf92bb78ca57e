using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using NATS.Client.JetStream;
using OpenCts.Application.Intake;
using OpenCts.Pipeline.Streams;
using OpenCts.Storage;
using OpenCts.Storage.Messages;

namespace OpenCts.Pipeline.Intake;

/// <summary>The intake's side of the pipeline: each stored message is published to the stream as a work item, its acknowledgement awaited.</summary>
/// <remarks>
/// At least once, and never lost: the message is committed in the store before it is published. When the stream does
/// not acknowledge it (the NATS server is down or restarting), the item is not retried in the request; the queue
/// notes that it is behind and, every <see cref="PipelineSettings.RequeueInterval"/>, publishes again from the store
/// every message whose consignments are still pending assessment. Each host also does so when it starts
/// (<see cref="RequeuePendingAsync"/>). What was already queued is dropped by the stream as a duplicate of its id, or,
/// once out of the duplicate window, assessed again by a worker and written once.
/// </remarks>
public sealed class IntakeQueue : IAssessmentQueue, IAsyncDisposable
{
    private readonly PipelineConnection _pipeline;
    private readonly ICtsStore _store;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _requeueing = new(1, 1);
    private Task? _sweeper;
    private int _behind;
    private long _published;
    private long _duplicates;
    private long _failed;

    public IntakeQueue(PipelineConnection pipeline, ICtsStore store, ILogger? logger = null)
    {
        _pipeline = pipeline;
        _store = store;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The queue of an intake host: queues again what is pending in the store (what a stop or a stream outage left unqueued), then keeps doing so whenever it falls behind.</summary>
    /// <remarks>A stream that does not answer now does not stop the host: the queue is then behind and catches up when it answers.</remarks>
    public static async Task<IntakeQueue> StartAsync(PipelineConnection pipeline, ICtsStore store, ILogger? logger, CancellationToken cancellationToken)
    {
        var queue = new IntakeQueue(pipeline, store, logger);
        await queue.RequeuePendingAsync(cancellationToken).ConfigureAwait(false);
        queue.StartRequeueing();
        return queue;
    }

    /// <summary>Work items the stream took.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Work items the stream dropped as already queued.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Publications the stream did not acknowledge; each such message is queued again from the store.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Whether some stored message could not be queued and waits to be queued again from the store.</summary>
    public bool IsBehind => Volatile.Read(ref _behind) != 0;

    public async Task EnqueueAsync(StoredMessage stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (IsBehind)
        {
            // The stream did not answer a moment ago: rather than make every request wait for it, leave the message to
            // the queuing again from the store, which reads it there (it was committed before this call).
            return;
        }
        var item = new WorkItem(stored.RawMessageId, [.. stored.Versions.Select(v => new WorkVersion(v.DocumentKey, v.Version))]);
        if (!await TryPublishAsync(item, cancellationToken).ConfigureAwait(false))
        {
            Volatile.Write(ref _behind, 1);
        }
    }

    /// <summary>Publishes a work item for every stored message whose consignments are pending assessment.</summary>
    /// <returns>How many items were published (duplicates included); the queue is behind again if any was not acknowledged.</returns>
    public async Task<int> RequeuePendingAsync(CancellationToken cancellationToken)
    {
        await _requeueing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Cleared first: a failure from here on sets it again.
            Volatile.Write(ref _behind, 0);
            var pending = await _store.Messages.PendingAssessmentAsync(cancellationToken).ConfigureAwait(false);
            var items = pending
                .GroupBy(c => c.RawMessageId)
                .Select(g => new WorkItem(g.Key, [.. g.Select(c => new WorkVersion(c.DocumentKey, c.Version))]));
            var count = 0;
            foreach (var item in items)
            {
                if (!await TryPublishAsync(item, cancellationToken).ConfigureAwait(false))
                {
                    Volatile.Write(ref _behind, 1);
                    break;
                }
                count++;
            }
            return count;
        }
        finally
        {
            _requeueing.Release();
        }
    }

    /// <summary>Starts queuing again from the store, in the background, whenever the queue is behind.</summary>
    public void StartRequeueing()
    {
        _sweeper ??= Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(_pipeline.Settings.RequeueInterval);
            try
            {
                while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
                {
                    if (IsBehind)
                    {
                        var count = await RequeuePendingAsync(_stopping.Token).ConfigureAwait(false);
                        if (!IsBehind)
                        {
                            _logger.LogInformation("queued {Count} pending message(s) again from the store", count);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
        });
    }

    /// <summary>Queues again from the store until nothing is left behind or the time is up.</summary>
    /// <returns>Whether every stored message is queued.</returns>
    public async Task<bool> CatchUpAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (IsBehind && DateTime.UtcNow < deadline)
        {
            await Task.Delay(_pipeline.Settings.RequeueInterval, cancellationToken).ConfigureAwait(false);
            await RequeuePendingAsync(cancellationToken).ConfigureAwait(false);
        }
        return !IsBehind;
    }

    private async Task<bool> TryPublishAsync(WorkItem item, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_pipeline.Settings.PublishTimeout);
        try
        {
            var ack = await _pipeline.JetStream.PublishAsync(
                _pipeline.Address.WorkSubject, item.ToBytes(), opts: new NatsJSPubOpts { MsgId = item.Id }, cancellationToken: limit.Token).ConfigureAwait(false);
            // A duplicate is what a second queuing should get; EnsureSuccess would call it a failure.
            if (ack.Duplicate)
            {
                Interlocked.Increment(ref _duplicates);
                return true;
            }
            ack.EnsureSuccess();
            Interlocked.Increment(ref _published);
            return true;
        }
        catch (Exception e) when (e is NatsException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Interlocked.Increment(ref _failed);
            _logger.LogWarning("the stream did not take work item {Id} ({Reason}); it stays pending in the store and is queued again", item.Id, e.Message);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_sweeper is not null)
        {
            await _sweeper.ConfigureAwait(false);
        }
        _stopping.Dispose();
        _requeueing.Dispose();
    }
}
