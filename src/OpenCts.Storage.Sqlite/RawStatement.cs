using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace OpenCts.Storage.Sqlite;

/// <summary>
/// A statement kept prepared on the writer's connection and run through SQLite's own interface: values bound by number,
/// stepped, and reset, for the few statements the bulk paths run once or more per row.
/// </summary>
/// <remarks>
/// <para>
/// Microsoft.Data.Sqlite runs a kept command through a new data reader each time, looks each parameter up by name and
/// converts its name to UTF-8 again, and binds every value through a type switch: about a microsecond a statement more
/// than SQLite's own calls (a loop of two inserts a row: 170,000 rows a second against 240,000 to 270,000). An
/// assessment's save runs five statements and the intake's several a consignment, all on the store's one writer.
/// </para>
/// <para>
/// The statement lives in the transaction of the connection it was prepared on, as any command of that connection does.
/// Each run ends with a reset, failed or not, so that no statement is left open under a commit or a rollback; a failure
/// is the <see cref="SqliteException"/> Microsoft.Data.Sqlite would have raised (its code and SQLite's message), so
/// callers that tell a constraint from another error keep doing so.
/// </para>
/// </remarks>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly Dictionary<string, int> _parameters = new(StringComparer.Ordinal);
    private byte[] _text = new byte[256];

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var rc = raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement, out var tail);
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
        if (!string.IsNullOrWhiteSpace(tail))
        {
            _statement.Dispose();
            throw new ArgumentException($"one statement expected; left over: {tail}", nameof(sql));
        }
    }

    /// <summary>The number of a named parameter (<c>$key</c>), to bind it by number from then on.</summary>
    public int Parameter(string name)
    {
        if (_parameters.TryGetValue(name, out var index))
        {
            return index;
        }
        index = raw.sqlite3_bind_parameter_index(_statement, name);
        if (index == 0)
        {
            throw new ArgumentException($"the statement has no parameter {name}", nameof(name));
        }
        _parameters.Add(name, index);
        return index;
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Binds a number, or NULL.</summary>
    public void Bind(int index, long? value) => Check(value is { } v ? raw.sqlite3_bind_int64(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));

    public void Bind(int index, double value) => Check(raw.sqlite3_bind_double(_statement, index, value));

    /// <summary>Binds a text as UTF-8 (SQLite copies it), or NULL.</summary>
    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > _text.Length)
        {
            _text = new byte[Math.Max(most, _text.Length * 2)];
        }
        var length = Encoding.UTF8.GetBytes(value, _text);
        Check(raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, length)));
    }

    /// <summary>Binds bytes as a BLOB (SQLite copies them).</summary>
    public void BindBlob(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Binds a value as Microsoft.Data.Sqlite would bind it: a text, bytes as a BLOB, or NULL.</summary>
    public void BindValue(int index, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                Check(raw.sqlite3_bind_null(_statement, index));
                break;
            case string text:
                Bind(index, text);
                break;
            case byte[] bytes:
                BindBlob(index, bytes);
                break;
            case long number:
                Bind(index, number);
                break;
            case int number:
                Bind(index, number);
                break;
            case double real:
                Bind(index, real);
                break;
            default:
                throw new ArgumentException($"a value of type {value.GetType().Name} is not bound here", nameof(value));
        }
    }

    /// <summary>Runs a statement that returns no row.</summary>
    public void Run()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    /// <summary>Runs a statement that returns no row; the number of rows it inserted, updated or deleted.</summary>
    public int Change()
    {
        Run();
        return raw.sqlite3_changes(_db);
    }

    /// <summary>Steps to the next row; false at the end, where the statement is reset. A caller that stops early calls <see cref="Reset"/>.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
        return false;
    }

    /// <summary>Ends a read before its last row.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    /// <summary>A column's text, or null when it is NULL.</summary>
    public string? Text(int column)
    {
        if (IsNull(column))
        {
            return null;
        }
        var bytes = raw.sqlite3_column_blob(_statement, column);
        return Encoding.UTF8.GetString(bytes);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
