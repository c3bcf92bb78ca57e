using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace OpenCts.Pipeline.Streams;

/// <summary>A connection to the pipeline's NATS server, with its work-queue stream in place.</summary>
/// <remarks>
/// The stream keeps work items on disk until a worker acknowledges one (work-queue retention) and drops an item whose
/// <c>Nats-Msg-Id</c> it has seen within <see cref="PipelineSettings.DuplicateWindow"/>. The client reconnects by
/// itself when the server goes away; the intake and the workers carry on when it is back.
/// </remarks>
public sealed class PipelineConnection : IAsyncDisposable
{
    private PipelineConnection(NatsConnection connection, PipelineAddress address, PipelineSettings settings)
    {
        Connection = connection;
        Address = address;
        Settings = settings;
        JetStream = new NatsJSContext(connection);
    }

    public PipelineAddress Address { get; }

    public PipelineSettings Settings { get; }

    internal NatsConnection Connection { get; }

    internal NatsJSContext JetStream { get; }

    /// <summary>Connects and creates the stream, or brings its settings up to date.</summary>
    /// <param name="address">The server and the pipeline's name.</param>
    /// <param name="settings">The stream's and the workers' settings; the defaults without them.</param>
    /// <param name="clientName">How this process is named to the server (<c>cts serve</c>, <c>cts worker</c>).</param>
    /// <param name="cancellationToken">Stops the connecting.</param>
    /// <exception cref="PipelineUnavailableException">The server cannot be reached or has no JetStream.</exception>
    public static async Task<PipelineConnection> OpenAsync(PipelineAddress address, PipelineSettings? settings, string clientName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        settings ??= PipelineSettings.Default;
        var connection = new NatsConnection(new NatsOpts
        {
            Url = address.Url,
            Name = clientName,
            // Never give up on a server that went away: the store holds what could not be queued meanwhile.
            MaxReconnectRetry = -1,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(200),
            ReconnectWaitMax = TimeSpan.FromSeconds(2),
            RequestTimeout = settings.PublishTimeout,
        });
        var pipeline = new PipelineConnection(connection, address, settings);
        try
        {
            await connection.ConnectAsync().ConfigureAwait(false);
            await pipeline.JetStream.CreateOrUpdateStreamAsync(new StreamConfig(address.Stream, [address.WorkSubject])
            {
                Retention = StreamConfigRetention.Workqueue,
                Storage = StreamConfigStorage.File,
                DuplicateWindow = settings.DuplicateWindow,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new PipelineUnavailableException(address, e);
        }
        return pipeline;
    }

    /// <summary>The workers' durable pull consumer, created or brought up to date: explicit acknowledgements, redelivery after <see cref="PipelineSettings.AckWait"/>.</summary>
    internal async Task<INatsJSConsumer> ConsumerAsync(CancellationToken cancellationToken) =>
        await JetStream.CreateOrUpdateConsumerAsync(Address.Stream, new ConsumerConfig(Address.Consumer)
        {
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            AckWait = Settings.AckWait,
            MaxAckPending = Math.Max(1000, Settings.BatchSize * 16),
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>How many work items the stream holds, not yet acknowledged by a worker.</summary>
    public async Task<long> QueuedAsync(CancellationToken cancellationToken)
    {
        var stream = await JetStream.GetStreamAsync(Address.Stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return stream.Info.State.Messages;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

/// <summary>The pipeline's NATS server cannot be reached, or has no JetStream.</summary>
public sealed class PipelineUnavailableException(PipelineAddress address, Exception inner)
    : Exception($"cannot open the pipeline at {address}: {inner.Message}", inner)
{
    public PipelineAddress Address { get; } = address;
}
