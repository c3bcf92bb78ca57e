using System.Security.Cryptography;
using OpenCts.Ledger.Keys;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Storage;
using OpenCts.Ledger.Witness;

namespace OpenCts.Cli.Tests;

/// <summary>
/// <c>cts witness rotate-key</c> run as a partner's operator runs it: a new cosigning key, the old one kept published as
/// retired so what the witness cosigned before still verifies (checked with <c>cts ledger verify-checkpoint</c>), its state
/// untouched, and the policy line partners must list printed.
/// </summary>
public class WitnessRotateKeyTests
{
    private const string Origin = "customs.example/ledger";
    private const string WitnessName = "witness0.partner.example";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string[] Lines(CtsProcess.Result run) => run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>What the witness cosigned before the rotation: a checkpoint of a small log, with the witness's cosignature, as a note file.</summary>
    private static async Task<string> CosignedCheckpointAsync(string folder, NoteSigner logKey, NoteSigner witnessKey)
    {
        using var log = LedgerLog.Open(Path.Combine(folder, "log.db"));
        await log.AppendAsync([.. Enumerable.Range(0, 5).Select(i => new LedgerRecord("message", $"m{i}", System.Text.Encoding.UTF8.GetBytes($"message {i}")))], Token);
        var checkpoint = log.SignCheckpoint(logKey);
        using var witness = new CheckpointWitness(Path.Combine(folder, "witness", "witness.db"), witnessKey);
        witness.TrustLog(logKey.Verifier);
        var answer = witness.AddCheckpoint(new AddCheckpointRequest(0, [], checkpoint).ToBody());
        Assert.Equal(200, answer.StatusCode);
        var path = Path.Combine(folder, "checkpoint.note");
        File.WriteAllText(path, checkpoint.Note.WithSignatures(SignedNote.ParseSignatureLines(answer.Body)).ToString());
        return path;
    }

    [Fact]
    public async Task A_rotated_witness_signs_with_a_new_key_and_what_it_cosigned_before_still_verifies_with_the_retired_key_it_prints()
    {
        using var temp = new TempFolder();
        var witnessData = Path.Combine(temp.Directory, "witness");
        var keys = KeyStore.ForWitness(witnessData);
        using var logKey = NoteSigner.Generate(Origin, NoteKeyType.Ed25519);
        string oldKey;
        string note;
        // The key cts witness serve makes on its first start, and a checkpoint it cosigned with it.
        using (var first = keys.LoadOrCreate(WitnessName))
        {
            oldKey = first.Verifier.VerifierKey;
            note = await CosignedCheckpointAsync(temp.Directory, logKey, first);
        }
        // The witness's connections are pooled: closing them for real checkpoints its WAL into the file now, not at some
        // later moment between the two hashes (which made the file's bytes differ though nothing was written).
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var state = SHA256.HashData(File.ReadAllBytes(Path.Combine(witnessData, "witness.db")));

        var run = CtsProcess.Run(temp.Directory, "witness", "rotate-key", "--data", "witness", "--url", "https://witness.partner.example");

        Assert.True(run.ExitCode == 0, run.All);
        using var rotated = keys.Load();
        var newKey = rotated.Verifier.VerifierKey;
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(WitnessName, rotated.Name);
        Assert.Equal(NoteKeyType.CosignatureV1, rotated.Verifier.Type);
        Assert.Equal(
            [
                $"new cosigning key for witness {WitnessName}; a running cts witness serve signs with it from its next start",
                $"current: {newKey}",
                $"retired: {oldKey}",
                "partners: replace this witness's line in your witness policy file with",
                $"https://witness.partner.example {newKey}",
                "and keep the retired keys among the witness keys you verify older checkpoints with (--witness-key): cosignatures made before now verify only with them",
            ],
            Lines(run));
        // The printed line is one a policy file takes.
        var policy = Path.Combine(temp.Directory, "witnesses.txt");
        File.WriteAllText(policy, Lines(run)[4] + "\nquorum 1\n");
        Assert.Equal(newKey, Assert.Single(WitnessPolicy.Load(policy).Witnesses).Key.VerifierKey);
        Assert.Equal([oldKey, newKey], keys.Verifiers().Select(v => v.VerifierKey));
        Assert.Equal(state, SHA256.HashData(File.ReadAllBytes(Path.Combine(witnessData, "witness.db"))));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keys.SignerPath));
        }

        // What the witness cosigned before still verifies with the retired key, and not with the new one.
        var withRetired = CtsProcess.Run(temp.Directory, "ledger", "verify-checkpoint", "--vkey", logKey.Verifier.VerifierKey, "--file", note, "--witness-key", oldKey, "--quorum", "1");
        var withCurrent = CtsProcess.Run(temp.Directory, "ledger", "verify-checkpoint", "--vkey", logKey.Verifier.VerifierKey, "--file", note, "--witness-key", newKey, "--quorum", "1");
        Assert.True(withRetired.ExitCode == 0, withRetired.All);
        Assert.True(withCurrent.ExitCode == 1, withCurrent.All);
    }

    [Fact]
    public void A_second_rotation_keeps_both_earlier_keys_retired_oldest_first()
    {
        using var temp = new TempFolder();
        var keys = KeyStore.ForWitness(Path.Combine(temp.Directory, "witness"));
        string firstKey;
        using (var first = keys.LoadOrCreate(WitnessName))
        {
            firstKey = first.Verifier.VerifierKey;
        }

        var once = CtsProcess.Run(temp.Directory, "witness", "rotate-key", "--data", "witness");
        var twice = CtsProcess.Run(temp.Directory, "witness", "rotate-key", "--data", "witness");

        Assert.True(twice.ExitCode == 0, twice.All);
        var secondKey = Lines(once)[1]["current: ".Length..];
        var retired = Lines(twice).Where(l => l.StartsWith("retired: ", StringComparison.Ordinal)).Select(l => l["retired: ".Length..]);
        Assert.Equal([firstKey, secondKey], retired);
        Assert.Contains($"WITNESS-URL {keys.Verifiers()[^1].VerifierKey}", Lines(twice));
    }

    [Fact]
    public void A_folder_with_no_witness_key_is_named_and_nothing_is_made()
    {
        using var temp = new TempFolder();

        var run = CtsProcess.Run(temp.Directory, "witness", "rotate-key", "--data", "witness");

        Assert.True(run.ExitCode == 2, run.All);
        Assert.Equal(
            $"error: no witness key in {Path.Combine("witness", "keys", "witness.key")}: a witness makes its key when cts witness serve first starts",
            CtsProcess.OneLine(run));
        Assert.False(Directory.Exists(Path.Combine(temp.Directory, "witness", "keys")));
    }
}
