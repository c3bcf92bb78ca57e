using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using OpenCts.Storage.Writing;
using SqliteWrite = OpenCts.Storage.Writing.QueuedWrite<(OpenCts.Storage.UnitOfWork Work, Microsoft.Data.Sqlite.SqliteTransaction Transaction)>;

namespace OpenCts.Storage.Sqlite;

/// <summary>
/// Group commit for the one SQLite writer: the writes that are waiting when the writer comes round share one transaction
/// and one commit, each in a savepoint of its own.
/// </summary>
/// <remarks>
/// A server receives many messages at once, and a transaction per message makes the commit (the WAL append, and its
/// sync) the limit. Here callers queue their write and await it; one writer loop takes everything queued (at most
/// <see cref="GroupCommit.MaxGroup"/>), runs each body in a savepoint, commits once, and only then answers each caller, so a caller
/// is never told "stored" before its rows are committed, and a crash keeps the whole group or none of it.
/// A body that throws (a bad message, a constraint) is rolled back to its savepoint and gets its own exception; its
/// neighbours are not affected. A later body sees what earlier bodies of the same group wrote, as it would have seen it
/// committed one transaction earlier, so a duplicate inside one group is found as a duplicate.
/// If the transaction itself fails (the commit, or an error that ends the transaction), every write of it that had
/// succeeded is told that error: nothing of it was stored.
/// </remarks>
internal sealed class SqliteGroupCommit : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Action _committed;
    private readonly ConcurrentQueue<SqliteWrite> _queue = new();
    private readonly SemaphoreSlim _queued = new(0);
    private readonly Thread _writer;
    private readonly Lock _gate = new();
    private bool _closed;

    /// <param name="connection">The writer's connection.</param>
    /// <param name="committed">Told after each commit (the checkpointer's signal); must return at once.</param>
    public SqliteGroupCommit(SqliteConnection connection, Action committed)
    {
        _connection = connection;
        _committed = committed;
        // A thread of its own, not the thread pool: under load the pool's queue holds hundreds of request continuations,
        // and a writer loop that waited its turn behind them made every write wait too (p99 of a stored message 14 ms
        // with the write itself under 1 ms, measured with cts bench load).
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "cts sqlite writer" };
        _writer.Start();
    }

    /// <summary>Queues one write; completes once it is committed (with the body's result) or failed (with its exception).</summary>
    /// <param name="body">Writes and journals on the unit of work; may run beside other bodies of the same transaction, one after another.</param>
    /// <param name="cancellationToken">Stops the write if it comes before the commit; nothing of it is then written.</param>
    public Task<T> WriteAsync<T>(Func<UnitOfWork, SqliteTransaction, ValueTask<T>> body, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        var write = new QueuedWrite<(UnitOfWork Work, SqliteTransaction Transaction), T>(w => body(w.Work, w.Transaction), cancellationToken);
        Enqueue(write);
        return write.Task;
    }

    /// <summary>Queues work that runs on the writer's connection alone, outside any transaction, between the groups queued before and after it.</summary>
    /// <remarks>
    /// For what SQLite refuses inside a transaction, such as changing where a connection keeps its temporary data. The
    /// body opens and commits whatever transactions it needs (a statement on its own commits itself).
    /// </remarks>
    public Task RunAloneAsync(Action<SqliteConnection> body, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }
        var alone = new OutsideTransaction(body, cancellationToken);
        Enqueue(alone);
        return alone.Task;
    }

    private void Enqueue(SqliteWrite write)
    {
        // Under the gate, so that no write is queued after the loop was told to stop (it would never be answered).
        lock (_gate)
        {
            if (_closed)
            {
                throw new ObjectDisposedException(nameof(SqliteStore), "the store is closed: nothing more can be written");
            }
            _queue.Enqueue(write);
        }
        _queued.Release();
    }

    /// <summary>Stops taking writes, and waits until those queued are committed.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }
            _closed = true;
        }
        // Wakes the loop, which commits what is queued and then finds the store closed.
        _queued.Release();
        _writer.Join();
        // The semaphore is not disposed: a write queued just before the close may still release it after the loop has
        // committed that write and stopped (it holds no handle unless one is asked for).
    }

    private bool Closed
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }

    private void WriteLoop()
    {
        var group = new List<SqliteWrite>(GroupCommit.MaxGroup);
        while (true)
        {
            _queued.Wait();
            while (group.Count < GroupCommit.MaxGroup && _queue.TryDequeue(out var write))
            {
                group.Add(write);
            }
            if (group.Count == 0)
            {
                if (Closed && _queue.IsEmpty)
                {
                    return;
                }
                continue;
            }
            // Each write released the semaphore once; those taken with this one need no wake-up of their own.
            for (var taken = 1; taken < group.Count; taken++)
            {
                _queued.Wait(0);
            }
            var next = 0;
            while (next < group.Count)
            {
                if (group[next] is OutsideTransaction alone)
                {
                    alone.Execute(_connection, _committed);
                    next++;
                    continue;
                }
                var end = group.FindIndex(next, w => w is OutsideTransaction);
                next = Commit(group, next, end < 0 ? group.Count : end);
            }
            group.Clear();
        }
    }

    /// <summary>Runs the group's writes from <paramref name="start"/> up to <paramref name="end"/> in one transaction and commits it; returns where the next transaction starts.</summary>
    private int Commit(List<SqliteWrite> group, int start, int end)
    {
        SqliteTransaction transaction;
        try
        {
            transaction = _connection.BeginTransaction();
        }
        catch (Exception exception)
        {
            SqliteWrite.FailEach(group.Skip(start).Take(end - start), exception);
            return end;
        }
        var written = new List<SqliteWrite>(end - start);
        var next = end;
        // A write alone in its transaction needs no savepoint: if it fails, the transaction is rolled back. A savepoint
        // makes SQLite journal the first change of every page until it is released, and a bulk write touches thousands
        // of pages: in memory, each statement's end then walks that whole journal (quadratic in the write's size).
        var alone = end - start == 1;
        try
        {
            var work = new UnitOfWork(_connection, transaction);
            for (var i = start; i < end; i++)
            {
                var write = group[i];
                if (write.CancellationToken.IsCancellationRequested)
                {
                    write.Cancel();
                    continue;
                }
                if (!alone)
                {
                    transaction.Save(GroupCommit.Savepoint);
                }
                try
                {
                    Run(write.RunAsync((work, transaction)));
                    write.CancellationToken.ThrowIfCancellationRequested();
                    if (!alone)
                    {
                        transaction.Release(GroupCommit.Savepoint);
                    }
                    written.Add(write);
                }
                catch (Exception exception)
                {
                    write.Fail(exception);
                    // Alone, nothing else was written: the transaction is rolled back when it is disposed, below.
                    if (alone || !TryRollBack(transaction))
                    {
                        // The error ended the transaction (SQLite does so on a full disk or an I/O error): what the group
                        // wrote so far is gone, so those writes fail too; the rest start again in a transaction of their own.
                        SqliteWrite.FailEach(written, exception);
                        written.Clear();
                        next = i + 1;
                        break;
                    }
                }
            }
            if (written.Count > 0)
            {
                transaction.Commit();
                _committed();
            }
        }
        catch (Exception exception)
        {
            SqliteWrite.FailEach(written, exception);
            return next;
        }
        finally
        {
            DisposeQuietly(transaction);
        }
        foreach (var write in written)
        {
            write.Complete();
        }
        return next;
    }

    /// <summary>Waits for a body: on SQLite its statements run synchronously, so it has almost always finished already.</summary>
    private static void Run(ValueTask body)
    {
        if (body.IsCompletedSuccessfully)
        {
            return;
        }
        body.AsTask().GetAwaiter().GetResult();
    }

    private static bool TryRollBack(SqliteTransaction transaction)
    {
        try
        {
            transaction.Rollback(GroupCommit.Savepoint);
            transaction.Release(GroupCommit.Savepoint);
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private static void DisposeQuietly(SqliteTransaction transaction)
    {
        try
        {
            // Rolls back what was not committed; a transaction SQLite already ended has nothing left to roll back.
            transaction.Dispose();
        }
        catch (SqliteException)
        {
        }
    }

    /// <summary>Work queued with <see cref="RunAloneAsync"/>: it takes a group's place in the queue but runs with no transaction open.</summary>
    private sealed class OutsideTransaction(Action<SqliteConnection> body, CancellationToken cancellationToken) : SqliteWrite(cancellationToken)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Task => _done.Task;

        public override bool Answered => _done.Task.IsCompleted;

        /// <summary>Never called: this work is not a body of a group's transaction.</summary>
        public override ValueTask RunAsync((UnitOfWork Work, SqliteTransaction Transaction) work) =>
            throw new InvalidOperationException("work outside a transaction is run by Execute");

        public void Execute(SqliteConnection connection, Action committed)
        {
            if (CancellationToken.IsCancellationRequested)
            {
                Cancel();
                return;
            }
            try
            {
                body(connection);
                committed();
                Complete();
            }
            catch (Exception exception)
            {
                Fail(exception);
            }
        }

        public override void Complete() => _done.TrySetResult();

        public override void Fail(Exception exception) => _done.TrySetException(exception);

        public override void Cancel() => _done.TrySetCanceled(CancellationToken);
    }
}
