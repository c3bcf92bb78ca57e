using Microsoft.Data.Sqlite;

namespace OpenCts.Storage.Sqlite;

/// <summary>Keeps the store's commands prepared on one connection, so a statement run again is not parsed and planned again.</summary>
/// <remarks>
/// <para>
/// Microsoft.Data.Sqlite prepares a command's statements on its first run and keeps them until the command is disposed,
/// but the store makes a new command for each call. A profile of <c>cts serve</c> under load showed SQLite's parser and
/// planner among the largest costs of a message: each insert is planned again with every trigger it fires (the
/// worklist's and the assessment queue's among them). Here a disposed command is kept, its parameters cleared, and handed
/// out again for the same text on the same connection.
/// </para>
/// <para>
/// A command whose values are given with <see cref="Set"/> keeps its parameters as well, and the next caller sets their
/// values again: the bulk intake writes a consignment's version row with fourteen values, and a new parameter for each
/// was 90 MB of garbage for 100,000 consignments. A text given its values with Set is given them with Set wherever it is
/// run: a caller that adds them again (AddWithValue) is refused by Microsoft.Data.Sqlite (more parameters than the text
/// names) rather than bound to old values, and the command is handed back with its parameters cleared.
/// </para>
/// <para>
/// A cache belongs to one connection, and a connection is used by one thread at a time (the writer's loop, or a reading
/// thread), so it needs no lock. A command still in use when its text is asked for again (a query run while another of the
/// same text is being read) gets a fresh command that is disposed as usual. The number of texts kept is bounded, because
/// some texts are built per call (a list of keys in <c>IN (...)</c>).
/// </para>
/// </remarks>
internal sealed class StatementCache(SqliteConnection connection) : IDisposable
{
    /// <summary>The most distinct texts kept prepared on one connection.</summary>
    public const int Capacity = 256;

    private readonly Dictionary<string, CachedCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawStatement> _raw = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    /// <summary>A command for the text in the transaction (or none); disposing it hands it back.</summary>
    public SqliteCommand Rent(string sql, SqliteTransaction? transaction)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= Capacity)
            {
                return Fresh(sql, transaction);
            }
            command = new CachedCommand(this, sql);
            _commands.Add(sql, command);
        }
        else if (command.Rented)
        {
            return Fresh(sql, transaction);
        }
        command.Rented = true;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>The statement of a fixed text kept prepared for SQLite's own interface (<see cref="RawStatement"/>); the caller runs it in the connection's transaction and does not dispose it.</summary>
    public RawStatement Raw(string sql)
    {
        if (!_raw.TryGetValue(sql, out var statement))
        {
            statement = new RawStatement(Connection, sql);
            _raw.Add(sql, statement);
        }
        return statement;
    }

    /// <summary>Gives a parameter of the command its value, adding the parameter only the first time a kept command is used.</summary>
    public static void Set(SqliteCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        var at = parameters.IndexOf(name);
        if (at >= 0)
        {
            parameters[at].Value = value ?? DBNull.Value;
            return;
        }
        parameters.AddWithValue(name, value ?? DBNull.Value);
        if (command is CachedCommand cached)
        {
            cached.KeptParameters = parameters.Count;
        }
    }

    /// <summary>Disposes every kept command (their prepared statements), before the connection closes.</summary>
    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Release();
        }
        _commands.Clear();
        foreach (var statement in _raw.Values)
        {
            statement.Dispose();
        }
        _raw.Clear();
        Connection.Dispose();
    }

    private SqliteCommand Fresh(string sql, SqliteTransaction? transaction)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>A command that a dispose hands back to its cache rather than finalizing its prepared statements.</summary>
    private sealed class CachedCommand : SqliteCommand
    {
        private readonly StatementCache _owner;
        private readonly string _sql;
        private bool _gone;

        public CachedCommand(StatementCache owner, string sql)
            : base(sql, owner.Connection)
        {
            _owner = owner;
            _sql = sql;
        }

        public bool Rented { get; set; }

        /// <summary>How many parameters <see cref="Set"/> gave the command; they are kept for the next caller if it has no others.</summary>
        public int KeptParameters { get; set; }

        /// <summary>Really disposes the command.</summary>
        public void Release()
        {
            _gone = true;
            base.Dispose(true);
        }

        protected override void Dispose(bool disposing)
        {
            if (!disposing || _gone)
            {
                base.Dispose(disposing);
                return;
            }
            if (!Rented)
            {
                // A second dispose of a command already handed back: it may be out again with someone else.
                return;
            }
            if (CommandText == _sql && DataReader is null)
            {
                if (KeptParameters == 0 || Parameters.Count != KeptParameters)
                {
                    Parameters.Clear();
                    KeptParameters = 0;
                }
                Transaction = null;
                Rented = false;
                return;
            }
            // A caller that changed the text, or left its reader open, gets the ordinary dispose, and the text is
            // prepared afresh next time (its prepared statements are freed, and the caller may still hold it).
            _gone = true;
            if (_owner._commands.TryGetValue(_sql, out var kept) && ReferenceEquals(kept, this))
            {
                _owner._commands.Remove(_sql);
            }
            base.Dispose(true);
        }
    }
}
