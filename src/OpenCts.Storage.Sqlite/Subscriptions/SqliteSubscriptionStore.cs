using Microsoft.Data.Sqlite;
using OpenCts.Storage.Sqlite.Referrals;
using OpenCts.Storage.Subscriptions;

namespace OpenCts.Storage.Sqlite.Subscriptions;

/// <summary>Alert subscriptions and their removals, each a journaled row; a subscription is in force until removed.</summary>
internal sealed class SqliteSubscriptionStore(SqliteStore store) : ISubscriptionStore
{
    private readonly SqliteStore _store = store;

    public Task<Subscription> AddAsync(Subscription subscription, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (work, transaction) =>
        {
            using var command = _store.Command(
                "INSERT INTO alert_subscriptions (user_name, group_name, category, port, profile, created_by, created_at) VALUES ($u, $g, $c, $p, $pr, $by, $at) RETURNING id", transaction);
            command.Parameters.AddWithValue("$u", (object?)subscription.User ?? DBNull.Value);
            command.Parameters.AddWithValue("$g", (object?)subscription.Group ?? DBNull.Value);
            command.Parameters.AddWithValue("$c", (object?)subscription.Category ?? DBNull.Value);
            command.Parameters.AddWithValue("$p", (object?)subscription.Port ?? DBNull.Value);
            command.Parameters.AddWithValue("$pr", (object?)subscription.Profile ?? DBNull.Value);
            command.Parameters.AddWithValue("$by", subscription.CreatedBy);
            command.Parameters.AddWithValue("$at", SqliteText.Of(subscription.CreatedAt));
            var id = (long)command.ExecuteScalar()!;
            await _store.JournalAsync(work, RecordKinds.Subscription, id, ReadCanonical(id, transaction)!, cancellationToken).ConfigureAwait(false);
            return subscription with { Id = id };
        }, cancellationToken);

    internal byte[]? ReadCanonical(long id, SqliteTransaction? transaction = null) =>
        _store.CanonicalRow("SELECT user_name, group_name, category, port, profile, created_by, created_at FROM alert_subscriptions WHERE id = $id", id, transaction);

    internal byte[]? ReadRemovalCanonical(long id, SqliteTransaction? transaction = null) =>
        _store.CanonicalRow("SELECT subscription_id, removed_by, removed_at FROM alert_subscription_removals WHERE id = $id", id, transaction);

    public Task<bool> RemoveAsync(long id, string removedBy, DateTimeOffset at, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (work, transaction) =>
        {
            using var command = _store.Command(
                """
                INSERT INTO alert_subscription_removals (subscription_id, removed_by, removed_at)
                SELECT id, $by, $at FROM alert_subscriptions WHERE id = $id
                ON CONFLICT (subscription_id) DO NOTHING RETURNING id
                """, transaction);
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$by", removedBy);
            command.Parameters.AddWithValue("$at", SqliteText.Of(at));
            if (command.ExecuteScalar() is not long removal)
            {
                return false;
            }
            await _store.JournalAsync(work, RecordKinds.SubscriptionRemoval, removal, ReadRemovalCanonical(removal, transaction)!, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<Subscription>> InForceAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command(
            """
            SELECT id, user_name, group_name, category, port, profile, created_by, created_at FROM alert_subscriptions s
            WHERE NOT EXISTS (SELECT 1 FROM alert_subscription_removals r WHERE r.subscription_id = s.id) ORDER BY id
            """);
        using var reader = command.ExecuteReader();
        var result = new List<Subscription>();
        while (reader.Read())
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            result.Add(new Subscription(reader.GetInt64(0), Text(1), Text(2), Text(3), Text(4), Text(5), reader.GetString(6), SqliteText.At(reader.GetString(7))));
        }
        return Task.FromResult<IReadOnlyList<Subscription>>(result);
    }
}
