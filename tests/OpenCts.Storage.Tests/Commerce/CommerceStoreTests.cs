using System.Globalization;
using OpenCts.Storage.Commerce;

namespace OpenCts.Storage.Tests.Commerce;

/// <summary>Platform orders and entity decisions, the same on every backend.</summary>
public class CommerceStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static StoredPlatformOrder Order(string number, string tracking, string body) => new(0, "shopzilla", number, tracking, body, At);

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task An_order_sent_again_unchanged_is_kept_once_and_a_changed_one_replaces_it(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);

        Assert.Equal(2, await test.Store.Commerce.SaveOrdersAsync([Order("O-1", "LX1", "{\"a\":1}"), Order("O-2", "LX2", "{\"b\":2}")], Token));
        Assert.Equal(0, await test.Store.Commerce.SaveOrdersAsync([Order("O-1", "LX1", "{\"a\":1}")], Token));
        Assert.Equal(1, await test.Store.Commerce.SaveOrdersAsync([Order("O-1", "LX9", "{\"a\":3}")], Token));

        var store = await test.ReopenAsync();
        var orders = await store.Commerce.OrdersAsync(Token);
        Assert.Equal([("O-2", "LX2", "{\"b\":2}"), ("O-1", "LX9", "{\"a\":3}")], orders.Select(o => (o.OrderNumber, o.TrackingNumber, o.Body)));
        Assert.Equal(["O-1"], (await store.Commerce.OrdersByTrackingAsync(["LX9", "LX1", "NONE"], Token)).Select(o => o.OrderNumber));
        Assert.Empty(await store.Commerce.OrdersByTrackingAsync([], Token));
        Assert.Equal(3, test.Journal.Records.Count(r => r.Kind == RecordKinds.PlatformOrder));
        var first = orders[^1].Id.ToString(CultureInfo.InvariantCulture);
        Assert.Contains("{\"a\":3}", System.Text.Encoding.UTF8.GetString((await store.ReadCanonicalAsync(RecordKinds.PlatformOrder, first, Token))!), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task Entity_decisions_are_journaled_and_read_back_in_the_order_taken(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);

        var merge = await test.Store.Commerce.SaveDecisionAsync(new EntityDecision(0, EntityDecision.Merge, "E-000001", "E-000007", [], "same buyer, two phones", "analyst.ann", At), Token);
        var split = await test.Store.Commerce.SaveDecisionAsync(
            new EntityDecision(0, EntityDecision.Split, "E-000001", null, ["ExpressParcel:LX1|Consignee", "ExpressParcel:LX2|Consignee"], "a neighbour, not the buyer", "analyst.ann", At.AddHours(1)), Token);

        Assert.True(merge.Id > 0 && split.Id > merge.Id);
        Assert.Equal([merge, split], await (await test.ReopenAsync()).Commerce.DecisionsAsync(Token), new DecisionComparer());
        Assert.Equal([RecordKinds.EntityDecision, RecordKinds.EntityDecision], test.Journal.Records.Select(r => r.Kind));
    }

    private sealed class DecisionComparer : IEqualityComparer<EntityDecision>
    {
        public bool Equals(EntityDecision? x, EntityDecision? y) =>
            x is not null && y is not null && x with { Records = [] } == y with { Records = [] } && x.Records.SequenceEqual(y.Records);

        public int GetHashCode(EntityDecision obj) => obj.Id.GetHashCode();
    }
}
