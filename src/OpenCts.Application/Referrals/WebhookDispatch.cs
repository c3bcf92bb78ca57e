using System.Net.Http.Headers;
using OpenCts.Storage;
using OpenCts.Storage.Referrals;

namespace OpenCts.Application.Referrals;

/// <summary>When to try a webhook again: after <see cref="FirstDelay"/>, then twice as long each time up to <see cref="MaxDelay"/>, at most <see cref="MaxAttempts"/> times.</summary>
public sealed record WebhookSchedule(TimeSpan FirstDelay, TimeSpan MaxDelay, int MaxAttempts)
{
    /// <summary>30 s, 1, 2, 4, 8, 16, 32 minutes, then hourly, ten attempts in all (about five hours).</summary>
    public static WebhookSchedule Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), 10);

    /// <summary>The wait after the given number of failed attempts (1 for the first failure).</summary>
    public TimeSpan DelayAfter(int failedAttempts)
    {
        var factor = Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstDelay.Ticks * factor, MaxDelay.Ticks));
        return delay < FirstDelay ? FirstDelay : delay;
    }
}

/// <summary>Delivers the due webhooks of the outbox: each signed, each attempt recorded, retried on the schedule, failed for good after its last attempt.</summary>
/// <remarks>
/// The outbox is in the store, so a restart loses no delivery: what was pending is still due. A delivery is at least once;
/// the receiver tells repeats apart by <see cref="WebhookSignature.DeliveryHeader"/>.
/// </remarks>
public sealed class WebhookDispatch(ICtsStore store)
{
    public const int BatchSize = 50;

    /// <summary>Makes one attempt at every delivery that is due now.</summary>
    /// <returns>How many deliveries were attempted.</returns>
    public async Task<int> DeliverDueAsync(HttpClient client, WebhookSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(schedule);
        var due = await store.Webhooks.DueAsync(store.Clock.GetUtcNow(), BatchSize, cancellationToken).ConfigureAwait(false);
        foreach (var delivery in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var error = await AttemptAsync(client, delivery, cancellationToken).ConfigureAwait(false);
            var now = store.Clock.GetUtcNow();
            if (error is null)
            {
                await store.Webhooks.RecordAttemptAsync(delivery.Id, DeliveryStatus.Delivered, null, null, now, cancellationToken).ConfigureAwait(false);
                continue;
            }
            var attempts = delivery.Attempts + 1;
            var status = attempts >= schedule.MaxAttempts ? DeliveryStatus.Failed : DeliveryStatus.Pending;
            await store.Webhooks.RecordAttemptAsync(delivery.Id, status, now + schedule.DelayAfter(attempts), error, now, cancellationToken).ConfigureAwait(false);
        }
        return due.Count;
    }

    /// <summary>One attempt; null when the receiver took it (any 2xx), else what went wrong.</summary>
    private async Task<string?> AttemptAsync(HttpClient client, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var callback = await store.Webhooks.CallbackOfAsync(delivery.Owner, cancellationToken).ConfigureAwait(false);
        if (callback is null)
        {
            return "no callback is registered";
        }
        var timestamp = store.Clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, callback.Url) { Content = new ByteArrayContent(delivery.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(callback.Secret, timestamp, delivery.Body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"the receiver answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException exception)
        {
            return "the receiver could not be reached: " + exception.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "the receiver did not answer in time";
        }
    }
}
