using Microsoft.AspNetCore.Builder;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Hosting;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Proofs;
using OpenCts.Ledger.Storage;
using OpenCts.Ledger.Tests.Support;
using OpenCts.Ledger.Witness;

namespace OpenCts.Ledger.Tests.Witness;

public sealed class WitnessTests : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly NoteSigner _logKey = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);
    private readonly List<(CheckpointWitness Witness, WebApplication App, NoteSigner Key)> _witnesses = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<WitnessPolicy> StartWitnesses(int count, int quorum)
    {
        var endpoints = new List<WitnessEndpoint>();
        for (var i = 0; i < count; i++)
        {
            var key = NoteSigner.Generate($"witness{i}.partner.example", NoteKeyType.CosignatureV1);
            var witness = new CheckpointWitness(_folder.File($"witness{i}.db"), key);
            witness.TrustLog(_logKey.Verifier);
            var app = await LedgerHost.StartAsync("http://127.0.0.1:0", a => a.MapWitnessApi(witness), Token);
            _witnesses.Add((witness, app, key));
            endpoints.Add(new WitnessEndpoint(LedgerHost.Address(app), key.Verifier));
        }
        return new WitnessPolicy(endpoints, quorum);
    }

    private static async Task Grow(LedgerLog log, string prefix, int count)
    {
        await log.AppendAsync([.. Enumerable.Range(0, count).Select(i => new LedgerRecord("message", $"{prefix}{i}", System.Text.Encoding.UTF8.GetBytes($"{prefix}-{i}")))], Token);
    }

    private async Task<CosigningResult> CheckpointAndCosign(LedgerLog log, WitnessPolicy policy) =>
        await new WitnessClient(_http).CosignAsync(log, log.SignCheckpoint(_logKey), policy, Token);

    [Fact]
    public async Task ACheckpointCosignedByAQuorumOfRealWitnessesIsFinalAndItsBundlesVerifyOffline()
    {
        var policy = await StartWitnesses(3, quorum: 2);
        using var log = LedgerLog.Open(_folder.File("cts.db"));
        await Grow(log, "a", 10);
        var first = await CheckpointAndCosign(log, policy);
        await Grow(log, "b", 300);
        var second = await CheckpointAndCosign(log, policy);

        Assert.True(first.IsFinal);
        Assert.True(second.IsFinal, string.Join("; ", second.Failures));
        Assert.Equal(3, second.Cosignatures);
        var verifier = new CheckpointVerifier([_logKey.Verifier], policy.Witnesses.Select(w => w.Key), witnessQuorum: 3);
        using var reader = log.OpenReader();
        var stored = verifier.Verify(reader.LatestCheckpoint()!.ToString());
        Assert.Equal(310, stored.Checkpoint.Size);
        Assert.Equal(3, stored.Cosignatures.Count);

        var bundle = reader.Prove("message", "b17");
        var offline = new ProofBundleVerifier([_logKey.Verifier], policy.Witnesses.Select(w => w.Key), witnessQuorum: 2);
        Assert.True(offline.Verify(bundle, "b-17"u8).IsValid);
        Assert.Equal(310, _witnesses[0].Witness.Latest("customs.example/ledger")!.Value.Size);
    }

    [Fact]
    public async Task ALogRolledBackFromABackupIsRefusedByTheWitness()
    {
        var policy = await StartWitnesses(1, quorum: 1);
        var backup = _folder.File("backup.db");
        using (var log = LedgerLog.Open(_folder.File("cts.db")))
        {
            await Grow(log, "a", 10);
            Assert.True((await CheckpointAndCosign(log, policy)).IsFinal);
            BackUp(log.DatabasePath, backup);
            await Grow(log, "b", 10);
            Assert.True((await CheckpointAndCosign(log, policy)).IsFinal);
        }

        using var restored = LedgerLog.Open(backup);
        await Grow(restored, "c", 5);
        var result = await CheckpointAndCosign(restored, policy);

        Assert.False(result.IsFinal);
        Assert.Contains("409", Assert.Single(result.Failures), StringComparison.Ordinal);
        Assert.Equal(20, _witnesses[0].Witness.Latest("customs.example/ledger")!.Value.Size);
    }

    [Fact]
    public async Task AForkedLogIsRefusedByTheWitness()
    {
        var policy = await StartWitnesses(2, quorum: 1);
        var fork = _folder.File("fork.db");
        using (var log = LedgerLog.Open(_folder.File("cts.db")))
        {
            await Grow(log, "a", 10);
            await CheckpointAndCosign(log, policy);
            BackUp(log.DatabasePath, fork);
            await Grow(log, "honest", 10);
            Assert.Equal(2, (await CheckpointAndCosign(log, policy)).Cosignatures);
        }

        using var forked = LedgerLog.Open(fork);
        await Grow(forked, "forged", 15);
        var result = await CheckpointAndCosign(forked, policy);

        Assert.False(result.IsFinal);
        Assert.All(result.Failures, f => Assert.Contains("422", f, StringComparison.Ordinal));
        Assert.Equal(2, result.Failures.Count);
    }

    [Fact]
    public async Task AWitnessAnswersUnknownOriginsBadSignaturesAndStaleSizesAsTheProtocolSays()
    {
        await StartWitnesses(1, quorum: 1);
        var witness = _witnesses[0].Witness;
        using var log = LedgerLog.Open(_folder.File("cts.db"));
        await Grow(log, "a", 5);
        var checkpoint = log.SignCheckpoint(_logKey);

        using var stranger = NoteSigner.Generate("other.example/log", NoteKeyType.Ed25519);
        var text = new Checkpoint("other.example/log", 5, checkpoint.Checkpoint.RootHash).ToNoteText();
        var unknown = new SignedCheckpoint(Checkpoint.Parse(text), new SignedNote(text, [stranger.Sign(text)]));
        Assert.Equal(404, witness.AddCheckpoint(new AddCheckpointRequest(0, [], unknown).ToBody()).StatusCode);

        using var impostor = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);
        var forged = new SignedCheckpoint(checkpoint.Checkpoint, new SignedNote(checkpoint.Note.Text, [impostor.Sign(checkpoint.Note.Text)]));
        Assert.Equal(403, witness.AddCheckpoint(new AddCheckpointRequest(0, [], forged).ToBody()).StatusCode);

        Assert.Equal(200, witness.AddCheckpoint(new AddCheckpointRequest(0, [], checkpoint).ToBody()).StatusCode);
        var stale = witness.AddCheckpoint(new AddCheckpointRequest(0, [], checkpoint).ToBody());
        Assert.Equal((409, "5\n", WitnessResponse.SizeContentType), (stale.StatusCode, stale.Body, stale.ContentType));
        Assert.Equal(400, witness.AddCheckpoint(new AddCheckpointRequest(6, [], checkpoint).ToBody()).StatusCode);
        Assert.Equal(400, witness.AddCheckpoint("old 01\n\n" + checkpoint).StatusCode);
    }

    [Fact]
    public async Task ALogThatForgotWhatAWitnessCosignedCatchesUpFromTheSizeTheWitnessReports()
    {
        var policy = await StartWitnesses(1, quorum: 1);
        using var log = LedgerLog.Open(_folder.File("cts.db"));
        await Grow(log, "a", 10);
        await CheckpointAndCosign(log, policy);
        log.SetWitnessSize(policy.Witnesses[0].Key.VerifierKey, 0);
        await Grow(log, "b", 7);

        var result = await CheckpointAndCosign(log, policy);

        Assert.True(result.IsFinal, string.Join("; ", result.Failures));
        Assert.Equal(17, log.WitnessSize(policy.Witnesses[0].Key.VerifierKey));
    }

    [Fact]
    public async Task RacingSubmissionsFromTheSameOldSizeAreCosignedOnlyOnce()
    {
        await StartWitnesses(1, quorum: 1);
        var witness = _witnesses[0].Witness;
        using var log = LedgerLog.Open(_folder.File("cts.db"));
        var bodies = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            await Grow(log, $"r{i}-", 3);
            bodies.Add(new AddCheckpointRequest(0, [], log.SignCheckpoint(_logKey)).ToBody());
        }

        var answers = await Task.WhenAll(bodies.Select(body => Task.Run(() => witness.AddCheckpoint(body), Token)));

        Assert.Single(answers, a => a.StatusCode == 200);
        Assert.Equal(11, answers.Count(a => a.StatusCode == 409));
    }

    private static void BackUp(string database, string backup)
    {
        using var connection = LedgerSchema.Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $path";
        command.Parameters.AddWithValue("$path", backup);
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (witness, app, key) in _witnesses)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            witness.Dispose();
            key.Dispose();
        }
        _http.Dispose();
        _logKey.Dispose();
        _folder.Dispose();
    }
}
