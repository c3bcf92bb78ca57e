using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpenCts.Storage.Commerce;
using OpenCts.Storage.Sqlite.Messages;
using OpenCts.Storage.Sqlite.Referrals;

namespace OpenCts.Storage.Sqlite.Commerce;

/// <summary>Platform orders and entity decisions, each a journaled row.</summary>
internal sealed class SqliteCommerceStore(SqliteStore store) : ICommerceStore
{
    private const string OrderColumns = "id, platform, order_number, tracking_number, body, received_at";
    private const string DecisionColumns = "id, kind, entity_id, other_entity_id, records, reason, decided_by, decided_at";
    private readonly SqliteStore _store = store;

    public async Task<int> SaveOrdersAsync(IReadOnlyList<StoredPlatformOrder> orders, CancellationToken cancellationToken)
    {
        var saved = await _store.WriteAsync(async (work, transaction) =>
        {
            var saved = 0;
            var dictionary = _store.Orders.Current;
            foreach (var order in orders)
            {
                if (string.Equals(LatestBody(order.Platform, order.OrderNumber, transaction), order.Body, StringComparison.Ordinal))
                {
                    continue;
                }
                using var command = _store.Command(
                    "INSERT INTO platform_orders (platform, order_number, tracking_number, body, received_at) VALUES ($p, $o, $t, $b, $at) RETURNING id", transaction);
                command.Parameters.AddWithValue("$p", order.Platform);
                command.Parameters.AddWithValue("$o", order.OrderNumber);
                command.Parameters.AddWithValue("$t", order.TrackingNumber);
                command.Parameters.AddWithValue("$b", Packing.PackOrder(order.Body, dictionary));
                var receivedAt = SqliteText.Of(order.ReceivedAt);
                command.Parameters.AddWithValue("$at", receivedAt);
                var id = (long)command.ExecuteScalar()!;
                // The canonical form is made from the text written, not from the packed row.
                var canonical = CanonicalForm.Row(id, [order.Platform, order.OrderNumber, order.TrackingNumber, order.Body, receivedAt]);
                await _store.JournalAsync(work, RecordKinds.PlatformOrder, id, canonical, cancellationToken).ConfigureAwait(false);
                saved++;
            }
            return saved;
        }, cancellationToken).ConfigureAwait(false);
        // Once there are orders enough, later ones are packed with a dictionary learned from the latest (outside the writer).
        await _store.Orders.LearnIfDueAsync(_store, saved,
            "SELECT count(*) FROM platform_orders",
            "SELECT body FROM platform_orders ORDER BY id DESC LIMIT $take",
            reader => Encoding.UTF8.GetBytes(Packing.ReadOrder(reader, 0, _store.Orders))).ConfigureAwait(false);
        return saved;
    }

    private string? LatestBody(string platform, string orderNumber, SqliteTransaction transaction)
    {
        using var same = _store.Command("SELECT body FROM platform_orders WHERE platform = $p AND order_number = $o ORDER BY id DESC LIMIT 1", transaction);
        same.Parameters.AddWithValue("$p", platform);
        same.Parameters.AddWithValue("$o", orderNumber);
        using var reader = same.ExecuteReader();
        return reader.Read() ? Packing.ReadOrder(reader, 0, _store.Orders) : null;
    }

    internal byte[]? ReadOrderCanonical(long id)
    {
        using var command = _store.Command("SELECT platform, order_number, tracking_number, body, received_at FROM platform_orders WHERE id = $id");
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? CanonicalForm.Row(id, [reader.GetValue(0), reader.GetValue(1), reader.GetValue(2), Packing.ReadOrder(reader, 3, _store.Orders), reader.GetValue(4)])
            : null;
    }

    public Task<IReadOnlyList<StoredPlatformOrder>> OrdersAsync(CancellationToken cancellationToken) =>
        Task.FromResult(ReadOrders(
            $"SELECT {OrderColumns} FROM platform_orders WHERE id IN (SELECT MAX(id) FROM platform_orders GROUP BY platform, order_number) ORDER BY id", [], cancellationToken));

    public Task<IReadOnlyList<StoredPlatformOrder>> OrdersByTrackingAsync(IReadOnlyCollection<string> trackingNumbers, CancellationToken cancellationToken)
    {
        if (trackingNumbers.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<StoredPlatformOrder>>([]);
        }
        // One text whatever the count, so SQLite prepares it quickly; the latest of each order found by its own index, not by
        // grouping every order stored.
        return Task.FromResult(ReadOrders(
            $"""
            SELECT {OrderColumns} FROM platform_orders o
            WHERE o.tracking_number IN (SELECT value FROM json_each($numbers))
            AND o.id = (SELECT MAX(f.id) FROM platform_orders f WHERE f.platform = o.platform AND f.order_number = o.order_number)
            ORDER BY o.id
            """, [("$numbers", JsonSerializer.Serialize(trackingNumbers))], cancellationToken));
    }

    private IReadOnlyList<StoredPlatformOrder> ReadOrders(string sql, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        using var reader = command.ExecuteReader();
        var result = new List<StoredPlatformOrder>();
        while (reader.Read())
        {
            result.Add(new StoredPlatformOrder(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Packing.ReadOrder(reader, 4, _store.Orders), SqliteText.At(reader.GetString(5))));
        }
        return result;
    }

    public Task<EntityDecision> SaveDecisionAsync(EntityDecision decision, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (work, transaction) =>
        {
            using var command = _store.Command(
                "INSERT INTO entity_decisions (kind, entity_id, other_entity_id, records, reason, decided_by, decided_at) VALUES ($k, $e, $o, $r, $why, $by, $at) RETURNING id", transaction);
            command.Parameters.AddWithValue("$k", decision.Kind);
            command.Parameters.AddWithValue("$e", decision.EntityId);
            command.Parameters.AddWithValue("$o", (object?)decision.OtherEntityId ?? DBNull.Value);
            command.Parameters.AddWithValue("$r", EntityDecisionRecords.Join(decision.Records));
            command.Parameters.AddWithValue("$why", decision.Reason);
            command.Parameters.AddWithValue("$by", decision.DecidedBy);
            command.Parameters.AddWithValue("$at", SqliteText.Of(decision.DecidedAt));
            var id = (long)command.ExecuteScalar()!;
            await _store.JournalAsync(work, RecordKinds.EntityDecision, id, ReadDecisionCanonical(id, transaction)!, cancellationToken).ConfigureAwait(false);
            return decision with { Id = id };
        }, cancellationToken);

    internal byte[]? ReadDecisionCanonical(long id, SqliteTransaction? transaction = null) =>
        _store.CanonicalRow("SELECT kind, entity_id, other_entity_id, records, reason, decided_by, decided_at FROM entity_decisions WHERE id = $id", id, transaction);

    public Task<IReadOnlyList<EntityDecision>> DecisionsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command($"SELECT {DecisionColumns} FROM entity_decisions ORDER BY id");
        using var reader = command.ExecuteReader();
        var result = new List<EntityDecision>();
        while (reader.Read())
        {
            result.Add(new EntityDecision(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                EntityDecisionRecords.Split(reader.GetString(4)), reader.GetString(5), reader.GetString(6), SqliteText.At(reader.GetString(7))));
        }
        return Task.FromResult<IReadOnlyList<EntityDecision>>(result);
    }
}
