using Microsoft.AspNetCore.Builder;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Hosting;
using OpenCts.Ledger.Keys;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Storage;
using OpenCts.Ledger.Tests.Support;
using OpenCts.Ledger.Witness;

namespace OpenCts.Ledger.Tests.Witness;

/// <summary>
/// A witness rotates its own cosigning key as docs/SECURITY.md says (the secret moved away while it is stopped, a new one
/// made on its next start): the key store keeps the old verifier key published,
/// the witness keeps what it cosigned, and a log accepts the new key once its witness policy lists it.
/// </summary>
public sealed class WitnessKeyRotationTests : IDisposable
{
    private const string Origin = "customs.example/ledger";

    private readonly TempFolder _folder = new();
    private readonly NoteSigner _logKey = NoteSigner.Generate(Origin, NoteKeyType.Ed25519);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_witness_that_rotates_its_key_keeps_its_state_and_its_old_cosignatures_verify_and_the_log_needs_the_new_key_in_its_policy()
    {
        var witnessData = _folder.File("witness");
        var keys = KeyStore.ForWitness(witnessData);
        using var log = LedgerLog.Open(_folder.File("cts.db"));
        await GrowAsync(log, "a", 10);
        NoteVerifier oldKey;
        string firstNote;
        using (var signer = keys.LoadOrCreate("witness0.partner.example"))
        {
            oldKey = signer.Verifier;
            await using var witness = await StartAsync(witnessData, signer);
            var first = await CosignAsync(log, new WitnessPolicy([new WitnessEndpoint(witness.Address, oldKey)], 1));
            Assert.True(first.IsFinal, string.Join("; ", first.Failures));
            firstNote = first.Checkpoint.ToString();
        }

        // The operator's rotation, as docs/SECURITY.md gives it: with the witness stopped, the secret key is moved out of
        // keys/ (and destroyed), and the next start makes a new key, publishing its verifier beside the old one.
        File.Move(keys.SignerPath, _folder.File("witness.key.retired"));
        using var rotated = keys.LoadOrCreate("witness0.partner.example");
        await using (var witness = await StartAsync(witnessData, rotated))
        {
            await GrowAsync(log, "b", 5);
            // The log still lists the old key: the new cosignature is not one it counts.
            var stale = await CosignAsync(log, new WitnessPolicy([new WitnessEndpoint(witness.Address, oldKey)], 1));
            Assert.False(stale.IsFinal);
            Assert.Equal(15, witness.Witness.Latest(Origin)!.Value.Size);

            await GrowAsync(log, "c", 5);
            var listed = await CosignAsync(log, new WitnessPolicy([new WitnessEndpoint(witness.Address, rotated.Verifier)], 1));

            Assert.True(listed.IsFinal, string.Join("; ", listed.Failures));
            Assert.Equal(20, witness.Witness.Latest(Origin)!.Value.Size);
            Assert.Equal(20, new CheckpointVerifier([_logKey.Verifier], [rotated.Verifier], witnessQuorum: 1).Verify(listed.Checkpoint.ToString()).Checkpoint.Size);
            Assert.Throws<NoteVerificationException>(() => new CheckpointVerifier([_logKey.Verifier], [oldKey], witnessQuorum: 1).Verify(listed.Checkpoint.ToString()));
        }

        Assert.NotEqual(oldKey.VerifierKey, rotated.Verifier.VerifierKey);
        Assert.Equal([oldKey.VerifierKey, rotated.Verifier.VerifierKey], keys.Verifiers().Select(v => v.VerifierKey));
        // What the witness cosigned before its rotation still verifies against the old key it keeps published.
        Assert.Equal(10, new CheckpointVerifier([_logKey.Verifier], [keys.Verifiers()[0]], witnessQuorum: 1).Verify(firstNote).Checkpoint.Size);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keys.SignerPath));
        }
    }

    private async Task<RunningWitness> StartAsync(string data, NoteSigner signer)
    {
        Directory.CreateDirectory(data);
        var witness = new CheckpointWitness(Path.Combine(data, "witness.db"), signer);
        witness.TrustLog(_logKey.Verifier);
        var app = await LedgerHost.StartAsync("http://127.0.0.1:0", a => a.MapWitnessApi(witness), Token);
        return new RunningWitness(witness, app);
    }

    private async Task<CosigningResult> CosignAsync(LedgerLog log, WitnessPolicy policy) =>
        await new WitnessClient(_http).CosignAsync(log, log.SignCheckpoint(_logKey), policy, Token);

    private static async Task GrowAsync(LedgerLog log, string prefix, int count) =>
        await log.AppendAsync([.. Enumerable.Range(0, count).Select(i => new LedgerRecord("message", $"{prefix}{i}", System.Text.Encoding.UTF8.GetBytes($"{prefix}-{i}")))], Token);

    public void Dispose()
    {
        _http.Dispose();
        _logKey.Dispose();
        _folder.Dispose();
    }

    /// <summary>A witness serving on a loopback port, stopped and closed on dispose (its database stays for the next start).</summary>
    private sealed class RunningWitness(CheckpointWitness witness, WebApplication app) : IAsyncDisposable
    {
        public CheckpointWitness Witness { get; } = witness;

        public Uri Address => LedgerHost.Address(app);

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Witness.Dispose();
        }
    }
}
