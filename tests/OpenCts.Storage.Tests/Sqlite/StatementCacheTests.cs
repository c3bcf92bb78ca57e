using Microsoft.Data.Sqlite;
using OpenCts.Storage.Sqlite;

namespace OpenCts.Storage.Tests.Sqlite;

/// <summary>The SQLite store's kept commands: handed out again for the same text, never to two users at once, never after a real dispose.</summary>
public sealed class StatementCacheTests : IDisposable
{
    private readonly StatementCache _cache;

    public StatementCacheTests()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        _cache = new StatementCache(connection);
        using var create = _cache.Rent("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)", null);
        create.ExecuteNonQuery();
    }

    public void Dispose() => _cache.Dispose();

    private long Insert(string b, SqliteTransaction? transaction = null)
    {
        using var insert = _cache.Rent("INSERT INTO t (b) VALUES ($b) RETURNING a", transaction);
        insert.Parameters.AddWithValue("$b", b);
        return (long)insert.ExecuteScalar()!;
    }

    [Fact]
    public void A_disposed_command_is_handed_out_again_for_the_same_text_with_its_parameters_cleared()
    {
        SqliteCommand first;
        using (first = _cache.Rent("SELECT b FROM t WHERE a = $a", null))
        {
            first.Parameters.AddWithValue("$a", Insert("one"));
            Assert.Equal("one", first.ExecuteScalar());
        }
        var two = Insert("two");

        using var again = _cache.Rent("SELECT b FROM t WHERE a = $a", null);
        Assert.Same(first, again);
        Assert.Empty(again.Parameters);
        again.Parameters.AddWithValue("$a", two);
        Assert.Equal("two", again.ExecuteScalar());
    }

    [Fact]
    public void A_text_asked_for_while_its_command_is_out_gets_a_command_of_its_own()
    {
        Insert("one");
        Insert("two");
        using var outer = _cache.Rent("SELECT b FROM t ORDER BY a", null);
        using var reader = outer.ExecuteReader();
        var seen = new List<string>();
        while (reader.Read())
        {
            using var inner = _cache.Rent("SELECT b FROM t ORDER BY a", null);
            Assert.NotSame(outer, inner);
            seen.Add(reader.GetString(0) + "/" + (string)inner.ExecuteScalar()!);
        }

        Assert.Equal(["one/one", "two/one"], seen);
    }

    [Fact]
    public void A_command_whose_text_was_changed_is_really_disposed_and_not_handed_out_again()
    {
        var changed = _cache.Rent("SELECT 1", null);
        changed.CommandText = "SELECT 2";
        changed.Dispose();

        using var next = _cache.Rent("SELECT 1", null);
        Assert.NotSame(changed, next);
        Assert.Equal(1L, next.ExecuteScalar());
    }

    [Fact]
    public void A_kept_command_runs_in_the_transaction_it_is_handed_out_with_and_none_after()
    {
        using (var transaction = _cache.Connection.BeginTransaction())
        {
            Insert("rolled back", transaction);
            transaction.Rollback();
        }
        Insert("kept");

        using var count = _cache.Rent("SELECT group_concat(b) FROM t", null);
        Assert.Equal("kept", count.ExecuteScalar());
    }

    [Fact]
    public void Texts_beyond_the_capacity_are_prepared_afresh_each_time()
    {
        for (var i = 0; i < StatementCache.Capacity; i++)
        {
            using var kept = _cache.Rent($"SELECT {i}", null);
        }
        SqliteCommand beyond;
        using (beyond = _cache.Rent("SELECT 'beyond'", null))
        {
            Assert.Equal("beyond", beyond.ExecuteScalar());
        }

        using var again = _cache.Rent("SELECT 'beyond'", null);
        Assert.NotSame(beyond, again);
        Assert.Equal("beyond", again.ExecuteScalar());
    }

    [Fact]
    public void Parameters_given_with_set_are_kept_for_the_next_caller_who_sets_their_values_again()
    {
        SqliteCommand first;
        using (first = _cache.Rent("INSERT INTO t (a, b) VALUES ($a, $b) RETURNING b", null))
        {
            StatementCache.Set(first, "$a", 1L);
            StatementCache.Set(first, "$b", "one");
            Assert.Equal("one", first.ExecuteScalar());
        }
        var kept = first.Parameters.Cast<SqliteParameter>().ToList();

        using var again = _cache.Rent("INSERT INTO t (a, b) VALUES ($a, $b) RETURNING b", null);
        Assert.Same(first, again);
        StatementCache.Set(again, "$a", 2L);
        StatementCache.Set(again, "$b", null);
        Assert.Equal(DBNull.Value, again.ExecuteScalar());

        Assert.Equal(kept, again.Parameters.Cast<SqliteParameter>());
        using var rows = _cache.Rent("SELECT group_concat(a || '=' || coalesce(b, 'null')) FROM t", null);
        Assert.Equal("1=one,2=null", rows.ExecuteScalar());
    }

    [Fact]
    public void A_caller_who_adds_parameters_to_a_kept_command_is_refused_rather_than_bound_to_old_values_and_hands_it_back_cleared()
    {
        using (var first = _cache.Rent("SELECT $a || $b", null))
        {
            StatementCache.Set(first, "$a", "x");
            StatementCache.Set(first, "$b", "y");
            Assert.Equal("xy", first.ExecuteScalar());
        }
        using (var second = _cache.Rent("SELECT $a || $b", null))
        {
            // A text given its values with Set is given them with Set everywhere; a caller that adds them again is refused.
            second.Parameters.AddWithValue("$a", "p");
            second.Parameters.AddWithValue("$b", "q");
            Assert.Throws<InvalidOperationException>(() => second.ExecuteScalar());
        }

        using var third = _cache.Rent("SELECT $a || $b", null);
        Assert.Empty(third.Parameters);
        third.Parameters.AddWithValue("$a", "m");
        third.Parameters.AddWithValue("$b", "n");
        Assert.Equal("mn", third.ExecuteScalar());
    }
}
