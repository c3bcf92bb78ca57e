using OpenCts.Storage.Commerce;

namespace OpenCts.Storage.Postgres.Commerce;

/// <summary>Platform orders and entity decisions, each a journaled row.</summary>
internal sealed class PostgresCommerceStore(PostgresStore store) : ICommerceStore
{
    private const string OrderColumns = "id, platform, order_number, tracking_number, body, received_at";
    private const string Latest = "id IN (SELECT MAX(id) FROM platform_orders GROUP BY platform, order_number)";

    // The latest of the order row o belongs to, found by the order's own index rather than by grouping every order stored.
    private const string LatestOfItsOrder = "o.id = (SELECT MAX(f.id) FROM platform_orders f WHERE f.platform = o.platform AND f.order_number = o.order_number)";
    private readonly PostgresStore _store = store;

    public Task<int> SaveOrdersAsync(IReadOnlyList<StoredPlatformOrder> orders, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            var saved = 0;
            foreach (var order in orders)
            {
                var body = await _store.ScalarAsync(
                    "SELECT body FROM platform_orders WHERE platform = @p AND order_number = @o ORDER BY id DESC LIMIT 1",
                    work, cancellationToken, ("p", order.Platform), ("o", order.OrderNumber)).ConfigureAwait(false);
                if (body is string same && string.Equals(same, order.Body, StringComparison.Ordinal))
                {
                    continue;
                }
                var id = (long)(await _store.ScalarAsync(
                    "INSERT INTO platform_orders (platform, order_number, tracking_number, body, received_at) VALUES (@p, @o, @t, @b, @at) RETURNING id",
                    work, cancellationToken,
                    ("p", order.Platform), ("o", order.OrderNumber), ("t", order.TrackingNumber), ("b", order.Body), ("at", PostgresText.Of(order.ReceivedAt))).ConfigureAwait(false))!;
                await _store.JournalAsync(work, RecordKinds.PlatformOrder, id, (await ReadOrderCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
                saved++;
            }
            return saved;
        }, cancellationToken);

    internal Task<byte[]?> ReadOrderCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken) =>
        _store.CanonicalRowAsync("SELECT platform, order_number, tracking_number, body, received_at FROM platform_orders WHERE id = @id", id, work, cancellationToken);

    public async Task<IReadOnlyList<StoredPlatformOrder>> OrdersAsync(CancellationToken cancellationToken) =>
        await _store.ListAsync($"SELECT {OrderColumns} FROM platform_orders WHERE {Latest} ORDER BY id", Order, null, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<StoredPlatformOrder>> OrdersByTrackingAsync(IReadOnlyCollection<string> trackingNumbers, CancellationToken cancellationToken) =>
        trackingNumbers.Count == 0
            ? []
            : await _store.ListAsync($"SELECT {OrderColumns} FROM platform_orders o WHERE o.tracking_number = ANY(@t) AND {LatestOfItsOrder} ORDER BY o.id", Order, null, cancellationToken,
                ("t", trackingNumbers.ToArray())).ConfigureAwait(false);

    private static StoredPlatformOrder Order(Npgsql.NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), PostgresText.At(r.GetString(5)));

    public Task<EntityDecision> SaveDecisionAsync(EntityDecision decision, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            var id = (long)(await _store.ScalarAsync(
                "INSERT INTO entity_decisions (kind, entity_id, other_entity_id, records, reason, decided_by, decided_at) VALUES (@k, @e, @o, @r, @why, @by, @at) RETURNING id",
                work, cancellationToken,
                ("k", decision.Kind), ("e", decision.EntityId), ("o", decision.OtherEntityId), ("r", EntityDecisionRecords.Join(decision.Records)),
                ("why", decision.Reason), ("by", decision.DecidedBy), ("at", PostgresText.Of(decision.DecidedAt))).ConfigureAwait(false))!;
            await _store.JournalAsync(work, RecordKinds.EntityDecision, id, (await ReadDecisionCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            return decision with { Id = id };
        }, cancellationToken);

    internal Task<byte[]?> ReadDecisionCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken) =>
        _store.CanonicalRowAsync("SELECT kind, entity_id, other_entity_id, records, reason, decided_by, decided_at FROM entity_decisions WHERE id = @id", id, work, cancellationToken);

    public async Task<IReadOnlyList<EntityDecision>> DecisionsAsync(CancellationToken cancellationToken) =>
        await _store.ListAsync(
            "SELECT id, kind, entity_id, other_entity_id, records, reason, decided_by, decided_at FROM entity_decisions ORDER BY id",
            r => new EntityDecision(r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                EntityDecisionRecords.Split(r.GetString(4)), r.GetString(5), r.GetString(6), PostgresText.At(r.GetString(7))),
            null, cancellationToken).ConfigureAwait(false);
}
