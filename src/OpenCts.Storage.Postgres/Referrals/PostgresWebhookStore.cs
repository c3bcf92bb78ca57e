using Npgsql;
using OpenCts.Storage.Referrals;

namespace OpenCts.Storage.Postgres.Referrals;

/// <summary>Callback registrations as versions, and the webhook outbox, whose rows change until their delivery ends.</summary>
internal sealed class PostgresWebhookStore(PostgresStore store) : IWebhookStore
{
    private const string SelectDelivery = "SELECT id, referral_id, owner, body, created_at, attempts, status, next_attempt_at, last_error, ended_at FROM webhook_deliveries";

    private readonly PostgresStore _store = store;

    public Task SaveCallbackAsync(string owner, string? url, string? secret, string changedBy, DateTimeOffset at, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            var id = (long)(await _store.ScalarAsync(
                "INSERT INTO callback_versions (owner, url, secret, changed_by, changed_at) VALUES (@o, @u, @s, @by, @at) RETURNING id", work, cancellationToken,
                ("o", owner), ("u", url), ("s", secret), ("by", changedBy), ("at", PostgresText.Of(at))).ConfigureAwait(false))!;
            await _store.JournalAsync(work, RecordKinds.Callback, id, (await ReadCallbackCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            return id;
        }, cancellationToken);

    // The secret is never journaled: the ledger is published, the secret must not be.
    internal Task<byte[]?> ReadCallbackCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken) =>
        _store.CanonicalRowAsync("SELECT owner, url, changed_by, changed_at FROM callback_versions WHERE id = @id", id, work, cancellationToken);

    internal async Task<byte[]?> ReadDeliveryCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync(
            "SELECT referral_id, owner, body, created_at, attempts, status, last_error, ended_at FROM webhook_deliveries WHERE id = @id AND status <> 'pending'",
            r => CanonicalForm.WebhookDelivery(id, r.GetInt64(0), r.GetString(1), r.GetFieldValue<byte[]>(2), r.GetString(3), r.GetInt32(4), r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7)),
            work, cancellationToken, ("id", id)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<Callback?> CallbackOfAsync(string owner, CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync(
            "SELECT owner, url, secret, changed_by, changed_at FROM callback_versions WHERE lower(owner) COLLATE \"C\" = lower(@o) COLLATE \"C\" ORDER BY id DESC LIMIT 1",
            r => r.IsDBNull(1) ? null : new Callback(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), PostgresText.At(r.GetString(4))),
            null, cancellationToken, ("o", owner)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<WebhookDelivery>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        await _store.ListAsync(SelectDelivery + " WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @n",
            ReadDelivery, null, cancellationToken, ("now", PostgresText.Of(now)), ("n", limit)).ConfigureAwait(false);

    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesOfAsync(string owner, int limit, CancellationToken cancellationToken) =>
        await _store.ListAsync(SelectDelivery + " WHERE lower(owner) COLLATE \"C\" = lower(@o) COLLATE \"C\" ORDER BY id DESC LIMIT @n",
            ReadDelivery, null, cancellationToken, ("o", owner), ("n", limit)).ConfigureAwait(false);

    public Task RecordAttemptAsync(long deliveryId, string status, DateTimeOffset? nextAttemptAt, string? error, DateTimeOffset at, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            var ended = status is DeliveryStatus.Delivered or DeliveryStatus.Failed;
            var changed = await _store.ExecuteAsync(
                "UPDATE webhook_deliveries SET attempts = attempts + 1, status = @s, next_attempt_at = @next, last_error = @e, ended_at = @end WHERE id = @id AND status = 'pending'", work, cancellationToken,
                ("id", deliveryId), ("s", status), ("next", ended ? null : PostgresText.OfOptional(nextAttemptAt)), ("e", error), ("end", ended ? PostgresText.Of(at) : null)).ConfigureAwait(false);
            if (changed == 1 && ended)
            {
                await _store.JournalAsync(work, RecordKinds.WebhookDelivery, deliveryId, (await ReadDeliveryCanonicalAsync(deliveryId, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            }
            return true;
        }, cancellationToken);

    private static WebhookDelivery ReadDelivery(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetFieldValue<byte[]>(3), PostgresText.At(r.GetString(4)), r.GetInt32(5), r.GetString(6),
        r.IsDBNull(7) ? null : PostgresText.At(r.GetString(7)), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : PostgresText.At(r.GetString(9)));
}
