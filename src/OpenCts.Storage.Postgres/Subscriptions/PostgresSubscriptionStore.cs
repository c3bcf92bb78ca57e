using OpenCts.Storage.Subscriptions;

namespace OpenCts.Storage.Postgres.Subscriptions;

/// <summary>Alert subscriptions and their removals, each a journaled row; a subscription is in force until removed.</summary>
internal sealed class PostgresSubscriptionStore(PostgresStore store) : ISubscriptionStore
{
    private readonly PostgresStore _store = store;

    public Task<Subscription> AddAsync(Subscription subscription, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            var id = (long)(await _store.ScalarAsync(
                "INSERT INTO alert_subscriptions (user_name, group_name, category, port, profile, created_by, created_at) VALUES (@u, @g, @c, @p, @pr, @by, @at) RETURNING id",
                work, cancellationToken,
                ("u", subscription.User), ("g", subscription.Group), ("c", subscription.Category), ("p", subscription.Port), ("pr", subscription.Profile),
                ("by", subscription.CreatedBy), ("at", PostgresText.Of(subscription.CreatedAt))).ConfigureAwait(false))!;
            await _store.JournalAsync(work, RecordKinds.Subscription, id, (await ReadCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            return subscription with { Id = id };
        }, cancellationToken);

    internal Task<byte[]?> ReadCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken) =>
        _store.CanonicalRowAsync("SELECT user_name, group_name, category, port, profile, created_by, created_at FROM alert_subscriptions WHERE id = @id", id, work, cancellationToken);

    internal Task<byte[]?> ReadRemovalCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken) =>
        _store.CanonicalRowAsync("SELECT subscription_id, removed_by, removed_at FROM alert_subscription_removals WHERE id = @id", id, work, cancellationToken);

    public Task<bool> RemoveAsync(long id, string removedBy, DateTimeOffset at, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            if (await _store.ScalarAsync(
                """
                INSERT INTO alert_subscription_removals (subscription_id, removed_by, removed_at)
                SELECT id, @by, @at FROM alert_subscriptions WHERE id = @id
                ON CONFLICT (subscription_id) DO NOTHING RETURNING id
                """, work, cancellationToken, ("id", id), ("by", removedBy), ("at", PostgresText.Of(at))).ConfigureAwait(false) is not long removal)
            {
                return false;
            }
            await _store.JournalAsync(work, RecordKinds.SubscriptionRemoval, removal, (await ReadRemovalCanonicalAsync(removal, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<Subscription>> InForceAsync(CancellationToken cancellationToken) =>
        await _store.ListAsync(
            """
            SELECT id, user_name, group_name, category, port, profile, created_by, created_at FROM alert_subscriptions s
            WHERE NOT EXISTS (SELECT 1 FROM alert_subscription_removals r WHERE r.subscription_id = s.id) ORDER BY id
            """,
            r =>
            {
                string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                return new Subscription(r.GetInt64(0), Text(1), Text(2), Text(3), Text(4), Text(5), r.GetString(6), PostgresText.At(r.GetString(7)));
            },
            null, cancellationToken).ConfigureAwait(false);
}
