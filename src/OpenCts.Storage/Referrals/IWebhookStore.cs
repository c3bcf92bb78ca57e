namespace OpenCts.Storage.Referrals;

/// <summary>The callback URL registered for a user's credentials, with the secret its webhooks are signed with.</summary>
public sealed record Callback(string Owner, string Url, string Secret, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>The states of a webhook delivery in the outbox.</summary>
public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";

    /// <summary>Given up after the last attempt; kept so that the failure stays visible.</summary>
    public const string Failed = "failed";
}

/// <summary>One webhook in the durable outbox: what to send to whom, and how its attempts went.</summary>
public sealed record WebhookDelivery(
    long Id,
    long ReferralId,
    string Owner,
    byte[] Body,
    DateTimeOffset CreatedAt,
    int Attempts,
    string Status,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    DateTimeOffset? EndedAt);

/// <summary>Callback registrations (each change a version, journaled without its secret) and the webhook outbox.</summary>
public interface IWebhookStore
{
    /// <summary>Registers (a URL and a secret) or removes (both null) the callback of an owner, journaled.</summary>
    Task SaveCallbackAsync(string owner, string? url, string? secret, string changedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The callback in force for an owner (without regard to case), or null.</summary>
    Task<Callback?> CallbackOfAsync(string owner, CancellationToken cancellationToken);

    /// <summary>The pending deliveries whose next attempt is due, oldest first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Records an attempt: pending again with its next time, or delivered or failed for good (journaled then).</summary>
    Task RecordAttemptAsync(long deliveryId, string status, DateTimeOffset? nextAttemptAt, string? error, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The latest deliveries to an owner, newest first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> DeliveriesOfAsync(string owner, int limit, CancellationToken cancellationToken);
}
