using System.Text;
using Microsoft.Data.Sqlite;
using OpenCts.Storage.Sqlite;
using static OpenCts.Storage.Tests.Messages.StoredRows;

namespace OpenCts.Storage.Tests.Messages;

/// <summary>The embedded store keeps raw messages and bodies compressed, reads rows written before that as they were, and looks consignments up by index.</summary>
public class PackedStorageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_manifest_is_kept_compressed_and_reads_back_byte_for_byte_with_the_canonical_form_the_ledger_committed_to()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        var message = SampleConsignment.Message("M-1", [.. Enumerable.Range(1, 40).Select(i => SampleConsignment.Of($"MAEU{i:D9}"))]);
        var stored = await test.Store.Messages.StoreAsync(message, "manifest.json", Token);

        var sqlite = (SqliteStore)test.Store;
        var (kept, compression) = Row(sqlite, "SELECT length(bytes), compression FROM raw_messages WHERE id = 1");
        Assert.Equal("br", compression);
        Assert.True(kept < message.Raw.Length / 4, $"{kept} bytes kept of {message.Raw.Length}");
        var reopened = await test.ReopenAsync();
        Assert.Equal(message.Raw.ToArray(), await reopened.Messages.RawAsync(stored.RawMessageId, Token));
        Assert.Equal(Assert.Single(test.Journal.Records).Canonical, await reopened.ReadCanonicalAsync("message", "1", Token));
        Assert.Equal(40, (await reopened.Messages.CurrentAsync(Token)).Count);
    }

    [Fact]
    public async Task Rows_written_before_packing_read_as_they_were()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        var message = SampleConsignment.Message("M-1", SampleConsignment.Of());
        await test.Store.Messages.StoreAsync(message, "a.json", Token);
        var before = Assert.Single(await test.Store.Messages.CurrentAsync(Token));
        var body = Encoding.UTF8.GetString(Domain.Serialization.ConsignmentJsonWriter.ToUtf8Bytes(before.Consignment));

        // As a store of an earlier release holds them: the raw bytes as received, the body as JSON text.
        await test.ExecuteBehindTheStoreAsync(
            $"UPDATE raw_messages SET bytes = X'{Convert.ToHexString(message.Raw.Span)}', compression = NULL; UPDATE consignment_versions SET body = '{body.Replace("'", "''", StringComparison.Ordinal)}'");

        var reopened = await test.ReopenAsync();
        Assert.Equal(before, Assert.Single(await reopened.Messages.CurrentAsync(Token)));
        Assert.Equal(message.Raw.ToArray(), await reopened.Messages.RawAsync(1, Token));
        Assert.Equal(Assert.Single(test.Journal.Records).Canonical, await reopened.ReadCanonicalAsync("message", "1", Token));
    }

    [Fact]
    public async Task Bodies_are_kept_in_the_binary_form_and_bodies_of_compressed_json_from_an_earlier_release_still_read()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Token);
        var before = Assert.Single(await test.Store.Messages.CurrentAsync(Token));
        var sqlite = (SqliteStore)test.Store;
        var (length, form) = Row(sqlite, "SELECT length(body), hex(substr(body, 1, 1)) FROM consignment_versions");
        var json = Domain.Serialization.ConsignmentJsonWriter.ToUtf8Bytes(before.Consignment);
        Assert.True(form is "01" or "03", $"the body begins with {form}");
        Assert.True(length * 2 < json.Length, $"{length} bytes kept for {json.Length} bytes of JSON");

        // As a store of an earlier release holds it: a zero byte, then the JSON compressed with Brotli.
        await test.ExecuteBehindTheStoreAsync($"UPDATE consignment_versions SET body = X'{Packed(0, json)}'");
        Assert.Equal(before, Assert.Single(await (await test.ReopenAsync()).Messages.CurrentAsync(Token)));

        // As the release before this one kept it: a two, then the whole binary form compressed.
        await test.ExecuteBehindTheStoreAsync($"UPDATE consignment_versions SET body = X'{Packed(2, Domain.Serialization.ConsignmentBinary.ToBytes(before.Consignment))}'");
        Assert.Equal(before, Assert.Single(await (await test.ReopenAsync()).Messages.CurrentAsync(Token)));
    }

    [Fact]
    public async Task A_body_stored_in_bulk_is_kept_as_its_head_compressed_then_its_row_part_and_reads_back_as_one_stored_alone()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 30, 0, TimeSpan.Zero));
        // Twelve goods lines alike but for their number: a body whose head compresses well.
        static Domain.Consignments.Consignment Long(string vessel) =>
            SampleConsignment.Of(vessel: vessel) with { Goods = [.. Enumerable.Range(1, 12).Select(i => SampleConsignment.Of().Goods[0] with { Sequence = i })] };
        var first = SampleConsignment.Message("M-1", Long("NORDIC AURORA"));
        var second = SampleConsignment.Message("M-2", Long("POLAR STAR"));
        await using var bulk = await TestStore.CreateAsync(StoreBackends.Sqlite, clock: clock);
        await bulk.Store.Messages.StoreManyAsync([bulk.Store.Messages.Prepare(first, "a.json")], Token);
        await bulk.Store.Messages.StoreManyAsync([bulk.Store.Messages.Prepare(second, "b.json")], Token);
        await using var alone = await TestStore.CreateAsync(StoreBackends.Sqlite, clock: clock);
        await alone.Store.Messages.StoreAsync(first, "a.json", Token);
        await alone.Store.Messages.StoreAsync(second, "b.json", Token);

        Assert.Equal(["03 1 1", "03 2 2"], Texts((SqliteStore)bulk.Store, "SELECT hex(substr(body, 1, 1)) || ' ' || version || ' ' || raw_message_id FROM consignment_versions ORDER BY id"));
        var key = Assert.Single(await bulk.Store.Messages.CurrentAsync(Token)).DocumentKey;
        var versions = await (await bulk.ReopenAsync()).Messages.VersionsAsync(key, Token);
        Assert.Equal(await (await alone.ReopenAsync()).Messages.VersionsAsync(key, Token), versions);
        Assert.Equal(new Domain.Consignments.Provenance("MAEU", "M-2", clock.GetUtcNow(), 2, 2), versions[1].Consignment.Provenance);
        Assert.Equal("POLAR STAR", versions[1].Consignment.Conveyance!.VesselName);
    }

    private static string Packed(byte form, byte[] bytes)
    {
        var packed = new byte[1 + System.IO.Compression.BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
        packed[0] = form;
        Assert.True(System.IO.Compression.BrotliEncoder.TryCompress(bytes, packed.AsSpan(1), out var written, 1, 22));
        return Convert.ToHexString(packed, 0, written + 1);
    }

    [Fact]
    public async Task Long_reasons_are_kept_packed_short_ones_and_those_of_an_earlier_release_as_text_and_all_read_back_with_the_canonical_form_committed_to()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Token);
        var evidence = Enumerable.Range(1, 6).Select(i => new Domain.Assessments.Evidence($"screen(consignor, \"national-watchlist\") >= 0.{i}", "consignor.name", "Northern Ridge Metals Ltd")).ToArray();
        var red = Records.SampleRecords.Assessment() with { Reasons = [.. Records.SampleRecords.Assessment().Reasons.Select(r => r with { Evidence = [.. evidence] })] };
        var green = Records.SampleRecords.Assessment(lane: Domain.Assessments.Lane.Green, score: 0) with { Reasons = [] };
        await test.Store.Assessments.SaveAsync([green, red with { Score = 71 }, red], Token);
        // The second as a store of an earlier release holds it: the reasons as text.
        var text = Storage.Assessments.AssessmentBatches.ReasonsText(red);
        await test.ExecuteBehindTheStoreAsync($"UPDATE assessments SET reasons = '{text.Replace("'", "''", StringComparison.Ordinal)}' WHERE id = 2");

        var sqlite = (SqliteStore)test.Store;
        Assert.Equal(["text", "text", "blob"], Texts(sqlite, "SELECT typeof(reasons) FROM assessments ORDER BY id"));
        Assert.True(int.Parse(Texts(sqlite, "SELECT length(reasons) FROM assessments WHERE id = 3")[0], System.Globalization.CultureInfo.InvariantCulture) * 2 < Encoding.UTF8.GetByteCount(text));
        var reopened = await test.ReopenAsync();
        Assert.Equal([[], red.Reasons, red.Reasons], (await reopened.Assessments.OfAsync(Records.SampleRecords.Key, Token)).Select(a => a.Reasons));
        Assert.Equal(red, Assert.Single(await reopened.Assessments.TargetsAsync(10, Domain.Assessments.Lane.Green, Token)).Assessment);
        foreach (var record in test.Journal.Records.Where(r => r.Kind == "assessment"))
        {
            Assert.Equal(record.Canonical, await reopened.ReadCanonicalAsync("assessment", record.Id, Token));
        }
        // The packed one in force is read unpacked with its page, and says what a later assessment says: nothing changed.
        var page = await reopened.Messages.CurrentPageAsync(0, 10, Token);
        Assert.Empty(Storage.Assessments.AssessmentBatches.Changed([red with { AssessedAt = red.AssessedAt.AddDays(1) }], page.InForce!));
    }

    [Fact]
    public async Task A_body_changed_behind_the_store_is_an_invalid_data_error_not_a_wrong_consignment()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Token);

        await test.ExecuteBehindTheStoreAsync("UPDATE consignment_versions SET body = substr(body, 1, length(body) - 3)");

        var reopened = await test.ReopenAsync();
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => reopened.Messages.CurrentAsync(Token));
        Assert.Contains("consignment body does not", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_byte_added_to_a_compressed_message_is_seen_by_the_ledger_audit_as_a_change()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", [.. Enumerable.Range(1, 20).Select(i => SampleConsignment.Of($"MAEU{i:D9}"))]), "m.json", Token);
        var committed = Assert.Single(test.Journal.Records).Canonical;

        await test.ExecuteBehindTheStoreAsync("UPDATE raw_messages SET bytes = bytes || X'20'");

        Assert.NotEqual(committed, await (await test.ReopenAsync()).ReadCanonicalAsync("message", "1", Token));
    }

    [Fact]
    public async Task Documents_are_found_by_number_and_by_master_number_through_indexes_not_by_reading_every_row()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Sqlite);
        var sqlite = (SqliteStore)test.Store;
        Assert.Contains("consignments_by_number", Plan(sqlite, "SELECT document_key FROM consignments WHERE number = 'X'"), StringComparison.Ordinal);
        Assert.Contains("consignment_versions_by_master", Plan(sqlite, "SELECT id FROM consignment_versions WHERE master_number = 'X'"), StringComparison.Ordinal);
        Assert.Contains("consignment_versions_by_message", Plan(sqlite, "SELECT id FROM consignment_versions WHERE raw_message_id = 1"), StringComparison.Ordinal);
    }

    private static (long Length, string? Compression) Row(SqliteStore store, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={store.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private static string Plan(SqliteStore store, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={store.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        using var reader = command.ExecuteReader();
        var plan = new StringBuilder();
        while (reader.Read())
        {
            plan.AppendLine(reader.GetString(3));
        }
        return plan.ToString();
    }
}
