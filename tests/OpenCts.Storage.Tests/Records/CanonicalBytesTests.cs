using Microsoft.Extensions.Time.Testing;
using OpenCts.Storage.Tests.Records;

namespace OpenCts.Storage.Tests.Records;

public class CanonicalBytesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSameRecordsStoredOnEitherBackendAreJournaledAsTheSameBytes()
    {
        await using var sqlite = await TestStore.CreateAsync(StoreBackends.Sqlite, clock: new FakeTimeProvider(SampleRecords.At));
        await using var postgres = await TestStore.CreateAsync(StoreBackends.Postgres, clock: new FakeTimeProvider(SampleRecords.At));

        await SampleRecords.WriteEveryKindAsync(sqlite.Store, Token);
        await SampleRecords.WriteEveryKindAsync(postgres.Store, Token);

        Assert.Equal(
            ["message", "assessment", "profile", "watchlist", "reference-list", "trusted-traders", "allow-list", "allow-list", "examination", "examination", "decision", "user", "user", "audit",
             "decision", "referral", "referral-answer", "callback", "webhook-delivery", "office-settings", "assignment", "subscription", "subscription-removal"],
            sqlite.Journal.Records.Select(r => r.Kind));
        Assert.Equal(sqlite.Journal.Records.Select(r => (r.Kind, r.Id)), postgres.Journal.Records.Select(r => (r.Kind, r.Id)));
        for (var i = 0; i < sqlite.Journal.Records.Count; i++)
        {
            var (kind, id, bytes) = sqlite.Journal.Records[i];
            Assert.True(bytes.AsSpan().SequenceEqual(postgres.Journal.Records[i].Canonical),
                $"{kind}:{id} differs:\n{System.Text.Encoding.UTF8.GetString(bytes)}\n---\n{System.Text.Encoding.UTF8.GetString(postgres.Journal.Records[i].Canonical)}");
        }
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task EveryJournaledRecordReadsBackAsTheBytesTheLedgerCommittedTo(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await SampleRecords.WriteEveryKindAsync(test.Store, Token);
        var reopened = await test.ReopenAsync();
        foreach (var (kind, id, canonical) in test.Journal.Records)
        {
            Assert.Equal(canonical, await reopened.ReadCanonicalAsync(kind, id, Token));
        }
        Assert.Null(await reopened.ReadCanonicalAsync("decision", "999", Token));
        await Assert.ThrowsAsync<ArgumentException>(() => reopened.ReadCanonicalAsync("nonsense", "1", Token));
    }

    [Theory]
    [InlineData(1L, "oceanBillOfLading:MSCU1", 1L, 0.0, "green", "2026-12-07T09:00:00.0000000+00:00", "[]")]
    [InlineData(9_223_372_036_854_775_807L, "houseAirWaybill:Ω-ü-漢字", 2_147_483_647L, 0.1 + 0.2, "red", "2026-12-07T09:00:00.1234567+00:00", "[{\"code\":\"profile:P-1\",\"text\":\"Zoll – é\"}]")]
    [InlineData(-5L, "", 0L, -1.7976931348623157E+308, "yellow", "", "")]
    [InlineData(42L, "postalItem:X", 3L, double.NaN, "green", "t", "\n")]
    public void An_assessment_is_its_lines_in_utf8_whether_written_into_a_borrowed_buffer_or_a_new_array(long id, string key, long version, double score, string lane, string at, string reasons)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var expected = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', id.ToString(invariant), key, version.ToString(invariant), score.ToString("R", invariant), lane, at, reasons));

        using var rented = OpenCts.Storage.CanonicalForm.AssessmentRented(id, key, version, score, lane, at, reasons);

        Assert.Equal(expected, rented.Span.ToArray());
        Assert.Equal(expected, OpenCts.Storage.CanonicalForm.Assessment(id, key, version, score, lane, at, reasons));
    }
}
