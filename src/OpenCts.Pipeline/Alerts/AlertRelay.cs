using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCts.Application.Alerts;
using OpenCts.Pipeline.Streams;

namespace OpenCts.Pipeline.Alerts;

/// <summary>A server's side of the alerts: every alert a worker publishes is passed to this server's feed, and from there to its browsers.</summary>
/// <remarks>Every server instance runs one, so a browser connected to any of them sees every alert.</remarks>
public sealed class AlertRelay : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _relaying;
    private long _relayed;

    private AlertRelay(PipelineConnection pipeline, AlertFeed feed, ILogger logger)
    {
        _relaying = Task.Run(async () =>
        {
            try
            {
                await foreach (var message in pipeline.Connection.SubscribeAsync<byte[]>(pipeline.Address.AlertSubject, cancellationToken: _stopping.Token).ConfigureAwait(false))
                {
                    if (message.Data is { } data && AlertWire.TryRead(data) is { } alert)
                    {
                        feed.Publish(alert);
                        Interlocked.Increment(ref _relayed);
                    }
                    else
                    {
                        logger.LogWarning("an alert on {Subject} could not be read; dropped", message.Subject);
                    }
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
        });
    }

    /// <summary>Alerts passed to the feed.</summary>
    public long Relayed => Interlocked.Read(ref _relayed);

    /// <summary>Starts relaying the pipeline's alerts to a feed.</summary>
    public static AlertRelay Start(PipelineConnection pipeline, AlertFeed feed, ILogger? logger = null) =>
        new(pipeline, feed, logger ?? NullLogger.Instance);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _relaying.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
