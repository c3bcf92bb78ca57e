using OpenCts.Ledger.Audit;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Storage;
using OpenCts.Ledger.Tests.Support;

namespace OpenCts.Ledger.Tests.Audit;

public sealed class AuditTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly NoteSigner _signer = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);
    private readonly StandInStore _store;

    public AuditTests()
    {
        _store = new StandInStore(Path);
    }

    private string Path => _folder.File("cts.db");

    private static byte[] Body(int i) => System.Text.Encoding.UTF8.GetBytes($"{{\"consignment\":\"C{i}\",\"grossMass\":{1000 + i}}}");

    private async Task LogAndCheckpoint(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _store.Save(i % 3 == 0 ? "assessment" : "message", $"{i}", Body(i));
        }
        using var log = LedgerLog.Open(Path);
        await log.IntegrateAsync(TestContext.Current.CancellationToken);
        log.SignCheckpoint(_signer);
    }

    private AuditReport Audit()
    {
        using var records = _store.RecordSource("message", "assessment");
        return new LedgerAuditor(Path, new CheckpointVerifier([_signer.Verifier])).Audit(records, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AnUntouchedLogAuditsClean()
    {
        await LogAndCheckpoint(300);
        var report = Audit();
        Assert.True(report.IsClean, string.Join("; ", report.Findings));
        Assert.Equal(300, report.LeavesChecked);
    }

    [Fact]
    public async Task ARecordEditedDirectlyInTheSqliteFileIsNamed()
    {
        await LogAndCheckpoint(300);
        _store.Execute("UPDATE records SET body = CAST(replace(CAST(body AS TEXT), '1043', '9043') AS BLOB) WHERE kind = 'message' AND id = '43'");

        var report = Audit();

        Assert.False(report.IsClean);
        var finding = Assert.Single(report.Findings);
        Assert.Equal((AuditFindingKind.RecordAltered, "message", "43", 43L), (finding.Kind, finding.RecordKind, finding.RecordId, finding.LeafIndex));
        Assert.True(report.TreeMatchesCheckpoint);
    }

    [Fact]
    public async Task ADeletedRecordIsNamedButAnErasedOneIsOnlyReported()
    {
        await LogAndCheckpoint(300);
        _store.Execute("DELETE FROM records WHERE kind = 'assessment' AND id = '99'");
        _store.Execute("DELETE FROM records WHERE kind = 'message' AND id = '100'");
        using (var connection = LedgerSchema.Open(Path))
        {
            LedgerLog.Erase(connection, null, "message", "100", DateTimeOffset.UnixEpoch);
        }

        var report = Audit();

        var deleted = Assert.Single(report.Findings, f => f.IsProblem);
        Assert.Equal((AuditFindingKind.RecordDeleted, "assessment", "99"), (deleted.Kind, deleted.RecordKind, deleted.RecordId));
        var erased = Assert.Single(report.Findings, f => !f.IsProblem);
        Assert.Equal((AuditFindingKind.RecordErased, "100"), (erased.Kind, erased.RecordId));
        Assert.True(report.TreeMatchesCheckpoint);
    }

    [Fact]
    public async Task ALedgerRowRewrittenToMatchAnAlteredRecordIsNamedAndBreaksTheCheckpoint()
    {
        await LogAndCheckpoint(50);
        var forged = Body(9999);
        _store.Execute($"UPDATE records SET body = X'{Convert.ToHexString(forged)}' WHERE kind = 'message' AND id = '7'");
        var salt = new byte[32];
        _store.Execute($"UPDATE ledger_leaves SET salt = X'{Convert.ToHexString(salt)}', commitment = X'{Convert.ToHexString(LedgerEntry.Commit(salt, forged))}' WHERE leaf_index = 7");

        var report = Audit();

        var finding = Assert.Single(report.Findings);
        Assert.Equal((AuditFindingKind.LeafAltered, "7"), (finding.Kind, finding.RecordId));
        Assert.False(report.TreeMatchesCheckpoint);
        Assert.True(report.StoredNodesMatchCheckpoint);
    }

    [Fact]
    public async Task AnOlderVersionOfARecordLoggedAgainIsNotReportedAsAltered()
    {
        await LogAndCheckpoint(10);
        _store.Save("message", "4", Body(4444));
        using (var log = LedgerLog.Open(Path))
        {
            await log.IntegrateAsync(TestContext.Current.CancellationToken);
            log.SignCheckpoint(_signer);
        }

        var report = Audit();
        Assert.True(report.IsClean, string.Join("; ", report.Findings));
        Assert.Equal(11, report.LeavesChecked);
    }

    public void Dispose()
    {
        _store.Dispose();
        _signer.Dispose();
        _folder.Dispose();
    }
}
