using System.Globalization;
using System.Text;
using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.Samples;
using OpenCts.Storage.Commerce;
using OpenCts.Storage.Messages;
using OpenCts.Storage.Sqlite;
using OpenCts.Storage.Sqlite.Messages;
using static OpenCts.Storage.Tests.Messages.StoredRows;

namespace OpenCts.Storage.Tests.Messages;

/// <summary>The embedded store learns a dictionary from its own consignment bodies and platform orders once it holds enough of them, packs what comes after with it, and reads every form back as it was.</summary>
public class DictionaryPackingTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 9, 30, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Once_a_store_holds_five_hundred_bodies_it_learns_a_dictionary_and_the_bodies_after_it_pack_smaller_and_read_back_as_a_store_without_one_reads_them()
    {
        var consignments = new SampleGenerator(20261206).Generate(700);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(At);
        await using var learned = await TestStore.CreateAsync(StoreBackends.Sqlite, clock: clock);
        await StoreInMessagesOfFifty(learned.Store, consignments.Take(600), "E");
        var sqlite = (SqliteStore)learned.Store;
        Assert.Equal(["consignment-body 600"], Texts(sqlite, "SELECT kind || ' ' || samples FROM packing_dictionaries"));

        await StoreInMessagesOfFifty(learned.Store, consignments.Skip(600), "L");
        await using var plain = await TestStore.CreateAsync(StoreBackends.Sqlite, clock: clock);
        await StoreInMessagesOfFifty(plain.Store, consignments.Skip(600), "L");

        // The later hundred are packed with the dictionary, and smaller than a store without one keeps them.
        const string Later = "FROM consignment_versions v JOIN raw_messages r ON r.id = v.raw_message_id WHERE r.message_id LIKE 'L-%'";
        Assert.Equal(["04 100"], Texts(sqlite, $"SELECT f || ' ' || n FROM (SELECT hex(substr(v.body, 1, 1)) AS f, count(*) AS n {Later} GROUP BY f)"));
        var packed = double.Parse(Texts(sqlite, $"SELECT avg(length(v.body)) {Later}")[0], CultureInfo.InvariantCulture);
        var without = double.Parse(Texts((SqliteStore)plain.Store, $"SELECT avg(length(v.body)) {Later}")[0], CultureInfo.InvariantCulture);
        Assert.True(packed < without * 0.8, $"{packed:N0} bytes a body with the dictionary, {without:N0} without");
        Assert.Empty(Texts((SqliteStore)plain.Store, "SELECT id FROM packing_dictionaries"));

        // What each reads back is the same consignment, but for where and when it was received; after reopening too.
        var expected = WithoutProvenance(await plain.Store.Messages.CurrentAsync(Token));
        Assert.Equal(100, expected.Count);
        var read = WithoutProvenance(await learned.Store.Messages.CurrentAsync(Token));
        var reopened = WithoutProvenance(await (await learned.ReopenAsync()).Messages.CurrentAsync(Token));
        Assert.Equal(700, reopened.Count);
        foreach (var (key, consignment) in expected)
        {
            Assert.Equal(consignment, read[key]);
            Assert.Equal(consignment, reopened[key]);
        }
    }

    [Fact]
    public async Task A_body_cut_short_changed_or_naming_a_dictionary_the_store_does_not_hold_is_refused_as_changed_data()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        var consignments = new SampleGenerator(7).Generate(600);
        await StoreInMessagesOfFifty(test.Store, consignments.Take(550), "E");
        await StoreInMessagesOfFifty(test.Store, consignments.Skip(550), "L");
        var sqlite = (SqliteStore)test.Store;
        var id = Texts(sqlite, "SELECT max(id) FROM consignment_versions WHERE substr(body, 1, 1) = x'04'")[0];
        var body = Texts(sqlite, $"SELECT hex(body) FROM consignment_versions WHERE id = {id}")[0];

        await test.ExecuteBehindTheStoreAsync($"UPDATE consignment_versions SET body = substr(body, 1, length(body) / 2) WHERE id = {id}");
        var cut = await Assert.ThrowsAsync<InvalidDataException>(async () => await (await test.ReopenAsync()).Messages.CurrentAsync(Token));
        Assert.Contains("cut short", cut.Message, StringComparison.Ordinal);

        // The form's byte, then the dictionary's row: 99 is no row of this store.
        await test.ExecuteBehindTheStoreAsync($"UPDATE consignment_versions SET body = CAST(x'0463' || x'{body[4..]}' AS BLOB) WHERE id = {id}");
        var unknown = await Assert.ThrowsAsync<InvalidDataException>(async () => await (await test.ReopenAsync()).Messages.CurrentAsync(Token));
        Assert.Contains("dictionary 99", unknown.Message, StringComparison.Ordinal);

        // A byte changed inside the frame: its checksum no longer holds.
        var changed = body[..(body.Length / 2)] + (body[body.Length / 2] == '0' ? '1' : '0') + body[(body.Length / 2 + 1)..];
        await test.ExecuteBehindTheStoreAsync($"UPDATE consignment_versions SET body = x'{changed}' WHERE id = {id}");
        await Assert.ThrowsAsync<InvalidDataException>(async () => await (await test.ReopenAsync()).Messages.CurrentAsync(Token));

        // Put back as it was, it reads again.
        await test.ExecuteBehindTheStoreAsync($"UPDATE consignment_versions SET body = x'{body}' WHERE id = {id}");
        Assert.Equal(600, (await (await test.ReopenAsync()).Messages.CurrentAsync(Token)).Count);
    }

    [Fact]
    public async Task A_store_that_cannot_learn_its_dictionary_still_answers_the_write_that_made_it_due_and_keeps_its_bodies_as_before()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        var consignments = new SampleGenerator(11).Generate(550);
        await StoreInMessagesOfFifty(test.Store, consignments.Take(450), "E");
        // A body changed behind the store, among those the dictionary would be learned from: learning fails on it.
        await test.ExecuteBehindTheStoreAsync("UPDATE consignment_versions SET body = x'0463' WHERE id = 450");
        var store = await test.ReopenAsync();

        var chunks = consignments.Skip(450).Chunk(50).Select((chunk, i) => SampleConsignment.Message($"L-{i + 1}", chunk)).ToList();
        var stored = await store.Messages.StoreManyAsync([.. chunks.Select(m => store.Messages.Prepare(m, m.MessageId + ".json"))], Token);

        Assert.All(stored, m => Assert.Equal(MessageOutcome.Stored, m.Outcome));
        var sqlite = (SqliteStore)store;
        Assert.Empty(Texts(sqlite, "SELECT id FROM packing_dictionaries"));
        Assert.Empty(Texts(sqlite, "SELECT id FROM consignment_versions WHERE id > 450 AND substr(body, 1, 1) = x'04'"));
        Assert.Equal(550, Texts(sqlite, "SELECT id FROM consignment_versions").Count);
    }

    [Fact]
    public async Task Learning_that_finds_the_store_closed_after_the_write_that_made_it_due_gives_up_instead_of_failing_that_write()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE packing_dictionaries (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, learned_at TEXT NOT NULL, samples INTEGER NOT NULL, bytes BLOB NOT NULL)";
            create.ExecuteNonQuery();
        }
        // As the store's connections answer once it is closed (SqliteStore.Command, SqliteGroupCommit).
        var closed = new ObjectDisposedException("SqliteStore", "the store is closed: nothing more can be written");
        var counting = PackingDictionaries.Load(connection, PackingDictionaries.ConsignmentBodies, _ => null);
        var reading = PackingDictionaries.Load(connection, PackingDictionaries.ConsignmentBodies, _ => null);

        Assert.False(await counting.LearnIfDueAsync(600, () => throw closed, _ => throw closed, (_, _) => throw closed));
        Assert.False(await reading.LearnIfDueAsync(600, () => 600, _ => throw closed, (_, _) => throw closed));
        Assert.Null(counting.Current);
        Assert.Null(reading.Current);
    }

    [Fact]
    public async Task Platform_orders_are_packed_with_a_dictionary_of_their_own_once_there_are_enough_and_read_back_with_the_canonical_form_the_ledger_committed_to()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        var orders = Enumerable.Range(1, 650).Select(Order).ToList();
        Assert.Equal(600, await test.Store.Commerce.SaveOrdersAsync(orders[..600], Token));
        Assert.Equal(50, await test.Store.Commerce.SaveOrdersAsync(orders[600..], Token));
        // Sent again unchanged, a packed order is known for what it says.
        Assert.Equal(0, await test.Store.Commerce.SaveOrdersAsync(orders[600..], Token));

        var sqlite = (SqliteStore)test.Store;
        Assert.Equal(["platform-order 600"], Texts(sqlite, "SELECT kind || ' ' || samples FROM packing_dictionaries"));
        Assert.Equal(["blob 03 600", "blob 04 50"], Texts(sqlite, "SELECT f || ' ' || n FROM (SELECT typeof(body) || ' ' || hex(substr(body, 1, 1)) AS f, count(*) AS n FROM platform_orders GROUP BY f ORDER BY f)"));
        var packed = double.Parse(Texts(sqlite, "SELECT avg(length(body)) FROM platform_orders WHERE id > 600")[0], CultureInfo.InvariantCulture);
        Assert.True(packed * 2 < Encoding.UTF8.GetByteCount(orders[^1].Body), $"{packed:N0} bytes an order kept");

        var reopened = await test.ReopenAsync();
        Assert.Equal(orders.Select(o => o.Body), (await reopened.Commerce.OrdersAsync(Token)).Select(o => o.Body));
        Assert.Equal([orders[^1].Body], (await reopened.Commerce.OrdersByTrackingAsync([orders[^1].TrackingNumber], Token)).Select(o => o.Body));
        var journaled = test.Journal.Records.Where(r => r.Kind == RecordKinds.PlatformOrder).ToList();
        Assert.Equal(650, journaled.Count);
        foreach (var record in journaled.Where((_, i) => i % 50 == 0 || i >= 640))
        {
            Assert.Equal(record.Canonical, await reopened.ReadCanonicalAsync(RecordKinds.PlatformOrder, record.Id, Token));
        }

        // Any one byte changed after the form's, and the order is refused, never read as another text (the frame's checksum).
        var kept = Convert.FromHexString(Texts(sqlite, "SELECT hex(body) FROM platform_orders WHERE id = 650")[0]);
        var dictionaries = ((SqliteStore)reopened).Orders;
        Assert.Equal(orders[^1].Body, Packing.UnpackOrder(kept, dictionaries));
        for (var i = 1; i < kept.Length; i++)
        {
            foreach (var flip in new byte[] { 0x01, 0x80 })
            {
                var changed = (byte[])kept.Clone();
                changed[i] ^= flip;
                try
                {
                    Assert.Equal(orders[^1].Body, Packing.UnpackOrder(changed, dictionaries));
                }
                catch (InvalidDataException)
                {
                }
            }
        }

        // A packed order changed behind the store reads as changed: its canonical form is not the one committed to.
        await test.ExecuteBehindTheStoreAsync("UPDATE platform_orders SET body = CAST(x'0463' || substr(body, 3) AS BLOB) WHERE id = 650");
        var last = journaled.Single(r => r.Id == "650");
        Assert.NotEqual(last.Canonical, await (await test.ReopenAsync()).ReadCanonicalAsync(RecordKinds.PlatformOrder, "650", Token));
    }

    private static StoredPlatformOrder Order(int n)
    {
        var city = (n % 5) switch { 0 => "Rotterdam", 1 => "Eindhoven", 2 => "Utrecht", 3 => "Groningen", _ => "Leiden" };
        var body = $$$"""
            {"platform":"DragonBazaar","orders":[{"orderNumber":"DR{{{n:D8}}}","orderDate":"2026-11-{{{1 + (n % 28):D2}}}T10:00:00+00:00","seller":{"name":"Seller {{{n % 37}}} Trading Ltd.","address":{"street":"No. {{{n % 900}}} Crystal Road","city":"Shenzhen","postcode":"518000","country":"CN"}},"buyer":{"name":"Buyer {{{n}}}","address":{"street":"Hoofdstraat {{{n % 300}}}","city":"{{{city}}}","postcode":"{{{1000 + n % 8999}}} AB","country":"NL"},"email":"buyer{{{n}}}@example.nl"},"items":[{"description":"Wireless earbuds","quantity":{{{1 + n % 3}}},"unitPrice":{{{10 + n % 90}}}.{{{n % 100:D2}}}}],"currency":"USD","trackingNumber":"LP{{{n:D9}}}CN"}]}
            """;
        return new StoredPlatformOrder(0, "DragonBazaar", $"DR{n:D8}", $"LP{n:D9}CN", body, At);
    }

    private static async Task StoreInMessagesOfFifty(ICtsStore store, IEnumerable<Consignment> consignments, string prefix)
    {
        var chunks = consignments.Chunk(50).Select((chunk, i) => SampleConsignment.Message($"{prefix}-{i + 1}", chunk)).ToList();
        await store.Messages.StoreManyAsync([.. chunks.Select(m => store.Messages.Prepare(m, m.MessageId + ".json"))], Token);
    }

    private static Dictionary<string, Consignment> WithoutProvenance(IEnumerable<StoredConsignment> stored) =>
        stored.ToDictionary(s => s.DocumentKey, s => s.Consignment with { Provenance = null });
}
