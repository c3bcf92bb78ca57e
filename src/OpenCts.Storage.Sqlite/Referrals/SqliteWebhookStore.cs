using Microsoft.Data.Sqlite;
using OpenCts.Storage.Referrals;

namespace OpenCts.Storage.Sqlite.Referrals;

/// <summary>Callback registrations as versions, and the webhook outbox, whose rows change until their delivery ends.</summary>
internal sealed class SqliteWebhookStore(SqliteStore store) : IWebhookStore
{
    private const string SelectDelivery = "SELECT id, referral_id, owner, body, created_at, attempts, status, next_attempt_at, last_error, ended_at FROM webhook_deliveries";

    private readonly SqliteStore _store = store;

    public Task SaveCallbackAsync(string owner, string? url, string? secret, string changedBy, DateTimeOffset at, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (work, transaction) =>
        {
            using var command = _store.Command(
                "INSERT INTO callback_versions (owner, url, secret, changed_by, changed_at) VALUES ($o, $u, $s, $by, $at) RETURNING id", transaction);
            command.Parameters.AddWithValue("$o", owner);
            command.Parameters.AddWithValue("$u", (object?)url ?? DBNull.Value);
            command.Parameters.AddWithValue("$s", (object?)secret ?? DBNull.Value);
            command.Parameters.AddWithValue("$by", changedBy);
            command.Parameters.AddWithValue("$at", SqliteText.Of(at));
            var id = (long)command.ExecuteScalar()!;
            await _store.JournalAsync(work, RecordKinds.Callback, id, ReadCallbackCanonical(id, transaction)!, cancellationToken).ConfigureAwait(false);
            return id;
        }, cancellationToken);

    // The secret is never journaled: the ledger is published, the secret must not be.
    internal byte[]? ReadCallbackCanonical(long id, SqliteTransaction? transaction = null) =>
        _store.CanonicalRow("SELECT owner, url, changed_by, changed_at FROM callback_versions WHERE id = $id", id, transaction);

    internal byte[]? ReadDeliveryCanonical(long id, SqliteTransaction? transaction = null)
    {
        using var command = _store.Command("SELECT referral_id, owner, body, created_at, attempts, status, last_error, ended_at FROM webhook_deliveries WHERE id = $id AND status <> 'pending'", transaction);
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? CanonicalForm.WebhookDelivery(id, reader.GetInt64(0), reader.GetString(1), (byte[])reader.GetValue(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7))
            : null;
    }

    public Task<Callback?> CallbackOfAsync(string owner, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command("SELECT owner, url, secret, changed_by, changed_at FROM callback_versions WHERE owner = $o COLLATE NOCASE ORDER BY id DESC LIMIT 1");
        command.Parameters.AddWithValue("$o", owner);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() && !reader.IsDBNull(1)
            ? new Callback(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), SqliteText.At(reader.GetString(4)))
            : null);
    }

    public Task<IReadOnlyList<WebhookDelivery>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Deliveries(cancellationToken, SelectDelivery + " WHERE status = 'pending' AND next_attempt_at <= $now ORDER BY next_attempt_at, id LIMIT $n", ("$now", SqliteText.Of(now)), ("$n", limit));

    public Task<IReadOnlyList<WebhookDelivery>> DeliveriesOfAsync(string owner, int limit, CancellationToken cancellationToken) =>
        Deliveries(cancellationToken, SelectDelivery + " WHERE owner = $o COLLATE NOCASE ORDER BY id DESC LIMIT $n", ("$o", owner), ("$n", limit));

    public Task RecordAttemptAsync(long deliveryId, string status, DateTimeOffset? nextAttemptAt, string? error, DateTimeOffset at, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (work, transaction) =>
        {
            var ended = status is DeliveryStatus.Delivered or DeliveryStatus.Failed;
            using var command = _store.Command(
                "UPDATE webhook_deliveries SET attempts = attempts + 1, status = $s, next_attempt_at = $next, last_error = $e, ended_at = $end WHERE id = $id AND status = 'pending'", transaction);
            command.Parameters.AddWithValue("$id", deliveryId);
            command.Parameters.AddWithValue("$s", status);
            command.Parameters.AddWithValue("$next", ended ? DBNull.Value : SqliteText.OfOptional(nextAttemptAt));
            command.Parameters.AddWithValue("$e", (object?)error ?? DBNull.Value);
            command.Parameters.AddWithValue("$end", ended ? SqliteText.Of(at) : DBNull.Value);
            if (command.ExecuteNonQuery() == 1 && ended)
            {
                await _store.JournalAsync(work, RecordKinds.WebhookDelivery, deliveryId, ReadDeliveryCanonical(deliveryId, transaction)!, cancellationToken).ConfigureAwait(false);
            }
            return true;
        }, cancellationToken);

    private Task<IReadOnlyList<WebhookDelivery>> Deliveries(CancellationToken cancellationToken, string sql, params (string Name, object Value)[] parameters)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        using var reader = command.ExecuteReader();
        var result = new List<WebhookDelivery>();
        while (reader.Read())
        {
            result.Add(new WebhookDelivery(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), (byte[])reader.GetValue(3), SqliteText.At(reader.GetString(4)), reader.GetInt32(5), reader.GetString(6),
                reader.IsDBNull(7) ? null : SqliteText.At(reader.GetString(7)), reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : SqliteText.At(reader.GetString(9))));
        }
        return Task.FromResult<IReadOnlyList<WebhookDelivery>>(result);
    }
}
