using Microsoft.Data.Sqlite;

namespace OpenCts.Storage.Sqlite;

/// <summary>Copies the write-ahead log into the database file on a connection and thread of its own, shortly after writes commit.</summary>
/// <remarks>
/// By default SQLite checkpoints on the connection that commits, inside its commit, once the log holds 1,000 pages: the
/// writer then copies megabytes and syncs the file while every queued write (and the request behind it) waits. Here the
/// writer only says that it committed; this loop waits <see cref="Delay"/> so that a burst of commits shares one
/// checkpoint, then runs a passive one, which never blocks the writer nor readers. The writer keeps an automatic
/// checkpoint at <see cref="WriterBackstopPages"/>, so that the log stays bounded should this loop fall behind. A log
/// fully copied is started again from its beginning by the next write, so the file does not grow.
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>The log size (in pages) at which the writer checkpoints itself: four times SQLite's default, 32 MiB of 8 KiB pages.</summary>
    public const int WriterBackstopPages = 4096;

    /// <summary>How long after a commit the checkpoint runs, so that the commits of a busy moment share it.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(100);

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _committed = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private long _checkpoints;

    public SqliteCheckpointer(SqliteConnection connection)
    {
        _connection = connection;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>How many checkpoints this loop ran; for tests and diagnostics.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Tells the loop that a transaction committed; cheap, and never waits.</summary>
    public void Committed()
    {
        if (_committed.CurrentCount == 0)
        {
            try
            {
                _committed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit signalled first: one checkpoint serves both.
            }
        }
    }

    /// <summary>Stops the loop (a checkpoint under way finishes first) and closes its connection.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        try
        {
            _loop.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }
        _connection.Dispose();
        _committed.Dispose();
        _stopping.Dispose();
    }

    private async Task LoopAsync()
    {
        using var checkpoint = _connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            await _committed.WaitAsync(stopping).ConfigureAwait(false);
            await Task.Delay(Delay, stopping).ConfigureAwait(false);
            try
            {
                checkpoint.ExecuteNonQuery();
                Interlocked.Increment(ref _checkpoints);
            }
            catch (SqliteException)
            {
                // A checkpoint that cannot run now (the file busy, a full disk) leaves the log as it was: nothing is lost,
                // the next commit tries again, and the writer's own checkpoint bounds the log meanwhile.
            }
        }
    }
}
