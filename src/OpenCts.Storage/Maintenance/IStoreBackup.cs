namespace OpenCts.Storage.Maintenance;

/// <summary>A backend's part of an online backup: a consistent copy of its database taken while the store is in use, and its return.</summary>
/// <remarks>
/// The copy and the ledger head it reports come from one snapshot of the database, so the manifest written beside the copy
/// describes exactly what was copied, even while a server keeps writing. Files kept beside the database in the data folder
/// (the ledger's keys, saved models) are the application's to copy.
/// </remarks>
public interface IStoreBackup
{
    /// <summary>The backend's name as the manifest records it: <c>sqlite</c> or <c>postgres</c>.</summary>
    string Backend { get; }

    /// <summary>Copies the database, as of one moment, into <paramref name="directory"/> (which exists and is empty of the files it writes).</summary>
    /// <returns>The files written (names relative to the folder) and the state of the ledger in the copy.</returns>
    /// <exception cref="StoreBackupException">The copy could not be made; the message says why and what to do.</exception>
    Task<DatabaseCopy> CopyAsync(string directory, CancellationToken cancellationToken);

    /// <summary>Brings a copy made by <see cref="CopyAsync"/> back as the database of this store, and reads its ledger state back.</summary>
    /// <param name="directory">The backup folder holding the copy's files.</param>
    /// <param name="copy">What the copy holds, as the manifest recorded it.</param>
    /// <param name="cancellationToken">Stops the restore.</param>
    /// <exception cref="StoreBackupException">The copy could not be restored (damaged, or a backend restored by its own tools).</exception>
    Task<LedgerHead> RestoreAsync(string directory, DatabaseCopy copy, CancellationToken cancellationToken);
}
