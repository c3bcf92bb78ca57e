using OpenCts.Ledger.Audit;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Storage;
using OpenCts.Ledger.Tests.Support;

namespace OpenCts.Ledger.Tests.Audit;

/// <summary>The audit tells a purge (an erased salt and a journaled tombstone in the tree) from a deletion, whatever store keeps the records.</summary>
public sealed class PurgeAuditTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly NoteSigner _signer = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);
    private readonly StandInStore _store;

    public PurgeAuditTests()
    {
        _store = new StandInStore(Path);
    }

    private string Path => _folder.File("cts.db");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_erased_leaf_with_a_tombstone_in_the_tree_is_purged_and_one_without_is_deleted()
    {
        for (var i = 1; i <= 3; i++)
        {
            _store.Save("message", $"{i}", System.Text.Encoding.UTF8.GetBytes($"record {i}"));
        }
        await CheckpointAsync();
        // Message 1 purged as a store would: record and salt gone, a tombstone journaled. Message 2 deleted by hand, salt erased too.
        _store.Execute("DELETE FROM records WHERE id IN ('1', '2')");
        using (var connection = LedgerSchema.Open(Path))
        {
            LedgerLog.Erase(connection, null, "message", "1", DateTimeOffset.UnixEpoch);
            LedgerLog.Erase(connection, null, "message", "2", DateTimeOffset.UnixEpoch);
        }
        _store.Save("purge", "7", "message 1 purged"u8.ToArray());
        await CheckpointAsync();

        using var records = _store.RecordSource("message", "purge");
        var register = new Register(records, new() { [("message", "1")] = new PurgeNotice("purge", "7", "message 30d", DateTimeOffset.UnixEpoch), [("message", "2")] = new PurgeNotice("purge", "8", "forged", DateTimeOffset.UnixEpoch) });
        var report = new LedgerAuditor(Path, new CheckpointVerifier([_signer.Verifier])).Audit(register, cancellationToken: Token);

        Assert.Equal(
            [(AuditFindingKind.RecordPurged, "1"), (AuditFindingKind.RecordDeleted, "2")],
            report.Findings.Select(f => (f.Kind, f.RecordId)));
        Assert.Contains("message 30d", report.Findings[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_purge_register_an_erased_leaf_is_still_reported_as_erased()
    {
        _store.Save("message", "1", "record"u8.ToArray());
        await CheckpointAsync();
        _store.Execute("DELETE FROM records");
        using (var connection = LedgerSchema.Open(Path))
        {
            LedgerLog.Erase(connection, null, "message", "1", DateTimeOffset.UnixEpoch);
        }

        using var records = _store.RecordSource("message");
        var report = new LedgerAuditor(Path, new CheckpointVerifier([_signer.Verifier])).Audit(records, cancellationToken: Token);

        Assert.True(report.IsClean);
        Assert.Equal(AuditFindingKind.RecordErased, Assert.Single(report.Findings).Kind);
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    private async Task CheckpointAsync()
    {
        using var log = LedgerLog.Open(Path);
        await log.IntegrateAsync(Token);
        log.SignCheckpoint(_signer);
    }

    private sealed class Register(IRecordSource records, Dictionary<(string, string), PurgeNotice> tombstones) : IRecordSource, IPurgeRegister
    {
        public byte[]? Read(string recordKind, string recordId) => records.Read(recordKind, recordId);

        public PurgeNotice? PurgeOf(string recordKind, string recordId) => tombstones.GetValueOrDefault((recordKind, recordId));
    }
}
