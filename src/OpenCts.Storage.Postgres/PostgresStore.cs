using System.Globalization;
using Npgsql;
using OpenCts.Storage.Assessments;
using OpenCts.Storage.Audit;
using OpenCts.Storage.Consignments;
using OpenCts.Storage.CrossBorder;
using OpenCts.Storage.Decisions;
using OpenCts.Storage.Examinations;
using OpenCts.Storage.Messages;
using OpenCts.Storage.Commerce;
using OpenCts.Storage.Offices;
using OpenCts.Storage.Postgres.Assessments;
using OpenCts.Storage.Postgres.Audit;
using OpenCts.Storage.Postgres.Consignments;
using OpenCts.Storage.Postgres.CrossBorder;
using OpenCts.Storage.Postgres.Decisions;
using OpenCts.Storage.Postgres.Examinations;
using OpenCts.Storage.Postgres.Ledger;
using OpenCts.Storage.Postgres.Messages;
using OpenCts.Storage.Postgres.Commerce;
using OpenCts.Storage.Postgres.Offices;
using OpenCts.Storage.Postgres.Profiles;
using OpenCts.Storage.Postgres.Referrals;
using OpenCts.Storage.Postgres.Schema;
using OpenCts.Storage.Postgres.Subscriptions;
using OpenCts.Storage.Postgres.Users;
using OpenCts.Storage.Postgres.Watchlists;
using OpenCts.Storage.Profiles;
using OpenCts.Storage.Referrals;
using OpenCts.Storage.Subscriptions;
using OpenCts.Storage.Users;
using OpenCts.Storage.Watchlists;

namespace OpenCts.Storage.Postgres;

/// <summary>The OpenCTS store in a PostgreSQL database, with the ledger's tables beside the store's, for several processes on several machines.</summary>
/// <remarks>
/// Reads run on pooled connections beside each other and beside the writers. Writes are serialised, as on SQLite: the
/// writes waiting in this process share one transaction (<see cref="PostgresGroupCommit"/>), which takes a
/// transaction-scoped advisory lock first, so processes that share the database write one at a time and a record's
/// version, its id and its pending ledger leaf are decided by one writer. The ledger's sequencer
/// (<see cref="PostgresSequencer"/>) is a single writer of its own, guarded by another advisory lock.
/// </remarks>
public sealed class PostgresStore : ICtsStore
{
    /// <summary>The advisory lock every unit of work holds until it commits.</summary>
    internal const long WriteLockKey = 0x4F43_5453_5752_4954; // "OCTSWRIT"

    private readonly PostgresGroupCommit _writes;

