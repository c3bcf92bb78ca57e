using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Keys;
using OpenCts.Ledger.Storage;

namespace OpenCts.Reliability.Tests.Support;

/// <summary>Checkpoints published by the real <c>cts ledger checkpoint</c>, beside a running server, read back and verified against the log's keys.</summary>
internal static class Checkpoints
{
    /// <summary>Sequences pending leaves and signs a checkpoint with <c>cts ledger checkpoint --out</c>; returns it, its signature checked.</summary>
    public static async Task<Checkpoint> PublishAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var file = Path.Combine(dataDirectory, "..", $"checkpoint-{Guid.NewGuid():N}.txt");
        var (exitCode, output) = await CtsProcess.RunAsync(cancellationToken, "ledger", "checkpoint", "--data", dataDirectory, "--out", file);
        Assert.True(exitCode == 0, "cts ledger checkpoint failed: " + output);
        var note = await File.ReadAllTextAsync(file, cancellationToken);
        return new CheckpointVerifier(KeyStore.ForLog(dataDirectory).Verifiers()).Verify(note).Checkpoint;
    }

    /// <summary>Does what <c>cts ledger checkpoint</c> does, in this process (a sequencer beside the server, as the command is), without a process start's seconds.</summary>
    public static async Task<Checkpoint> SignAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        using var log = LedgerLog.Open(Path.Combine(dataDirectory, "cts.db"));
        await log.IntegrateAsync(cancellationToken);
        using var signer = KeyStore.ForLog(dataDirectory).LoadOrCreate("opencts.local/ledger");
        var note = log.SignCheckpoint(signer).ToString();
        return new CheckpointVerifier(KeyStore.ForLog(dataDirectory).Verifiers()).Verify(note).Checkpoint;
    }
}
