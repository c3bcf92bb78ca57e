using System.Globalization;
using System.Security.Cryptography;
using OpenCts.Application.Commerce;
using OpenCts.Domain.Common;
using OpenCts.Storage.Maintenance;

namespace OpenCts.Application.Maintenance;

/// <summary>Online backup of a store into a folder with a manifest, and its restore into a data folder, checked against the manifest.</summary>
/// <remarks>
/// The backend copies its database (<see cref="IStoreBackup"/>); this class copies what else the data folder keeps (the
/// ledger's signing and verifier keys, saved models, the witness policy), hashes every file, and writes the manifest last,
/// so a folder without one is a backup that did not finish. A restore is built in a folder beside the target and moved in
/// only once every file matched its hash and the restored ledger matched the manifest's tree, so it never half-writes a store.
/// </remarks>
public static class StoreBackups
{
    /// <summary>The database's own files, which only the backend copies (never byte by byte while a server writes them).</summary>
    private static readonly string[] DatabaseFiles = ["cts.db", "cts.db-wal", "cts.db-shm", "cts.db-journal"];

    /// <summary>Copies a store, while it is in use, into <paramref name="to"/>, which must be empty or not exist.</summary>
    /// <param name="backend">The store's backend.</param>
    /// <param name="dataDirectory">The data folder whose other files (keys, models) go with the copy.</param>
    /// <param name="source">Where the store is, for the manifest.</param>
    /// <param name="to">The backup folder.</param>
    /// <param name="clock">Dates the manifest.</param>
    /// <param name="cancellationToken">Stops the backup; what was written so far is left without a manifest.</param>
    /// <exception cref="StoreBackupException">The folder is not empty or lies inside the data folder, or the backend could not copy.</exception>
    public static async Task<BackupManifest> BackupAsync(IStoreBackup backend, string dataDirectory, string source, string to, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(clock);
        var target = Path.GetFullPath(to);
        var data = Path.GetFullPath(dataDirectory);
        if (IsInside(target, data))
        {
            throw new StoreBackupException($"{to}: lies inside the data folder {dataDirectory}; back up to a folder outside it");
        }
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new StoreBackupException($"{to}: not empty; back up into a new or empty folder");
        }
        // The backup holds the ledger's signing key: the folder is the owner's alone, as the keys folder is.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(target);
        }
        else
        {
            Directory.CreateDirectory(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var createdAt = clock.GetUtcNow();
        var copy = await backend.CopyAsync(target, cancellationToken).ConfigureAwait(false);
        if (Directory.Exists(data))
        {
            // The indicators' checkpoint is left out: it was written at another moment than the store's copy, and a
            // restored store rebuilds the indicators from its own history.
            var checkpoint = Path.GetRelativePath(data, IndicatorsCheckpoint.PathIn(data));
            foreach (var file in Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(data, file);
                if (DatabaseFiles.Contains(relative, StringComparer.Ordinal) || relative == checkpoint)
                {
                    continue;
                }
                var into = Path.Combine(target, relative);
                CreateFolderLike(Path.GetDirectoryName(file)!, Path.GetDirectoryName(into)!);
                File.Copy(file, into);
            }
        }
        var files = new List<BackupFile>();
        foreach (var file in Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            files.Add(new BackupFile(Path.GetRelativePath(target, file).Replace('\\', '/'), new FileInfo(file).Length, await HashAsync(file, cancellationToken).ConfigureAwait(false)));
        }
        var manifest = new BackupManifest(BackupManifest.CurrentFormat, backend.Backend, source, createdAt, copy.Ledger.TreeSize, copy.Ledger.RootBase64,
            copy.PendingLeaves, copy.Messages, copy.Files, files);
        manifest.Save(target);
        return manifest;
    }

    /// <summary>Restores a backup into a data folder and checks it against its manifest.</summary>
    /// <param name="from">The backup folder.</param>
    /// <param name="dataDirectory">The data folder to restore into; it must not hold anything unless <paramref name="force"/>.</param>
    /// <param name="force">Replace what the data folder holds; the old folder is kept beside it, renamed, never deleted.</param>
    /// <param name="backendFor">The backend that restores the manifest's database into a given data folder.</param>
    /// <param name="clock">Names the folder an old store is moved to.</param>
    /// <param name="cancellationToken">Stops the restore before anything is moved into place.</param>
    /// <exception cref="InputFormatException">The backup's manifest is unreadable, or a file is missing or differs from its hash.</exception>
    /// <exception cref="StoreBackupException">The data folder is not empty, or the restored ledger differs from the manifest.</exception>
    public static async Task<RestoreResult> RestoreAsync(string from, string dataDirectory, bool force, Func<BackupManifest, string, IStoreBackup> backendFor, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backendFor);
        ArgumentNullException.ThrowIfNull(clock);
        var manifest = BackupManifest.Load(from);
        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(from, file.Path);
            if (!File.Exists(path))
            {
                throw new InputFormatException($"{path}: missing; the manifest lists it", path);
            }
            var hash = await HashAsync(path, cancellationToken).ConfigureAwait(false);
            if (new FileInfo(path).Length != file.Bytes || !string.Equals(hash, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new InputFormatException($"{path}: differs from the manifest (sha256 {hash}, expected {file.Sha256}); the backup is damaged", path);
            }
        }
        var target = Path.GetFullPath(dataDirectory);
        var occupied = Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any();
        if (occupied && !force)
        {
            throw new StoreBackupException($"{dataDirectory}: not empty; restore into an empty folder, or pass --force to replace it (the old folder is kept, renamed)");
        }
        var staging = target.TrimEnd(Path.DirectorySeparatorChar) + ".restoring-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var file in manifest.Files.Where(f => !manifest.DatabaseFiles.Contains(f.Path, StringComparer.Ordinal)))
            {
                var source = Path.Combine(from, file.Path);
                var into = Path.Combine(staging, file.Path);
                CreateFolderLike(Path.GetDirectoryName(source)!, Path.GetDirectoryName(into)!);
                File.Copy(source, into);
            }
            var head = await backendFor(manifest, staging).RestoreAsync(from, manifest.Copy, cancellationToken).ConfigureAwait(false);
            if (!head.SameTreeAs(manifest.Ledger))
            {
                throw new StoreBackupException(
                    $"{from}: the restored ledger has {head.TreeSize} leaves and root {head.RootBase64}, the manifest {manifest.TreeSize} and {manifest.RootHash}; nothing was restored");
            }
            cancellationToken.ThrowIfCancellationRequested();
            string? replaced = null;
            if (occupied)
            {
                replaced = target.TrimEnd(Path.DirectorySeparatorChar) + ".replaced-" + clock.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
                Directory.Move(target, replaced);
            }
            else if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }
            Directory.Move(staging, target);
            return new RestoreResult(manifest, head, replaced);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Creates a folder with the permissions of the one it copies: the keys folder is the owner's alone (700), in the backup and once restored.</summary>
    private static void CreateFolderLike(string source, string folder)
    {
        if (Directory.Exists(folder))
        {
            return;
        }
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, File.GetUnixFileMode(source));
        }
    }

    private static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}

/// <summary>What a restore did: the backup's manifest, the ledger head read back from the restored store, and where the replaced store went (with --force).</summary>
public sealed record RestoreResult(BackupManifest Manifest, LedgerHead Ledger, string? ReplacedFolder);