    private PostgresStore(NpgsqlDataSource dataSource, string location, string directory, IRecordJournal journal, TimeProvider clock)
    {
        DataSource = dataSource;
        _writes = new PostgresGroupCommit(dataSource, WriteLockKey);
        Location = location;
        DataDirectory = directory;
        Journal = journal;
        Clock = clock;
        Messages = new PostgresMessageStore(this);
        Assessments = new PostgresAssessmentStore(this);
        Profiles = new PostgresProfileStore(this);
        Watchlists = new PostgresWatchlistStore(this);
        Examinations = new PostgresExaminationStore(this);
        ExportRecords = new PostgresExportRecordStore(this);
        var decisions = new PostgresDecisionStore(this);
        Decisions = decisions;
        Users = new PostgresUserStore(this);
        AuditLog = new PostgresAuditLog(this);
        Referrals = new PostgresReferralStore(this, decisions);
        Webhooks = new PostgresWebhookStore(this);
        Commerce = new PostgresCommerceStore(this);
        Offices = new PostgresOfficeStore(this);
        Assignments = new PostgresAssignmentStore(this, decisions);
        Subscriptions = new PostgresSubscriptionStore(this);
        ConsignmentIndex = new PostgresConsignmentIndex(this);
        Retention = new OpenCts.Storage.Retention.SqlRetentionStore(
            (body, cancellationToken) => WriteAsync(body, cancellationToken),
            async cancellationToken => await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false),
            journal,
            clock);
    }

    public string DataDirectory { get; }

    /// <summary>The server and database, without credentials: <c>postgres://user@host:port/database</c>.</summary>
    public string Location { get; }

    /// <summary>The pooled connections to the database, for components that keep their own tables in it (the ledger).</summary>
    public NpgsqlDataSource DataSource { get; }

    internal IRecordJournal Journal { get; }

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

    public OpenCts.Storage.Retention.IRetentionStore Retention { get; }

    /// <summary>Opens the store in a database, journaling into the ledger of the same database, and brings its schema and the ledger's up to date.</summary>
    /// <param name="connectionString"><c>postgres://user[:password]@host[:port]/database</c>, or Npgsql's <c>Host=...;Database=...</c>.</param>
    /// <param name="cancellationToken">Stops the opening.</param>
    /// <exception cref="ArgumentException">The connection string cannot be read.</exception>
    /// <exception cref="PostgresStoreException">The server cannot be reached, refuses the connection, or has no such database.</exception>
    public static Task<PostgresStore> OpenAsync(string connectionString, CancellationToken cancellationToken) =>
        OpenAsync(connectionString, PostgresLedgerJournal.Instance, null, null, cancellationToken);

    /// <summary>Opens the store in a database and brings its schema and the ledger's up to date.</summary>
    /// <param name="connectionString"><c>postgres://user[:password]@host[:port]/database</c>, or Npgsql's <c>Host=...;Database=...</c>.</param>
    /// <param name="journal">Sees every record written, in its transaction: <see cref="PostgresLedgerJournal.Instance"/> journals into the ledger of the same database.</param>
    /// <param name="cancellationToken">Stops the opening.</param>
    public static Task<PostgresStore> OpenAsync(string connectionString, IRecordJournal journal, CancellationToken cancellationToken) =>
        OpenAsync(connectionString, journal, null, null, cancellationToken);

    /// <summary>Opens the store in a database and brings its schema and the ledger's up to date.</summary>
    /// <param name="connectionString"><c>postgres://user[:password]@host[:port]/database</c>, or Npgsql's <c>Host=...;Database=...</c>.</param>
    /// <param name="journal">Sees every record written, in its transaction.</param>
    /// <param name="dataDirectory">The folder for keys and saved models; by default one per database under the user's local application data.</param>
    /// <param name="clock">The store's clock; the system's by default.</param>
    /// <param name="cancellationToken">Stops the opening.</param>
    /// <exception cref="ArgumentException">The connection string cannot be read.</exception>
    /// <exception cref="PostgresStoreException">The server cannot be reached, refuses the connection, or has no such database.</exception>
    public static async Task<PostgresStore> OpenAsync(string connectionString, IRecordJournal journal, string? dataDirectory, TimeProvider? clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var settings = PostgresConnection.Parse(connectionString);
        var location = PostgresConnection.Describe(settings);
        var dataSource = NpgsqlDataSource.Create(settings);
        try
        {
            await Migrations.ApplyAsync(dataSource, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw new PostgresStoreException(location, e);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var directory = dataDirectory ?? Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "opencts", "postgres", string.Join('_', settings.Host, settings.Port.ToString(CultureInfo.InvariantCulture), settings.Database));
        Directory.CreateDirectory(directory);
        return new PostgresStore(dataSource, location, Path.GetFullPath(directory), journal, clock ?? TimeProvider.System);
    }

    /// <summary>The store's schema version in the database.</summary>
    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await Migrations.CurrentVersionAsync(connection, null, Migrations.StoreComponent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes the ledger's sequencer of this database; see <see cref="PostgresSequencer.AcquireAsync"/>.</summary>
    public Task<PostgresSequencer> SequencerAsync(SequencerWait wait, CancellationToken cancellationToken) =>
        PostgresSequencer.AcquireAsync(DataSource, Location, wait, Clock, cancellationToken);

    /// <summary>A reader of the ledger of this database, on a connection of its own, for the audit and proofs.</summary>
    public PostgresLedgerReader OpenLedgerReader() => PostgresLedgerReader.Open(DataSource);

    public async Task<byte[]?> ReadCanonicalAsync(string kind, string id, CancellationToken cancellationToken)
    {
        long Number() => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"record id '{id}' of kind {kind} is not a number", nameof(id));
        var watchlists = (PostgresWatchlistStore)Watchlists;
        switch (kind)
        {
            case RecordKinds.Message:
                return await ((PostgresMessageStore)Messages).ReadCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.Assessment:
                return await ((PostgresAssessmentStore)Assessments).ReadCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.Examination:
                return await ((PostgresExaminationStore)Examinations).ReadCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.Watchlist:
                return await watchlists.ReadCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.ReferenceList:
                return await watchlists.ReadReferenceListCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.TrustedTraders:
                return await watchlists.ReadTrustedTradersCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.AllowList:
                return await watchlists.ReadAllowListCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.Decision:
                return await ((PostgresDecisionStore)Decisions).ReadCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.User:
                return await ((PostgresUserStore)Users).ReadCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.Audit:
                return await ((PostgresAuditLog)AuditLog).ReadCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.Referral:
                return await ((PostgresReferralStore)Referrals).ReadCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.ReferralAnswer:
                return await ((PostgresReferralStore)Referrals).ReadAnswerCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.Callback:
                return await ((PostgresWebhookStore)Webhooks).ReadCallbackCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.WebhookDelivery:
                return await ((PostgresWebhookStore)Webhooks).ReadDeliveryCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.PlatformOrder:
                return await ((PostgresCommerceStore)Commerce).ReadOrderCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.EntityDecision:
                return await ((PostgresCommerceStore)Commerce).ReadDecisionCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.OfficeSettings:
                return await ((PostgresOfficeStore)Offices).ReadCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.Assignment:
                return await ((PostgresAssignmentStore)Assignments).ReadCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.Subscription:
                return await ((PostgresSubscriptionStore)Subscriptions).ReadCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.SubscriptionRemoval:
                return await ((PostgresSubscriptionStore)Subscriptions).ReadRemovalCanonicalAsync(Number(), null, cancellationToken).ConfigureAwait(false);
            case RecordKinds.Purge:
                return await ((OpenCts.Storage.Retention.SqlRetentionStore)Retention).ReadCanonicalAsync(Number(), cancellationToken).ConfigureAwait(false);
            case RecordKinds.Profile:
                var at = id.LastIndexOf('@');
                return at > 0 && int.TryParse(id[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                    ? await ((PostgresProfileStore)Profiles).ReadCanonicalAsync(id[..at], version, null, cancellationToken).ConfigureAwait(false)
                    : throw new ArgumentException($"profile record id '{id}' is not id@version", nameof(id));
            default:
                throw new ArgumentException($"the store writes no records of kind '{kind}'", nameof(kind));
        }
    }

    /// <summary>Runs one write as a unit of work: it takes the write lock, the body writes and journals, then it commits; nothing is written if it throws.</summary>
    /// <remarks>Writes waiting at once share a transaction, each in a savepoint of its own (<see cref="PostgresGroupCommit"/>).</remarks>
    internal Task<T> WriteAsync<T>(Func<UnitOfWork, ValueTask<T>> body, CancellationToken cancellationToken) =>
        _writes.WriteAsync(body, cancellationToken);

    /// <summary>Holds a statement whose result no one reads until the unit of work's next read or its commit (<see cref="PostgresUnitOfWork"/>).</summary>
    internal static void Hold(UnitOfWork work, string sql, params (string Name, object? Value)[] parameters) =>
        ((PostgresUnitOfWork)work).Hold(sql, returnsRows: false, parameters);

    /// <summary>Journals one record in the unit of work.</summary>
    internal ValueTask JournalAsync(UnitOfWork work, string kind, long id, byte[] canonical, CancellationToken cancellationToken) =>
        Journal.RecordAsync(work, kind, id.ToString(CultureInfo.InvariantCulture), canonical, cancellationToken);

    /// <summary>A command in the unit of work (after what it holds back), or, without one, on a pooled connection of its own.</summary>
    internal NpgsqlCommand Command(string sql, UnitOfWork? work = null)
    {
        if (work is null)
        {
            return DataSource.CreateCommand(sql);
        }
        var pending = (PostgresUnitOfWork)work;
        pending.Send();
        return new NpgsqlCommand(sql, pending.Npgsql, pending.NpgsqlTransaction);
    }

    /// <summary>Reads every row a query returns.</summary>
    internal async Task<List<T>> ListAsync<T>(string sql, Func<NpgsqlDataReader, T> row, UnitOfWork? work, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        if (work is PostgresUnitOfWork { Holding: true } pending)
        {
            var last = new NpgsqlBatchCommand(sql);
            Bind(last.Parameters, parameters);
            await using var batch = pending.Take(last, out var skip);
            await using var batchReader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < skip; i++)
            {
                await batchReader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }
            return await RowsAsync(batchReader, row, cancellationToken).ConfigureAwait(false);
        }
        await using var command = Command(sql, work);
        Bind(command.Parameters, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await RowsAsync(reader, row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first column of the first row a statement returns, or null.</summary>
    internal async Task<object?> ScalarAsync(string sql, UnitOfWork? work, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        if (work is PostgresUnitOfWork { Holding: true })
        {
            var rows = await ListAsync(sql, r => r.IsDBNull(0) ? null : r.GetValue(0), work, cancellationToken, parameters).ConfigureAwait(false);
            return rows.Count == 0 ? null : rows[0];
        }
        await using var command = Command(sql, work);
        Bind(command.Parameters, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    /// <summary>Runs a statement; returns the rows it touched.</summary>
    internal async Task<int> ExecuteAsync(string sql, UnitOfWork? work, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        if (work is PostgresUnitOfWork { Holding: true } pending)
        {
            var last = new NpgsqlBatchCommand(sql);
            Bind(last.Parameters, parameters);
            await using var batch = pending.Take(last, out _);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return last.RecordsAffected;
        }
        await using var command = Command(sql, work);
        Bind(command.Parameters, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<T>> RowsAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken)
    {
        var result = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(row(reader));
        }
        return result;
    }

    /// <summary>The canonical bytes of a record kept as one row: its id, then each column the query selects (<see cref="CanonicalForm.Row"/>).</summary>
    internal async Task<byte[]?> CanonicalRowAsync(string sql, long id, UnitOfWork? work, CancellationToken cancellationToken)
    {
        var rows = await ListAsync(sql, reader =>
        {
            var columns = new object?[reader.FieldCount];
            reader.GetValues(columns!);
            return columns;
        }, work, cancellationToken, ("id", id)).ConfigureAwait(false);
        return rows.Count == 0 ? null : CanonicalForm.Row(id, rows[0]);
    }

    internal string Now() => Clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync().ConfigureAwait(false);
        await DataSource.DisposeAsync().ConfigureAwait(false);
    }

    internal static void Bind(NpgsqlParameterCollection into, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            into.AddWithValue(name, value ?? DBNull.Value);
        }
    }
}

/// <summary>A PostgreSQL store could not be opened: the server is unreachable, refused the connection, or has no such database.</summary>
public sealed class PostgresStoreException(string location, Exception inner)
    : Exception($"cannot open the PostgreSQL store at {location}: {inner.Message}", inner)
{
    /// <summary>The server and database, without credentials.</summary>
    public string Location { get; } = location;
}
