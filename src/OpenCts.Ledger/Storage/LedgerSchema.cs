using Microsoft.Data.Sqlite;

namespace OpenCts.Ledger.Storage;

/// <summary>Creates and upgrades the ledger's tables (prefixed <c>ledger_</c>) in the store's SQLite file.</summary>
/// <remarks>The ledger keeps its own version table so that its migrations never depend on the store's.</remarks>
public static class LedgerSchema
{
    /// <summary>The schema version this code writes.</summary>
    public const int CurrentVersion = 3;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE ledger_pending (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            record_kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            salt BLOB NOT NULL,
            commitment BLOB NOT NULL);
        CREATE TABLE ledger_leaves (
            leaf_index INTEGER PRIMARY KEY,
            record_kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            salt BLOB,
            commitment BLOB NOT NULL,
            erased_at TEXT);
        CREATE INDEX ledger_leaves_record ON ledger_leaves (record_kind, record_id);
        CREATE TABLE ledger_nodes (
            id INTEGER PRIMARY KEY,
            hash BLOB NOT NULL);
        CREATE TABLE ledger_tree (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            size INTEGER NOT NULL,
            root BLOB NOT NULL);
        CREATE TABLE ledger_checkpoints (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            size INTEGER NOT NULL,
            root BLOB NOT NULL,
            note TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE TABLE ledger_witness_state (
            witness TEXT PRIMARY KEY,
            size INTEGER NOT NULL);
        """,
        // Version 2 added proof tiles of 30 hashes, a copy of ledger_nodes that version 3 replaces.
        """
        CREATE TABLE ledger_proof_tiles (
            id INTEGER PRIMARY KEY,
            hashes BLOB NOT NULL);
        """,
        // Version 3 keeps the whole tree in tiles, a row per 16 leaves instead of a row per node (see NodeTiles):
        // ledger_nodes is packed into them by TileBackfill, then it and the proof tiles it duplicated are dropped.
        """
        CREATE TABLE ledger_tiles (
            id INTEGER PRIMARY KEY,
            hashes BLOB NOT NULL);
        """,
    ];

    private static readonly string[] AfterMigrations =
    [
        "",
        "",
        "DROP TABLE ledger_proof_tiles; DROP TABLE ledger_nodes;",
    ];

    /// <summary>Brings the ledger tables of <paramref name="connection"/> to <see cref="CurrentVersion"/>; safe to call on every open.</summary>
    public static void Migrate(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var transaction = connection.BeginTransaction();
        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = "CREATE TABLE IF NOT EXISTS ledger_schema (version INTEGER NOT NULL)";
            create.ExecuteNonQuery();
        }
        long version;
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT coalesce(max(version), 0) FROM ledger_schema";
            version = (long)read.ExecuteScalar()!;
        }
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException($"the ledger tables are at version {version}, newer than this program's {CurrentVersion}");
        }
        for (var v = (int)version; v < CurrentVersion; v++)
        {
            using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = Migrations[v];
            migrate.ExecuteNonQuery();
            if (v + 1 == 3)
            {
                TileBackfill.Run(connection, transaction);
            }
            migrate.CommandText = AfterMigrations[v] + $";INSERT INTO ledger_schema (version) VALUES ({v + 1})";
            migrate.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Opens a connection to the SQLite file in WAL mode with full syncs, so a committed batch survives a crash.</summary>
    /// <remarks>
    /// The cache and memory-mapped reads only change how pages are read: a proof's node lookups touch pages already
    /// mapped instead of copying each through a read system call. Durability is untouched: every commit still syncs the
    /// WAL (synchronous=FULL), and the auto-checkpoint only lets the WAL grow to 32 MB before it is copied back.
    /// A file this creates gets 64 KB pages (a file that exists keeps its own): SQLite writes each page to the WAL with
    /// two system calls and copies it back with two more, and at 4 KB pages those calls were a third of a leaf's
    /// commit. The ledger only appends rows of about 180 bytes and reads tile rows by key, so larger pages cost it nothing.
    /// </remarks>
    public static SqliteConnection Open(string databasePath)
    {
        SqliteLibrary.Configure();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString());
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = $"PRAGMA page_size={NewFilePageSize}; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA cache_size=-32768; PRAGMA mmap_size=2147418112;";
        pragmas.ExecuteNonQuery();
        pragmas.CommandText = "PRAGMA page_size";
        var pageSize = Convert.ToInt64(pragmas.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        pragmas.CommandText = $"PRAGMA wal_autocheckpoint={WalBytes / pageSize};";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    private const int NewFilePageSize = 65536;
    private const long WalBytes = 32L << 20;
}
