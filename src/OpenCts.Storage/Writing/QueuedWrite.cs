namespace OpenCts.Storage.Writing;

/// <summary>A write waiting for a backend's group commit: its body runs in the group's transaction, and its caller is answered only once that transaction is committed or failed.</summary>
/// <remarks>Shared by the SQLite and PostgreSQL group commits, which differ in how they run a group, not in how a caller waits.</remarks>
/// <typeparam name="TWork">What a body is given to write with: the unit of work, and whatever else the backend hands it.</typeparam>
public abstract class QueuedWrite<TWork>(CancellationToken cancellationToken)
{
    /// <summary>The caller's token: a write cancelled before its group commits is not written.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Runs the body in the group's transaction; its result is given to the caller at <see cref="Complete"/>.</summary>
    public abstract ValueTask RunAsync(TWork work);

    /// <summary>Whether the caller has had its answer (a write answered is never run again).</summary>
    public abstract bool Answered { get; }

    /// <summary>Tells the caller its write is committed.</summary>
    public abstract void Complete();

    /// <summary>Tells the caller its write failed (cancelled, when the exception is its own token's).</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Tells the caller its write was cancelled before it ran.</summary>
    public abstract void Cancel();

    /// <summary>Fails every write of a list with the same error: what they wrote was lost with their transaction.</summary>
    public static void FailEach(IEnumerable<QueuedWrite<TWork>> writes, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(writes);
        foreach (var write in writes)
        {
            write.Fail(exception);
        }
    }
}

/// <summary>A queued write whose body takes <typeparamref name="TWork"/> and returns <typeparamref name="T"/>.</summary>
public sealed class QueuedWrite<TWork, T>(Func<TWork, ValueTask<T>> body, CancellationToken cancellationToken) : QueuedWrite<TWork>(cancellationToken)
{
    // Callers continue on the thread pool, never on the writer loop, which must go on to the next group.
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    /// <summary>Completes when the write is committed or failed.</summary>
    public Task<T> Task => _done.Task;

    public override async ValueTask RunAsync(TWork work) => _result = await body(work).ConfigureAwait(false);

    public override bool Answered => _done.Task.IsCompleted;

    public override void Complete() => _done.TrySetResult(_result);

    public override void Fail(Exception exception)
    {
        if (exception is OperationCanceledException && CancellationToken.IsCancellationRequested)
        {
            _done.TrySetCanceled(CancellationToken);
        }
        else
        {
            _done.TrySetException(exception);
        }
    }

    public override void Cancel() => _done.TrySetCanceled(CancellationToken);
}
