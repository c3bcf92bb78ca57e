using Microsoft.Data.Sqlite;
using OpenCts.Storage.Sqlite;

namespace OpenCts.Storage.Tests.Sqlite;

/// <summary>The writer's statements run through SQLite's own interface: the same values as Microsoft.Data.Sqlite would write, and the same errors.</summary>
public sealed class RawStatementTests : IDisposable
{
    private readonly StatementCache _cache;

    public RawStatementTests()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        _cache = new StatementCache(connection);
        using var create = _cache.Rent("CREATE TABLE t (a INTEGER PRIMARY KEY, k TEXT UNIQUE NOT NULL, n INTEGER, r REAL, b BLOB, o)", null);
        create.ExecuteNonQuery();
    }

    public void Dispose() => _cache.Dispose();

    private RawStatement Insert => _cache.Raw("INSERT INTO t (k, n, r, b, o) VALUES ($k, $n, $r, $b, $o) ON CONFLICT (k) DO NOTHING");

    private void Put(string key, long? number = null, double real = 0, byte[]? blob = null, object? other = null)
    {
        var insert = Insert;
        insert.Bind(insert.Parameter("$k"), key);
        insert.Bind(insert.Parameter("$n"), number);
        insert.Bind(insert.Parameter("$r"), real);
        insert.BindBlob(insert.Parameter("$b"), blob ?? []);
        insert.BindValue(insert.Parameter("$o"), other);
        insert.Run();
    }

    [Fact]
    public void Values_bound_by_number_read_back_through_Microsoft_Data_Sqlite_as_written()
    {
        // A text longer than the statement's first buffer, with characters of two, three and four bytes.
        var key = "Zürich – 東京 🚢 " + new string('x', 300);
        Put(key, 42, 1.25, [1, 2, 3], "text");
        Put("second", null, -0.5, [], new byte[] { 9 });

        using var read = _cache.Rent("SELECT k, n, r, b, o, typeof(n), typeof(o) FROM t ORDER BY a", null);
        using var reader = read.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(key, reader.GetString(0));
        Assert.Equal(42, reader.GetInt64(1));
        Assert.Equal(1.25, reader.GetDouble(2));
        Assert.Equal(new byte[] { 1, 2, 3 }, reader.GetFieldValue<byte[]>(3));
        Assert.Equal("text", reader.GetString(4));
        Assert.True(reader.Read());
        Assert.Equal("null", reader.GetString(5));
        Assert.Equal("blob", reader.GetString(6));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Change_counts_the_rows_an_insert_wrote_and_none_when_it_did_nothing()
    {
        var insert = Insert;
        insert.Bind(insert.Parameter("$k"), "one");
        Assert.Equal(1, insert.Change());
        Assert.Equal(0, insert.Change());
    }

    [Fact]
    public void A_broken_constraint_is_the_SqliteException_Microsoft_Data_Sqlite_raises_and_the_statement_runs_again_after_it()
    {
        var strict = _cache.Raw("INSERT INTO t (k) VALUES ($k)");
        strict.Bind(strict.Parameter("$k"), "same");
        strict.Run();

        var error = Assert.Throws<SqliteException>(strict.Run);
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Contains("UNIQUE constraint failed: t.k", error.Message, StringComparison.Ordinal);

        strict.Bind(strict.Parameter("$k"), "other");
        strict.Run();
        using var count = _cache.Rent("SELECT count(*) FROM t", null);
        Assert.Equal(2L, count.ExecuteScalar());
    }

    [Fact]
    public void A_read_gives_its_rows_then_ends_and_a_read_stopped_early_leaves_no_statement_open()
    {
        Put("a", 1);
        Put("b", null);
        var select = _cache.Raw("SELECT k, n FROM t WHERE k >= $from ORDER BY k");
        select.Bind(select.Parameter("$from"), "a");
        Assert.True(select.Read());
        Assert.Equal("a", select.Text(0));
        Assert.Equal(1, select.Int64(1));
        Assert.True(select.Read());
        Assert.True(select.IsNull(1));
        Assert.Null(select.Text(1));
        Assert.False(select.Read());

        Assert.True(select.Read());
        select.Reset();
        // A commit fails while a statement of the connection is still stepping; none is.
        using var transaction = _cache.Connection.BeginTransaction();
        Put("c");
        transaction.Commit();
    }

    [Fact]
    public void A_statement_refuses_a_parameter_it_does_not_name_and_a_text_of_two_statements()
    {
        Assert.Throws<ArgumentException>(() => Insert.Parameter("$missing"));
        Assert.Throws<ArgumentException>(() => _cache.Raw("DELETE FROM t; DELETE FROM t"));
    }
}
