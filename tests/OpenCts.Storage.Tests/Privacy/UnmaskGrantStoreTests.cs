using OpenCts.Storage.Audit;
using OpenCts.Storage.Tests.Records;

namespace OpenCts.Storage.Tests.Privacy;

/// <summary>Grants to see a consignment unmasked, stored with their journaled audit entry, the same on every backend.</summary>
public class UnmaskGrantStoreTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static AuditEntry EntryOf(StoredUnmaskGrant grant) =>
        new(grant.User, "unmask consignment", "document=" + grant.Document, $"granted until {grant.Until:O}; reason: {grant.Reason}", grant.GrantedAt);

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_grant_is_read_back_after_a_reopen_until_its_end_and_its_audit_entry_is_journaled_with_it(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var at = SampleRecords.At;
        var eve = new StoredUnmaskGrant("eve", SampleRecords.Key, "case 114", at, at.AddMinutes(15));
        var aud = new StoredUnmaskGrant("aud", "OceanBillOfLading:MAEU000000002", "audit 7", at.AddMinutes(5), at.AddMinutes(20));
        await test.Store.AuditLog.GrantUnmaskAsync(eve, EntryOf(eve), Token);
        await test.Store.AuditLog.GrantUnmaskAsync(aud, EntryOf(aud), Token);

        var store = await test.ReopenAsync();

        Assert.Equal([eve, aud], await store.AuditLog.UnmaskGrantsAsync(at.AddMinutes(14), Token));
        Assert.Equal([aud], await store.AuditLog.UnmaskGrantsAsync(at.AddMinutes(15), Token));
        Assert.Empty(await store.AuditLog.UnmaskGrantsAsync(at.AddMinutes(20), Token));
        Assert.Equal([EntryOf(aud), EntryOf(eve)], await store.AuditLog.LatestAsync(10, Token));
        Assert.Equal(2, test.Journal.Records.Count(r => r.Kind == RecordKinds.Audit));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_grant_whose_audit_entry_cannot_be_journaled_is_not_kept(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend, failWith: new FailsOnKind(RecordKinds.Audit));
        var grant = new StoredUnmaskGrant("eve", SampleRecords.Key, "case 114", SampleRecords.At, SampleRecords.At.AddMinutes(15));

        await Assert.ThrowsAsync<IOException>(() => test.Store.AuditLog.GrantUnmaskAsync(grant, EntryOf(grant), Token));

        Assert.Empty(await (await test.ReopenAsync()).AuditLog.UnmaskGrantsAsync(SampleRecords.At, Token));
    }

    /// <summary>A journal that fails for every record of one kind, as a full disk would.</summary>
    private sealed class FailsOnKind(string kind) : IRecordJournal
    {
        public ValueTask RecordAsync(UnitOfWork work, string recordKind, string id, ReadOnlyMemory<byte> canonical, CancellationToken cancellationToken) =>
            recordKind == kind ? throw new IOException("disk full") : ValueTask.CompletedTask;
    }
}
