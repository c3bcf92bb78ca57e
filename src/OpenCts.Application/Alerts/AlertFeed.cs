using System.Threading.Channels;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;

namespace OpenCts.Application.Alerts;

/// <summary>A consignment sent to the red lane, as officers watching the feed are told.</summary>
/// <param name="Assessment">The assessment that sent it there.</param>
/// <param name="RaisedAt">When the alert was published.</param>
public sealed record Alert(Assessment Assessment, DateTimeOffset RaisedAt)
{
    /// <summary>The UN/LOCODE of the port of discharge, when known.</summary>
    public string? Port { get; init; }

    /// <summary>When the goods are expected, when known: officers work the alerts soonest first.</summary>
    public DateTimeOffset? EstimatedArrival { get; init; }
}

/// <summary>The in-process feed of alerts: whoever assesses publishes each new red-lane assessment, every subscriber receives it.</summary>
/// <remarks>
/// A subscriber that falls more than <see cref="Capacity"/> alerts behind loses the oldest it has not read, so a slow
/// reader never holds up assessment. Workers publish to the same feed; a later change can bridge it to a broker.
/// </remarks>
public sealed class AlertFeed(TimeProvider clock)
{
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly List<Channel<Alert>> _subscribers = [];

    /// <summary>Publishes every red-lane assessment of a batch.</summary>
    /// <returns>How many alerts were published.</returns>
    /// <param name="assessments">The batch.</param>
    /// <param name="consignments">The consignments assessed, by document key, for the port and arrival each alert carries.</param>
    public int PublishRed(IEnumerable<Assessment> assessments, IReadOnlyDictionary<string, Consignment>? consignments = null)
    {
        var published = 0;
        foreach (var assessment in assessments)
        {
            if (assessment.Lane == Lane.Red)
            {
                var consignment = consignments is not null && consignments.TryGetValue(assessment.DocumentKey, out var c) ? c : null;
                Publish(new Alert(assessment, clock.GetUtcNow()) { Port = consignment?.PlaceOfDischarge?.Value, EstimatedArrival = consignment?.EstimatedArrival });
                published++;
            }
        }
        return published;
    }

    /// <summary>Sends one alert to every subscriber.</summary>
    public void Publish(Alert alert)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(alert);
            }
        }
    }

    /// <summary>Starts receiving alerts published from now on; dispose the subscription to stop.</summary>
    public AlertSubscription Subscribe()
    {
        var channel = Channel.CreateBounded<Alert>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }
        return new AlertSubscription(channel.Reader, () =>
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
            channel.Writer.TryComplete();
        });
    }

    /// <summary>How many are subscribed now.</summary>
    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }
}

/// <summary>One subscriber's alerts, read in order.</summary>
public sealed class AlertSubscription(ChannelReader<Alert> reader, Action unsubscribe) : IDisposable
{
    public ChannelReader<Alert> Alerts { get; } = reader;

    public void Dispose() => unsubscribe();
}
