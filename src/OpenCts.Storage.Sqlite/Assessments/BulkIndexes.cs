using Microsoft.Data.Sqlite;

namespace OpenCts.Storage.Sqlite.Assessments;

/// <summary>
/// The indexes a bulk save sets aside and builds again: the worklist's two orderings of <c>current_targets</c>, by risk
/// and by arrival, and the assessments by document.
/// </summary>
/// <remarks>
/// They are what the migrations last made them (Schema/Migrations.cs: the first step made the assessments' index, the
/// step that added the document key the orderings); a step that changes them changes these too. Each saved assessment
/// puts a row into all three at a place that can be anywhere in them, and none of them serves the bulk run itself,
/// which reads what is pending by version and keeps <c>current_targets</c> by its triggers. A store opened after a run
/// that stopped before it built them again gets them back (<see cref="Ensure"/>), so a crash costs the time to build
/// them, never a worklist without its order.
/// SQLite sorts the rows to build an index, and the store's connections keep their temporary data in memory: the sort
/// of a million rows took 114 MB there, against 37 MB with its runs in temporary files (and 2.9 s instead of 4.0 s,
/// measured in the sqlite3 shell), which the bulk run's memory, at its peak when the build comes, cannot spare. The
/// sort also keeps as many rows in memory before it writes a run as the connection's page cache holds (the writer's
/// 16 MiB), so the cache is cut to 2 MiB while it builds: the sort then reuses the pages the cache gave back.
/// </remarks>
internal static class BulkIndexes
{
    private const string Create = """
        CREATE INDEX IF NOT EXISTS current_targets_by_risk ON current_targets (lane_rank DESC, score DESC, document_key);
        CREATE INDEX IF NOT EXISTS current_targets_by_arrival ON current_targets (lane_rank, arrival_order, score DESC, document_key);
        CREATE INDEX IF NOT EXISTS assessments_by_document ON assessments (document_key, consignment_version);
        """;

    private const string Drop = "DROP INDEX IF EXISTS current_targets_by_risk; DROP INDEX IF EXISTS current_targets_by_arrival; DROP INDEX IF EXISTS assessments_by_document;";

    /// <summary>Builds whichever of the three is missing, sorting in temporary files; nothing when all are there.</summary>
    /// <remarks>
    /// Outside a transaction: SQLite refuses to change where temporary data goes inside one once the connection has
    /// opened its temporary database (a migration's ALTER TABLE does). The connection's settings are put back afterwards.
    /// </remarks>
    public static void Ensure(SqliteConnection connection)
    {
        var temporary = Pragma(connection, "temp_store");
        var cache = Pragma(connection, "cache_size");
        Execute(connection, null, "PRAGMA temp_store = FILE; PRAGMA cache_size = -2048");
        try
        {
            Execute(connection, null, Create);
        }
        finally
        {
            Execute(connection, null, $"PRAGMA temp_store = {temporary}; PRAGMA cache_size = {cache}");
        }
    }

    /// <summary>Drops all three: <c>current_targets</c> is then kept by its triggers without them, and read in any order, and an assessment found by its document, by a full scan.</summary>
    public static void SetAside(SqliteConnection connection, SqliteTransaction transaction) => Execute(connection, transaction, Drop);

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
