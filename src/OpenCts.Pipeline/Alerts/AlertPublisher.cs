using OpenCts.Application.Alerts;
using OpenCts.Application.Assessing;
using OpenCts.Pipeline.Streams;

namespace OpenCts.Pipeline.Alerts;

/// <summary>A worker's side of the alerts: each red-lane assessment it wrote goes out on the pipeline's alert subject.</summary>
/// <remarks>
/// Core NATS, not the stream: an alert is for whoever watches now, as in the embedded server's feed; what was assessed
/// stays in the store and the worklist for whoever comes later.
/// </remarks>
internal sealed class AlertPublisher(PipelineConnection pipeline)
{
    public async Task<int> PublishRedAsync(AlertFeed local, AssessmentSummary summary, CancellationToken cancellationToken)
    {
        var alerts = new List<Alert>();
        using (var subscription = local.Subscribe())
        {
            local.PublishRed(summary.Assessments, summary.Consignments);
            while (subscription.Alerts.TryRead(out var alert))
            {
                alerts.Add(alert);
            }
        }
        foreach (var alert in alerts)
        {
            await pipeline.Connection.PublishAsync(pipeline.Address.AlertSubject, AlertWire.ToBytes(alert), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        return alerts.Count;
    }
}
