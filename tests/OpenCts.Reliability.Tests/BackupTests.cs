using OpenCts.Application.Maintenance;
using OpenCts.Domain.Common;
using OpenCts.Ledger.Storage;
using OpenCts.Reliability.Tests.Support;
using OpenCts.Storage.Maintenance;
using OpenCts.Storage.Sqlite.Maintenance;

namespace OpenCts.Reliability.Tests;

/// <summary><c>cts backup</c> while a server takes messages, and <c>cts restore</c> of what it copied, checked against the manifest and audited.</summary>
public sealed class BackupTests
{
    [Fact]
    public async Task A_backup_taken_while_messages_are_posted_restores_into_a_store_that_matches_its_manifest_and_passes_the_audit()
    {
        var token = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(4, token);
        var (server, address) = await CtsProcess.ServeAsync(store.Data, token);
        using var _ = server;
        using var submitter = new Submitter(store.Keys, 4);
        submitter.Up(address);
        for (var serial = 1; serial <= 200; serial++)
        {
            Assert.NotNull(await submitter.PostAsync(serial, token));
        }
        await Checkpoints.PublishAsync(store.Data, token);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var posted = 200;
        var load = Task.WhenAll(Enumerable.Range(0, 4).Select(lane => Task.Run(async () =>
        {
            for (var serial = 1_000 + lane; !stop.IsCancellationRequested; serial += 4)
            {
                if (await submitter.PostAsync(serial, CancellationToken.None) is not null)
                {
                    Interlocked.Increment(ref posted);
                }
            }
        }, CancellationToken.None)));
        while (Volatile.Read(ref posted) < 400)
        {
            await Task.Delay(10, token);
        }
        // A checkpoint beside the load too, so the copy catches the sequencer's tables mid-change as well as the intake's.
        var backup = Path.Combine(store.Root, "backup");
        var checkpointing = Checkpoints.PublishAsync(store.Data, token);
        var result = await CtsProcess.RunAsync(token, "backup", "--data", store.Data, "--to", backup);
        var postedDuringBackup = Volatile.Read(ref posted);
        await checkpointing;
        await Task.Delay(300, token);
        await stop.CancelAsync();
        await load;
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.True(posted > postedDuringBackup, "the server took no message after the backup");

        var manifest = BackupManifest.Load(backup);
        Assert.Equal(("sqlite", BackupManifest.CurrentFormat), (manifest.Backend, manifest.Format));
        Assert.InRange(manifest.Messages, 400, posted);
        Assert.True(manifest.TreeSize >= 200, $"tree {manifest.TreeSize}");
        Assert.Contains(manifest.Files, f => f.Path == "cts.db");
        Assert.Contains(manifest.Files, f => f.Path == "keys/ledger.key");
        Assert.Contains(manifest.Files, f => f.Path == "keys/ledger.vkeys");

        var restored = Path.Combine(store.Root, "restored");
        var restore = await CtsProcess.RunAsync(token, "restore", "--from", backup, "--data", restored);
        Assert.True(restore.ExitCode == 0, restore.Output);
        using (var db = TestStore.Read(restored))
        using (var ledger = LedgerReader.On(db))
        {
            Assert.Equal(manifest.Messages, TestStore.Scalar(db, "SELECT count(*) FROM raw_messages"));
            var (size, root) = ledger.Tree();
            Assert.Equal((manifest.TreeSize, manifest.RootHash), (size, Convert.ToBase64String(root)));
        }
        if (!OperatingSystem.IsWindows())
        {
            // The signing key stays the owner's alone, in its folder of the same permissions as the source's.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(restored, "keys", "ledger.key")));
            Assert.Equal(File.GetUnixFileMode(Path.Combine(store.Data, "keys")), File.GetUnixFileMode(Path.Combine(restored, "keys")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(backup));
        }
        var audit = await CtsProcess.RunAsync(token, "ledger", "audit", "--data", restored);
        Assert.True(audit.ExitCode == 0, audit.Output);
        Assert.Contains("audit clean", audit.Output, StringComparison.Ordinal);
        // The restored store takes checkpoints with the key it came with: the tree grows on from the backup's.
        var next = await Checkpoints.PublishAsync(restored, token);
        Assert.True(next.Size >= manifest.TreeSize);

        var again = await CtsProcess.RunAsync(token, "restore", "--from", backup, "--data", restored);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("not empty", again.Output, StringComparison.Ordinal);
        Assert.Contains("--force", again.Output, StringComparison.Ordinal);
        var forced = await CtsProcess.RunAsync(token, "restore", "--from", backup, "--data", restored, "--force");
        Assert.True(forced.ExitCode == 0, forced.Output);
        Assert.Single(Directory.GetDirectories(store.Root, "restored.replaced-*"));
    }

    [Fact]
    public async Task A_backup_leaves_the_indicators_checkpoint_out_and_takes_the_other_commerce_files()
    {
        var token = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(1, token);
        var commerce = Directory.CreateDirectory(Path.Combine(store.Data, "commerce")).FullName;
        await File.WriteAllTextAsync(Path.Combine(commerce, "indicators.checkpoint"), "learned state", token);
        await File.WriteAllTextAsync(Path.Combine(commerce, "exchange-rates.csv"), "currency,rate\n", token);
        var backup = Path.Combine(store.Root, "backup");

        var manifest = await StoreBackups.BackupAsync(new SqliteStoreBackup(store.Data), store.Data, store.Data, backup, TimeProvider.System, token);

        Assert.Contains(manifest.Files, f => f.Path == Path.Combine("commerce", "exchange-rates.csv"));
        Assert.DoesNotContain(manifest.Files, f => f.Path.EndsWith("indicators.checkpoint", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(backup, "commerce", "exchange-rates.csv")));
        Assert.False(File.Exists(Path.Combine(backup, "commerce", "indicators.checkpoint")));
    }

    [Fact]
    public async Task A_backup_whose_database_was_altered_is_refused_naming_the_file_and_restores_nothing()
    {
        var token = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(1, token);
        var backup = Path.Combine(store.Root, "backup");
        var manifest = await StoreBackups.BackupAsync(new SqliteStoreBackup(store.Data), store.Data, store.Data, backup, TimeProvider.System, token);
        var database = Path.Combine(backup, "cts.db");
        var bytes = await File.ReadAllBytesAsync(database, token);
        bytes[^100] ^= 0x5A;
        await File.WriteAllBytesAsync(database, bytes, token);

        var target = Path.Combine(store.Root, "restored");
        var error = await Assert.ThrowsAsync<InputFormatException>(() =>
            StoreBackups.RestoreAsync(backup, target, force: false, (_, folder) => new SqliteStoreBackup(folder), TimeProvider.System, token));
        Assert.Contains(database, error.Message, StringComparison.Ordinal);
        Assert.Contains("differs from the manifest", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.GetDirectories(store.Root, "restored.*"));
        Assert.Equal(0, manifest.Messages);
    }

    [Fact]
    public async Task A_manifest_with_a_field_out_of_range_is_refused_naming_the_field()
    {
        var token = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(1, token);
        var backup = Path.Combine(store.Root, "backup");
        await StoreBackups.BackupAsync(new SqliteStoreBackup(store.Data), store.Data, store.Data, backup, TimeProvider.System, token);
        var path = Path.Combine(backup, BackupManifest.FileName);
        var text = await File.ReadAllTextAsync(path, token);
        await File.WriteAllTextAsync(path, System.Text.RegularExpressions.Regex.Replace(text, "\"treeSize\": \\d+", "\"treeSize\": -3"), token);

        var error = Assert.Throws<InputFormatException>(() => BackupManifest.Load(backup));
        Assert.Equal($"{path}: treeSize is negative", error.Message);
    }

    [Fact]
    public async Task A_backup_into_a_folder_that_is_not_empty_is_refused_and_writes_nothing()
    {
        var token = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(1, token);
        var backup = Directory.CreateDirectory(Path.Combine(store.Root, "backup")).FullName;
        await File.WriteAllTextAsync(Path.Combine(backup, "notes.txt"), "mine", token);

        var error = await Assert.ThrowsAsync<StoreBackupException>(() =>
            StoreBackups.BackupAsync(new SqliteStoreBackup(store.Data), store.Data, store.Data, backup, TimeProvider.System, token));
        Assert.Contains("not empty", error.Message, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(backup).Select(Path.GetFileName));
    }
}
