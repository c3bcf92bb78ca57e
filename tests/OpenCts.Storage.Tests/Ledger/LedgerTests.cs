using OpenCts.Ledger.Audit;
using OpenCts.Ledger.Notes;
using OpenCts.Storage.Tests.Records;

namespace OpenCts.Storage.Tests.Ledger;

/// <summary>The ledger kept beside the store: what the store journals is sequenced, checkpointed and audited, on every backend.</summary>
public class LedgerTests
{
    private static readonly NoteSigner Signer = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task EveryRecordTheStoreWritesIsSequencedCheckpointedAndAuditsClean(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await SampleRecords.WriteEveryKindAsync(test.Store, Token);

        var checkpoint = await test.CheckpointAsync(Signer, Token);
        var report = test.Audit(Signer, Token);

        Assert.Equal(test.Journal.Records.Count, checkpoint.Checkpoint.Size);
        Assert.True(report.IsClean, string.Join("; ", report.Findings));
        Assert.Equal(test.Journal.Records.Count, report.LeavesChecked);
        Assert.True(report.TreeMatchesCheckpoint && report.StoredNodesMatchCheckpoint);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task ARecordEditedBehindTheStoresBackIsNamedByTheAudit(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await SampleRecords.WriteEveryKindAsync(test.Store, Token);
        await test.CheckpointAsync(Signer, Token);

        await test.ExecuteBehindTheStoreAsync("UPDATE decisions SET action = 'release' WHERE id = 1");
        await test.ExecuteBehindTheStoreAsync("DELETE FROM audit_log WHERE id = 1");

        var report = test.Audit(Signer, Token);
        Assert.False(report.IsClean);
        Assert.Equal(
            [(AuditFindingKind.RecordAltered, "decision", "1"), (AuditFindingKind.RecordDeleted, "audit", "1")],
            report.Findings.Where(f => f.IsProblem).Select(f => (f.Kind, f.RecordKind, f.RecordId)));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task LaterRecordsExtendTheTreeConsistentlyWithTheEarlierCheckpoint(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await SampleRecords.WriteEveryKindAsync(test.Store, Token);
        var first = await test.CheckpointAsync(Signer, Token);
        await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-2", SampleConsignment.Of(vessel: "POLAR STAR")), "b.json", Token);
        await (await test.ReopenAsync()).AuditLog.AppendAsync(new Audit.AuditEntry("ana", "GET /", "", "200", SampleRecords.At), Token);

        var second = await test.CheckpointAsync(Signer, Token);

        Assert.Equal(first.Checkpoint.Size + 2, second.Checkpoint.Size);
        Assert.True(test.Audit(Signer, Token).IsClean);
    }
}
