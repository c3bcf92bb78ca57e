using OpenCts.Application.Assessing;

namespace OpenCts.Application.Alerts;

/// <summary>What a host runs after intake: assess what is pending, then publish each new red-lane assessment to the alert feed.</summary>
/// <remarks>The server runs it after each message; a worker would run the same, so the order of the two steps lives here.</remarks>
public sealed class AlertingAssessment(AssessmentRun assessment, AlertFeed alerts)
{
    /// <summary>Assesses every pending consignment and publishes the red ones; returns the run and how many alerts it raised.</summary>
    public async Task<(AssessmentSummary Summary, int Alerts)> RunAsync(AssessOptions options, CancellationToken cancellationToken)
    {
        var summary = await assessment.AssessPendingAsync(options, progress: null, cancellationToken).ConfigureAwait(false);
        return (summary, alerts.PublishRed(summary.Assessments, summary.Consignments));
    }
}
