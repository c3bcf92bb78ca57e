using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenCts.Application;

namespace OpenCts.Server.Referrals;

/// <summary>Drives the webhook outbox: delivers what is due at once when a referral is queued, and every poll interval for the retries.</summary>
/// <remarks>The outbox, the signing and the back-off live in the application core (<c>WebhookDispatch</c>); this only keeps time. Nothing is lost on a restart: what was pending is due again.</remarks>
internal sealed class WebhookDeliveryService(CtsApplication application, CtsServerOptions options, ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _queued = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), AllowAutoRedirect = false }) { Timeout = options.WebhookTimeout };
        application.Referrals.WebhookQueued += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    while (await application.Webhooks.DeliverDueAsync(client, options.WebhookSchedule, stoppingToken).ConfigureAwait(false) == Application.Referrals.WebhookDispatch.BatchSize)
                    {
                    }
                    await _queued.WaitAsync(options.WebhookPoll, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception)
                {
                    // One failed round must not stop delivery; the outbox keeps what is due for the next.
                    logger.LogError(exception, "delivering webhooks failed");
                    await Task.Delay(options.WebhookPoll, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            application.Referrals.WebhookQueued -= Wake;
        }
    }

    private void Wake()
    {
        try
        {
            _queued.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: one round delivers everything due.
        }
    }

    public override void Dispose()
    {
        _queued.Dispose();
        base.Dispose();
    }
}
