using System.Threading.Channels;
using Npgsql;
using OpenCts.Storage.Writing;

namespace OpenCts.Storage.Postgres;

/// <summary>The PostgreSQL store's group commit: the writes of this process that wait at once share one transaction, one take of the advisory write lock and one commit, each in a savepoint.</summary>
/// <remarks>
/// The same promises as the SQLite store's (a caller is answered only after the commit; a failing body is undone alone;
/// a lost transaction fails every write in it), kept the same way. What differs is the cost it saves: on PostgreSQL a
/// transaction's cost is round trips (the lock and the commit were two of a stored message's six), and while one write
/// held the lock every other waited for all of it. The savepoints cost no round trip of their own: they are held back
/// with the statements around them (<see cref="PostgresUnitOfWork"/>).
/// </remarks>
internal sealed class PostgresGroupCommit : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly long _lockKey;
    private readonly Channel<QueuedWrite<UnitOfWork>> _queue = Channel.CreateUnbounded<QueuedWrite<UnitOfWork>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    /// <param name="dataSource">Where the writes go.</param>
    /// <param name="lockKey">The advisory lock every transaction takes first, which processes sharing the database also take.</param>
    public PostgresGroupCommit(NpgsqlDataSource dataSource, long lockKey)
    {
        _dataSource = dataSource;
        _lockKey = lockKey;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues one write; completes once it is committed (with the body's result) or failed (with its exception).</summary>
    /// <param name="body">Writes and journals on the unit of work; may run beside other bodies of the same transaction, one after another.</param>
    /// <param name="cancellationToken">Stops the write if it comes before the commit; nothing of it is then written.</param>
    public Task<T> WriteAsync<T>(Func<UnitOfWork, ValueTask<T>> body, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        var write = new QueuedWrite<UnitOfWork, T>(body, cancellationToken);
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(PostgresStore), "the store is closed: nothing more can be written");
        }
        return write.Task;
    }

    /// <summary>Stops taking writes, and waits until those queued are committed.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<QueuedWrite<UnitOfWork>>(GroupCommit.MaxGroup);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (group.Count < GroupCommit.MaxGroup && _queue.Reader.TryRead(out var write))
            {
                group.Add(write);
            }
            var next = 0;
            while (next < group.Count)
            {
                var (done, unclear) = await CommitAsync(group, next, group.Count).ConfigureAwait(false);
                // A failure that cannot be laid at one write's door: each write not yet answered runs again, alone.
                for (var i = next; i < unclear; i++)
                {
                    await CommitAsync(group, i, i + 1).ConfigureAwait(false);
                }
                next = done;
            }
            group.Clear();
        }
    }

    /// <summary>Runs the writes from <paramref name="start"/> to <paramref name="end"/> in one transaction and commits it.</summary>
    /// <returns>
    /// Where the next transaction starts, and up to where the writes must run again one at a time: a statement one write
    /// held back failed when it went out with another's (or with the commit), and PostgreSQL does not say which write's
    /// statement it was. The transaction is then given up without answering anyone.
    /// </returns>
    private async Task<(int Next, int Unclear)> CommitAsync(List<QueuedWrite<UnitOfWork>> group, int start, int end)
    {
        NpgsqlConnection connection;
        PostgresUnitOfWork work;
        try
        {
            connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
            work = new PostgresUnitOfWork(connection, await connection.BeginTransactionAsync().ConfigureAwait(false));
        }
        catch (Exception exception)
        {
            QueuedWrite<UnitOfWork>.FailEach(group.Skip(start).Take(end - start), exception);
            return (end, start);
        }
        var written = new List<QueuedWrite<UnitOfWork>>(end - start);
        var next = end;
        // A write alone in its transaction needs no savepoint: if it fails, the transaction is rolled back.
        var alone = end - start == 1;
        await using (connection.ConfigureAwait(false))
        await using (work.ConfigureAwait(false))
        {
            try
            {
                // Held back, so that the lock goes with the first statement: it is still taken before anything runs.
                work.Hold($"SELECT pg_advisory_xact_lock({_lockKey})", returnsRows: true);
                for (var i = start; i < end; i++)
                {
                    var write = group[i];
                    if (write.Answered)
                    {
                        continue;
                    }
                    if (write.CancellationToken.IsCancellationRequested)
                    {
                        write.Cancel();
                        continue;
                    }
                    var mark = work.StartWrite();
                    if (!alone)
                    {
                        work.Hold($"SAVEPOINT {GroupCommit.Savepoint}", returnsRows: false);
                    }
                    try
                    {
                        await write.RunAsync(work).ConfigureAwait(false);
                        write.CancellationToken.ThrowIfCancellationRequested();
                        if (!alone)
                        {
                            work.Hold($"RELEASE SAVEPOINT {GroupCommit.Savepoint}", returnsRows: false);
                        }
                        written.Add(write);
                    }
                    catch (PostgresException) when (!alone && work.LastBatchCarriedEarlierWrites)
                    {
                        return (i + 1, i + 1);
                    }
                    catch (Exception exception)
                    {
                        write.Fail(exception);
                        if (alone || !await TryUndoAsync(work, mark).ConfigureAwait(false))
                        {
                            // What the group wrote so far is gone with the transaction, so those writes fail too; the rest
                            // start again in a transaction of their own.
                            QueuedWrite<UnitOfWork>.FailEach(written, exception);
                            written.Clear();
                            next = i + 1;
                            break;
                        }
                    }
                }
                if (written.Count > 0)
                {
                    await work.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (PostgresException) when (!alone && work.LastBatchCarriedEarlierWrites)
            {
                // The last statements held back failed with the commit.
                return (next, next);
            }
            catch (Exception exception)
            {
                QueuedWrite<UnitOfWork>.FailEach(written, exception);
                return (next, start);
            }
        }
        foreach (var write in written)
        {
            write.Complete();
        }
        return (next, start);
    }

    /// <summary>Undoes a failed write of a group: drops what it held back, and rolls the server back to its savepoint if anything of it was sent; false when the transaction is lost.</summary>
    private static async Task<bool> TryUndoAsync(PostgresUnitOfWork work, (int Held, int RowSets, int Sent) mark)
    {
        if (work.DropSince(mark))
        {
            return true;
        }
        try
        {
            await using var undo = new NpgsqlBatch(work.Npgsql, work.NpgsqlTransaction)
            {
                BatchCommands = { new NpgsqlBatchCommand($"ROLLBACK TO SAVEPOINT {GroupCommit.Savepoint}"), new NpgsqlBatchCommand($"RELEASE SAVEPOINT {GroupCommit.Savepoint}") },
            };
            await undo.ExecuteNonQueryAsync().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }
}
