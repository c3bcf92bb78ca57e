using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Storage;
using OpenCts.Storage.Assessments;
using OpenCts.Storage.Audit;
using OpenCts.Storage.Consignments;
using OpenCts.Storage.CrossBorder;
using OpenCts.Storage.Decisions;
using OpenCts.Storage.Examinations;
using OpenCts.Storage.Messages;
using OpenCts.Storage.Commerce;
using OpenCts.Storage.Offices;
using OpenCts.Storage.Profiles;
using OpenCts.Storage.Referrals;
using OpenCts.Storage.Retention;
using OpenCts.Storage.Sqlite.Assessments;
using OpenCts.Storage.Sqlite.Audit;
using OpenCts.Storage.Sqlite.Consignments;
using OpenCts.Storage.Sqlite.CrossBorder;
using OpenCts.Storage.Sqlite.Decisions;
using OpenCts.Storage.Sqlite.Examinations;
using OpenCts.Storage.Sqlite.Messages;
using OpenCts.Storage.Sqlite.Commerce;
using OpenCts.Storage.Sqlite.Offices;
using OpenCts.Storage.Sqlite.Profiles;
using OpenCts.Storage.Sqlite.Referrals;
using OpenCts.Storage.Sqlite.Schema;
using OpenCts.Storage.Sqlite.Subscriptions;
using OpenCts.Storage.Sqlite.Users;
using OpenCts.Storage.Sqlite.Watchlists;
using OpenCts.Storage.Subscriptions;
using OpenCts.Storage.Users;
using OpenCts.Storage.Watchlists;

namespace OpenCts.Storage.Sqlite;

/// <summary>The embedded OpenCTS store: one SQLite file (<c>cts.db</c>) in a data folder, in WAL mode, with the ledger's tables beside the store's.</summary>
/// <remarks>
/// The store is opened by one process at a time for writing; SQLite's WAL lets readers run beside the writer. Its
/// operations are synchronous underneath (SQLite is an in-process library), so the reads complete at once; they are
/// async because other backends are not. Writes go through one connection, and those that arrive together are committed
/// together (<see cref="SqliteGroupCommit"/>); reads run on a connection per thread and see only committed rows.
/// </remarks>
public sealed class SqliteStore : ICtsStore, IDisposable
{
    public const string FileName = "cts.db";

    private readonly SqliteGroupCommit _writer;
    private readonly SqliteCheckpointer _checkpointer;
    private readonly ThreadLocal<StatementCache> _readers;
    private readonly StatementCache _writerStatements;

    private SqliteStore(string directory, SqliteConnection connection, IRecordJournal journal, TimeProvider clock)
    {
        // Reads run on a connection of their own per thread: WAL lets them run beside each other and beside the one writer,
        // and a SQLite connection must never be used by two threads at once (a server answers many requests together).
        _readers = new ThreadLocal<StatementCache>(() => new StatementCache(OpenConnection(connection.DataSource)), trackAllValues: true);
        _writerStatements = new StatementCache(connection);
        _checkpointer = new SqliteCheckpointer(OpenConnection(connection.DataSource));
        _writer = new SqliteGroupCommit(connection, _checkpointer.Committed);
        DataDirectory = directory;
        Connection = connection;
        Journal = journal;
        Clock = clock;
        Bodies = PackingDictionaries.Load(connection, PackingDictionaries.ConsignmentBodies, id => LoadDictionary(PackingDictionaries.ConsignmentBodies, id));
        Orders = PackingDictionaries.Load(connection, PackingDictionaries.PlatformOrders, id => LoadDictionary(PackingDictionaries.PlatformOrders, id));
        Messages = new SqliteMessageStore(this);
        Assessments = new SqliteAssessmentStore(this);
        Profiles = new SqliteProfileStore(this);
        Watchlists = new SqliteWatchlistStore(this);
        Examinations = new SqliteExaminationStore(this);
        ExportRecords = new SqliteExportRecordStore(this);
        var decisions = new SqliteDecisionStore(this);
        Decisions = decisions;
        Users = new SqliteUserStore(this);
        AuditLog = new SqliteAuditLog(this);
        Referrals = new SqliteReferralStore(this, decisions);
        Webhooks = new SqliteWebhookStore(this);
        Commerce = new SqliteCommerceStore(this);
        Offices = new SqliteOfficeStore(this);
        Assignments = new SqliteAssignmentStore(this, decisions);
        Subscriptions = new SqliteSubscriptionStore(this);
        ConsignmentIndex = new SqliteConsignmentIndex(this);
        Retention = new SqlRetentionStore(
            (body, cancellationToken) => WriteAsync((work, _) => body(work), cancellationToken),
            _ => Task.FromResult<System.Data.Common.DbConnection>(OpenConnection(connection.DataSource)),
            journal,
            clock);
    }

