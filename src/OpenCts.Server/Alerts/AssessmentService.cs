using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenCts.Application;
using OpenCts.Application.Assessing;
using OpenCts.Server.Common;
using OpenCts.Server.Health;

namespace OpenCts.Server.Alerts;

/// <summary>Assesses what is pending right after each intake and publishes each new red-lane assessment to the alert feed.</summary>
/// <remarks>
/// It also runs once at start, for what was received while the server was down. It runs beside the requests: it reads
/// committed rows only (a message is committed whole or not at all), and intakes that arrive while it assesses raise the
/// signal again, so the next run takes them. It is the only assessor of the server, so no version is assessed twice.
/// </remarks>
internal sealed class AssessmentService(CtsApplication application, IntakeSignal signal, ServerMetrics metrics, ILogger<AssessmentService> logger) : BackgroundService
{
    /// <summary>How long a run waits after the signal, so that the intakes of a busy moment share it.</summary>
    /// <remarks>
    /// A run has a cost of its own, whatever it assesses: it reads what is pending, the export records and the engine,
    /// and commits its assessments in a write of their own. Run at once, at 1,000 messages a second, runs took 2.3
    /// consignments each; the run's fixed cost then weighed on every request's latency. 25 ms is little beside an
    /// arrival hours away.
    /// </remarks>
    public static readonly TimeSpan Gathering = TimeSpan.FromMilliseconds(25);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        signal.Raise();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(Gathering, stoppingToken).ConfigureAwait(false);
                var (summary, alerts) = await application.AssessAndAlert.RunAsync(new AssessOptions(), stoppingToken).ConfigureAwait(false);
                metrics.Assessed(summary.Assessments.Count, alerts);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // One failed run must not stop assessment; the next intake tries again.
                logger.LogError(exception, "assessing pending consignments failed");
            }
        }
    }
}
