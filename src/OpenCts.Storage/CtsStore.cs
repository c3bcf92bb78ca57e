using Microsoft.Data.Sqlite;
using OpenCts.Storage.Assessments;
using OpenCts.Storage.CrossBorder;
using OpenCts.Storage.Examinations;
using OpenCts.Storage.Messages;
using OpenCts.Storage.Profiles;
using OpenCts.Storage.Schema;
using OpenCts.Storage.Watchlists;

namespace OpenCts.Storage;

/// <summary>The embedded OpenCTS store: one SQLite file (<c>cts.db</c>) in a data folder, in WAL mode.</summary>
/// <remarks>
/// The store is opened by one process at a time for writing; SQLite's WAL lets readers (the server's pages) run
/// beside the writer. Each feature reaches its tables through its own part: <see cref="Messages"/>,
/// <see cref="Assessments"/>, <see cref="Profiles"/>, <see cref="Watchlists"/>, <see cref="Examinations"/>.
/// </remarks>
public sealed class CtsStore : IDisposable
{
    public const string FileName = "cts.db";

    private CtsStore(string directory, SqliteConnection connection, TimeProvider clock)
    {
        Directory = directory;
        Connection = connection;
        Clock = clock;
        Messages = new MessageStore(this);
        Assessments = new AssessmentStore(this);
        Profiles = new ProfileStore(this);
        Watchlists = new WatchlistStore(this);
        Examinations = new ExaminationStore(this);
        ExportRecords = new ExportRecordStore(this);
    }

    /// <summary>The data folder.</summary>
    public string Directory { get; }

    /// <summary>The full path of the SQLite file.</summary>
    public string DatabasePath => Path.Combine(Directory, FileName);

    /// <summary>The open connection, for components that keep their own tables in the same file (the ledger).</summary>
    public SqliteConnection Connection { get; }

    public TimeProvider Clock { get; }

    public MessageStore Messages { get; }

    public AssessmentStore Assessments { get; }

    public ProfileStore Profiles { get; }

    public WatchlistStore Watchlists { get; }

    public ExaminationStore Examinations { get; }

    public ExportRecordStore ExportRecords { get; }

    /// <summary>Opens (creating if needed) the store in a folder and brings its schema up to date.</summary>
    public static CtsStore Open(string directory, TimeProvider? clock = null)
    {
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";
            pragma.ExecuteNonQuery();
        }
        Migrations.Apply(connection);
        return new CtsStore(Path.GetFullPath(directory), connection, clock ?? TimeProvider.System);
    }

    /// <summary>The schema version applied to the file.</summary>
    public int SchemaVersion => Migrations.CurrentVersion(Connection);

    /// <summary>The canonical bytes of any journaled record, as the ledger committed to them; null when the record is gone.</summary>
    /// <param name="kind">One of <see cref="RecordKinds"/>.</param>
    /// <param name="id">The record's id as journaled.</param>
    /// <exception cref="ArgumentException">The kind is not one the store writes, or the id is malformed.</exception>
    public byte[]? ReadCanonical(string kind, string id)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        long Number() => long.TryParse(id, System.Globalization.NumberStyles.None, invariant, out var n) ? n : throw new ArgumentException($"record id '{id}' of kind {kind} is not a number", nameof(id));
        switch (kind)
        {
            case RecordKinds.Message:
                return Messages.ReadCanonical(Number());
            case RecordKinds.Assessment:
                return Assessments.ReadCanonical(Number());
            case RecordKinds.Examination:
                return Examinations.ReadCanonical(Number());
            case RecordKinds.Watchlist:
                return Watchlists.ReadCanonical(Number());
            case RecordKinds.Profile:
                var at = id.LastIndexOf('@');
                return at > 0 && int.TryParse(id[(at + 1)..], System.Globalization.NumberStyles.None, invariant, out var version)
                    ? Profiles.ReadCanonical(id[..at], version)
                    : throw new ArgumentException($"profile record id '{id}' is not id@version", nameof(id));
            default:
                throw new ArgumentException($"the store writes no records of kind '{kind}'", nameof(kind));
        }
    }

    internal SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    internal string Now() => Clock.GetUtcNow().ToString("O");

    public void Dispose() => Connection.Dispose();
}