    public string DataDirectory { get; }

    /// <summary>The full path of the SQLite file.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, FileName);

    public string Location => DatabasePath;

    /// <summary>The open connection, for components that keep their own tables in the same file (the ledger).</summary>
    public SqliteConnection Connection { get; }

    internal IRecordJournal Journal { get; }

    /// <summary>The dictionaries the store's consignment bodies are packed with.</summary>
    internal PackingDictionaries Bodies { get; }

    /// <summary>The dictionaries the store's platform orders are packed with.</summary>
    internal PackingDictionaries Orders { get; }

    private byte[]? LoadDictionary(string kind, long id)
    {
        using var command = Command("SELECT bytes FROM packing_dictionaries WHERE id = $id AND kind = $kind");
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$kind", kind);
        return command.ExecuteScalar() as byte[];
    }

    public TimeProvider Clock { get; }

    public IMessageStore Messages { get; }

    public IAssessmentStore Assessments { get; }

    public IProfileStore Profiles { get; }

    public IWatchlistStore Watchlists { get; }

    public IExaminationStore Examinations { get; }

    public IExportRecordStore ExportRecords { get; }

    public IDecisionStore Decisions { get; }

    public IUserStore Users { get; }

    public IAuditLog AuditLog { get; }

    public IReferralStore Referrals { get; }

    public IWebhookStore Webhooks { get; }

    public ICommerceStore Commerce { get; }

    public IOfficeStore Offices { get; }

    public IAssignmentStore Assignments { get; }

    public ISubscriptionStore Subscriptions { get; }

    public IConsignmentIndex ConsignmentIndex { get; }

    public IRetentionStore Retention { get; }

    /// <summary>Whether a data folder holds a store.</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, FileName));

    /// <summary>Opens (creating if needed) the store in a folder and brings its schema and the ledger's up to date.</summary>
    /// <param name="directory">The data folder.</param>
    /// <param name="journal">Sees every record written, in its transaction: <see cref="SqliteLedgerJournal.Instance"/> journals into the ledger of the same file.</param>
    /// <param name="clock">The store's clock; the system's by default.</param>
    public static SqliteStore Open(string directory, IRecordJournal journal, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        System.IO.Directory.CreateDirectory(directory);
        var connection = OpenConnection(Path.Combine(directory, FileName));
        using (var pragma = connection.CreateCommand())
        {
            // Foreign keys are turned on after the migrations: a step that rebuilds a table needs them off. The page size
            // takes effect only on a new file (before WAL is on): 8 KiB pages hold packed consignment bodies with less slack
            // than 4 KiB ones (6 % smaller stores, measured with cts bench pipeline).
            pragma.CommandText = "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = OFF;";
            pragma.ExecuteNonQuery();
        }
        Migrations.Apply(connection);
        // A bulk save that stopped before it built its indexes again left them out (Assessments/BulkIndexes.cs).
        BulkIndexes.Ensure(connection);
        PlaceBackfill.Run(connection, PackingDictionaries.Load(connection, PackingDictionaries.ConsignmentBodies, _ => null));
        LedgerSchema.Migrate(connection);
        using (var pragma = connection.CreateCommand())
        {
            // The checkpointer copies the log in the background; the writer checkpoints itself only if it falls far behind.
            // The writer keeps 16 MiB of pages, not SQLite's 2 MB: each assessment it saves touches the pages of six
            // indexes keyed by document (the assessment's, the worklist's three, the pending list's, the version's),
            // and with 2 MB most of those were read again from the file (pread) at every row. Saving 100,000
            // assessments took 5.4 s of the writer's time, and 3.4 s with 16 MiB (docs/performance.md).
            pragma.CommandText = $"PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = {SqliteCheckpointer.WriterBackstopPages}; PRAGMA cache_size = -{WriterCacheKibibytes};";
            pragma.ExecuteNonQuery();
        }
        return new SqliteStore(Path.GetFullPath(directory), connection, journal, clock ?? TimeProvider.System);
    }

    /// <summary>The writer connection's page cache, in KiB.</summary>
    private const int WriterCacheKibibytes = 16384;

    /// <summary>How many versions must be pending before a bulk save sets the worklist's orderings and the assessments' index by document aside (<see cref="IAssessmentStore.BeginBulkSaveAsync"/>); 10,000 unless set.</summary>
    /// <remarks>Below it, keeping the orderings row by row costs little (their pages stay in the writer's cache), and a test that wants the bulk path on a small store lowers it.</remarks>
    public int BulkSaveMinimum { get; set; } = 10_000;

