using System.Data.Common;
using Npgsql;

namespace OpenCts.Storage.Postgres;

/// <summary>A unit of work on PostgreSQL that holds back the statements whose results no one reads, and sends them in one batch with the next statement that is read, or with the commit.</summary>
/// <remarks>
/// Each statement sent alone costs a round trip to the server, and on one machine a round trip costs more processor
/// time (two wake-ups, in the client and in the server) than the statement itself: a stored message was twelve of them,
/// of which only four returned something the writer needed. The ledger's pending leaves, the consignment versions and
/// the write lock are held back; the order of the statements is kept, so what a read sees is what it would have seen.
/// An error in a statement held back is reported by the batch it went with, and fails the whole unit of work as before.
/// </remarks>
internal sealed class PostgresUnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction) : UnitOfWork(connection, transaction)
{
    private readonly List<NpgsqlBatchCommand> _held = [];

    // Which write of a group held each statement held now, and each statement of the batch sent last (0: the group's
    // own, such as the lock). PostgreSQL's error does not say which statement of a batch failed, so a failed batch that
    // carried another write's statements cannot be laid at the current write's door.
    private List<int> _owners = [];
    private List<int> _lastSent = [];
    private int _write;
    private bool _committing;

    // How many of the statements held back return rows of their own (the write lock's SELECT), which a batch's reader
    // gives before the rows of the statement that is read.
    private int _heldRowSets;

    // How many batches were sent: a write of a group that fails before anything of it was sent is undone here alone.
    private int _sent;

    public NpgsqlConnection Npgsql { get; } = connection;

    public NpgsqlTransaction NpgsqlTransaction { get; } = transaction;

    /// <summary>Whether statements are waiting to be sent.</summary>
    public bool Holding => _held.Count > 0;

    /// <summary>Holds a statement back until the next one that is read, or the commit.</summary>
    /// <param name="sql">The statement.</param>
    /// <param name="returnsRows">Whether it returns a row set (which is then skipped, unread).</param>
    /// <param name="parameters">Its parameters, by name.</param>
    public void Hold(string sql, bool returnsRows, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        PostgresStore.Bind(command.Parameters, parameters);
        _held.Add(command);
        _owners.Add(_write);
        _heldRowSets += returnsRows ? 1 : 0;
    }

    /// <summary>A batch of everything held back followed by <paramref name="last"/>; the statements held are taken.</summary>
    /// <param name="last">The statement whose result the caller reads.</param>
    /// <param name="skip">How many row sets come before <paramref name="last"/>'s.</param>
    public NpgsqlBatch Take(NpgsqlBatchCommand last, out int skip)
    {
        skip = _heldRowSets;
        var batch = TakeAll();
        batch.BatchCommands.Add(last);
        return batch;
    }

    /// <summary>Sends what is held back, on its own.</summary>
    public async ValueTask SendAsync(CancellationToken cancellationToken)
    {
        if (_held.Count == 0)
        {
            return;
        }
        await using var batch = TakeAll();
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A command made here runs after what is held back, which is sent first (synchronously: rare paths use it).</summary>
    public override DbCommand Command(string sql)
    {
        Send();
        return base.Command(sql);
    }

    /// <summary>Sends what is held back, then commits.</summary>
    public override async Task CommitAsync(CancellationToken cancellationToken)
    {
        _committing = true;
        await SendAsync(cancellationToken).ConfigureAwait(false);
        await base.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends what is held back, synchronously, for the callers that make commands without awaiting.</summary>
    public void Send()
    {
        if (_held.Count == 0)
        {
            // The command about to go out goes alone: a failure in it is the current write's.
            _lastSent.Clear();
            return;
        }
        using var batch = TakeAll();
        batch.ExecuteNonQuery();
    }

    private NpgsqlBatch TakeAll()
    {
        var batch = new NpgsqlBatch(Npgsql, NpgsqlTransaction);
        foreach (var held in _held)
        {
            batch.BatchCommands.Add(held);
        }
        _held.Clear();
        (_lastSent, _owners) = (_owners, _lastSent);
        _owners.Clear();
        _heldRowSets = 0;
        _sent++;
        return batch;
    }

    /// <summary>Starts the next write of a group: what it holds back is its own. Returns where the unit of work stood before it.</summary>
    public (int Held, int RowSets, int Sent) StartWrite()
    {
        _write++;
        return (_held.Count, _heldRowSets, _sent);
    }

    /// <summary>Whether the batch sent last carried statements held by an earlier write of the group than the current one (or, at the commit, by any write): a failure in it may be theirs, not the current write's.</summary>
    public bool LastBatchCarriedEarlierWrites => _lastSent.Exists(owner => owner > 0 && (owner < _write || _committing));

    /// <summary>Drops what a failed write held back since <paramref name="mark"/>; true when nothing of it had been sent, so nothing is left to undo on the server.</summary>
    public bool DropSince((int Held, int RowSets, int Sent) mark)
    {
        if (_sent == mark.Sent)
        {
            _held.RemoveRange(mark.Held, _held.Count - mark.Held);
            _owners.RemoveRange(mark.Held, _owners.Count - mark.Held);
            _heldRowSets = mark.RowSets;
            return true;
        }
        // Something was sent since: everything held now came after it, and so belongs to the failed write.
        _held.Clear();
        _owners.Clear();
        _heldRowSets = 0;
        return false;
    }
}
