using System.Data.Common;

namespace OpenCts.Storage;

/// <summary>One transaction on a store's connection: a record and its ledger leaf are written in it and commit together.</summary>
/// <remarks>
/// Backends open one per write; the journal receives it so that it can write its pending leaf with the same
/// connection and transaction, whatever the database. Parameters are named <c>@name</c>, which SQLite and PostgreSQL both read.
/// A backend whose statements cost a round trip each may hold some back and send them together (PostgreSQL does); it
/// sends them before any command made here and before the commit, so the order of the statements is kept.
/// </remarks>
public class UnitOfWork(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    /// <summary>A command in this unit of work.</summary>
    public virtual DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }

    public virtual Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return Transaction.DisposeAsync();
    }
}