    /// <summary>How many checkpoints ran in the background since the store opened (<see cref="SqliteCheckpointer"/>).</summary>
    internal long BackgroundCheckpoints => _checkpointer.Checkpoints;

    /// <summary>The schema version applied to the file.</summary>
    public int SchemaVersion => Migrations.CurrentVersion(Connection);

    public Task<byte[]?> ReadCanonicalAsync(string kind, string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadCanonical(kind, id));
    }

    private byte[]? ReadCanonical(string kind, string id)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        long Number() => long.TryParse(id, System.Globalization.NumberStyles.None, invariant, out var n) ? n : throw new ArgumentException($"record id '{id}' of kind {kind} is not a number", nameof(id));
        var watchlists = (SqliteWatchlistStore)Watchlists;
        switch (kind)
        {
            case RecordKinds.Message:
                return ((SqliteMessageStore)Messages).ReadCanonical(Number());
            case RecordKinds.Assessment:
                return ((SqliteAssessmentStore)Assessments).ReadCanonical(Number());
            case RecordKinds.Examination:
                return ((SqliteExaminationStore)Examinations).ReadCanonical(Number());
            case RecordKinds.Watchlist:
                return watchlists.ReadCanonical(Number());
            case RecordKinds.ReferenceList:
                return watchlists.ReadReferenceListCanonical(Number());
            case RecordKinds.TrustedTraders:
                return watchlists.ReadTrustedTradersCanonical(Number());
            case RecordKinds.AllowList:
                return watchlists.ReadAllowListCanonical(Number());
            case RecordKinds.Decision:
                return ((SqliteDecisionStore)Decisions).ReadCanonical(Number());
            case RecordKinds.User:
                return ((SqliteUserStore)Users).ReadCanonical(Number());
            case RecordKinds.Audit:
                return ((SqliteAuditLog)AuditLog).ReadCanonical(Number());
            case RecordKinds.Referral:
                return ((SqliteReferralStore)Referrals).ReadCanonical(Number());
            case RecordKinds.ReferralAnswer:
                return ((SqliteReferralStore)Referrals).ReadAnswerCanonical(Number());
            case RecordKinds.Callback:
                return ((SqliteWebhookStore)Webhooks).ReadCallbackCanonical(Number());
            case RecordKinds.WebhookDelivery:
                return ((SqliteWebhookStore)Webhooks).ReadDeliveryCanonical(Number());
            case RecordKinds.PlatformOrder:
                return ((SqliteCommerceStore)Commerce).ReadOrderCanonical(Number());
            case RecordKinds.EntityDecision:
                return ((SqliteCommerceStore)Commerce).ReadDecisionCanonical(Number());
            case RecordKinds.OfficeSettings:
                return ((SqliteOfficeStore)Offices).ReadCanonical(Number());
            case RecordKinds.Assignment:
                return ((SqliteAssignmentStore)Assignments).ReadCanonical(Number());
            case RecordKinds.Subscription:
                return ((SqliteSubscriptionStore)Subscriptions).ReadCanonical(Number());
            case RecordKinds.SubscriptionRemoval:
                return ((SqliteSubscriptionStore)Subscriptions).ReadRemovalCanonical(Number());
            case RecordKinds.Purge:
                // SQLite answers at once: the task is already complete.
                return ((SqlRetentionStore)Retention).ReadCanonicalAsync(Number(), CancellationToken.None).GetAwaiter().GetResult();
            case RecordKinds.Profile:
                var at = id.LastIndexOf('@');
                return at > 0 && int.TryParse(id[(at + 1)..], System.Globalization.NumberStyles.None, invariant, out var version)
                    ? ((SqliteProfileStore)Profiles).ReadCanonical(id[..at], version)
                    : throw new ArgumentException($"profile record id '{id}' is not id@version", nameof(id));
            default:
                throw new ArgumentException($"the store writes no records of kind '{kind}'", nameof(kind));
        }
    }

    /// <summary>Runs one write as a unit of work: the body writes and journals, then it commits; nothing is written if it throws.</summary>
    /// <remarks>
    /// The body runs on the writer, in a savepoint of a transaction it may share with other writes queued at the same
    /// time (<see cref="SqliteGroupCommit"/>); the task completes once that transaction is committed.
    /// </remarks>
    internal Task<T> WriteAsync<T>(Func<UnitOfWork, SqliteTransaction, ValueTask<T>> body, CancellationToken cancellationToken) =>
        _writer.WriteAsync(body, cancellationToken);

    /// <summary>Runs work on the writer's connection outside any transaction, in its turn among the writes (<see cref="SqliteGroupCommit.RunAloneAsync"/>).</summary>
    internal Task RunOnWriterAloneAsync(Action<SqliteConnection> body, CancellationToken cancellationToken) =>
        _writer.RunAloneAsync(body, cancellationToken);

    /// <summary>Journals one record in the unit of work.</summary>
    internal ValueTask JournalAsync(UnitOfWork work, string kind, long id, byte[] canonical, CancellationToken cancellationToken) =>
        JournalAsync(work, kind, id.ToString(System.Globalization.CultureInfo.InvariantCulture), canonical, cancellationToken);

    /// <summary>Whether records are journaled in the ledger of this file, which only hashes their canonical bytes (<see cref="JournalInOwnLedger(UnitOfWork, string, long, ReadOnlySpan{byte})"/>).</summary>
    internal bool JournalsInOwnLedger => Journal is SqliteLedgerJournal;

    /// <summary>Journals one record in the ledger of this file, from canonical bytes that need not outlive the call.</summary>
    internal void JournalInOwnLedger(UnitOfWork work, string kind, long id, ReadOnlySpan<byte> canonical) =>
        JournalInOwnLedger(work, kind, id.ToString(System.Globalization.CultureInfo.InvariantCulture), canonical);

    /// <summary>The same, for a record id that is not a row number; the insert is kept prepared on the writer (the journal alone would prepare it each time).</summary>
    private void JournalInOwnLedger(UnitOfWork work, string kind, string recordId, ReadOnlySpan<byte> canonical)
    {
        // The insert is the writer's, run through SQLite's own interface (RawStatement), in the writer's transaction: a
        // bulk run journals three records a consignment.
        if (work.Transaction is not SqliteTransaction { Connection: var connection } || !ReferenceEquals(connection, _writerStatements.Connection))
        {
            throw new InvalidOperationException("records are journaled in the store writer's transaction only");
        }
        var (salt, commitment) = LedgerLog.Pending(kind, recordId, canonical);
        var insert = WriterStatement(LedgerLog.PendingInsert);
        insert.Bind(insert.Parameter("$kind"), kind);
        insert.Bind(insert.Parameter("$id"), recordId);
        insert.BindBlob(insert.Parameter("$salt"), salt);
        insert.BindBlob(insert.Parameter("$commitment"), commitment);
        insert.Run();
    }

    /// <summary>Journals one record whose id is not a row number (a profile's <c>id@version</c>).</summary>
    internal ValueTask JournalAsync(UnitOfWork work, string kind, string recordId, byte[] canonical, CancellationToken cancellationToken)
    {
        if (Journal is not SqliteLedgerJournal)
        {
            return Journal.RecordAsync(work, kind, recordId, canonical, cancellationToken);
        }
        JournalInOwnLedger(work, kind, recordId, canonical);
        return ValueTask.CompletedTask;
    }

    /// <summary>The canonical bytes of a record kept as one row: its id, then each column the query selects, one a line (null as empty).</summary>
    internal byte[]? CanonicalRow(string sql, long id, SqliteTransaction? transaction)
    {
        using var command = Command(sql, transaction);
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        var columns = new object?[reader.FieldCount];
        reader.GetValues(columns!);
        return CanonicalForm.Row(id, columns);
    }

    /// <summary>A statement of a fixed text kept prepared on the writer's connection (<see cref="RawStatement"/>), for the writer's thread alone, inside its transaction.</summary>
    internal RawStatement WriterStatement(string sql) => _writerStatements.Raw(sql);

    /// <summary>A command on the writer's connection in its transaction, or, without one, on this thread's reading connection.</summary>
    internal SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var statements = transaction is null ? _readers.Value! : _writerStatements;
        return statements.Rent(sql, transaction);
    }

    internal string Now() => Text(Clock.GetUtcNow());

    /// <summary>The rowid of the last row the writer inserted, in place of <c>RETURNING id</c>.</summary>
    /// <remarks>SQLite runs a RETURNING clause as a trigger, which makes it journal every page the statement changes.</remarks>
    internal static long LastInsertedRow(SqliteTransaction transaction) => SQLitePCL.raw.sqlite3_last_insert_rowid(transaction.Connection!.Handle);

    /// <summary>An instant as the store writes it (round-trip "O": every tick kept, so it parses back to the same instant).</summary>
    internal static string Text(DateTimeOffset at) => at.ToString("O");

    public void Dispose()
    {
        // The writes already queued are committed before the connection closes.
        _writer.Dispose();
        _checkpointer.Dispose();
        foreach (var reader in _readers.Values)
        {
            reader.Dispose();
        }
        _readers.Dispose();
        // Disposes the writer's kept commands, then its connection.
        _writerStatements.Dispose();
    }

    private static SqliteConnection OpenConnection(string path)
    {
        SqliteLibrary.Configure();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
