using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using OpenCts.Ledger.Storage;
using OpenCts.Storage.Postgres;
using OpenCts.Storage.Postgres.Ledger;
using OpenCts.Storage.Tests.Support;

namespace OpenCts.Storage.Tests.Ledger;

/// <summary>A SQLite ledger file and a PostgreSQL ledger database given the very same pending leaves (kind, id, salt, commitment), so that their trees, tiles and proofs must be equal byte for byte.</summary>
internal sealed class TwinLedgers : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _database;
    private long _next;

    private TwinLedgers(string folder, string database, LedgerLog sqlite, PostgresStore postgres, PostgresSequencer sequencer)
    {
        _folder = folder;
        _database = database;
        Sqlite = sqlite;
        Postgres = postgres;
        Sequencer = sequencer;
    }

    public LedgerLog Sqlite { get; }

    /// <summary>The PostgreSQL ledger's database.</summary>
    public string ConnectionString => _database;

    /// <summary>The folder of the SQLite file, and of the PostgreSQL store's keys.</summary>
    public string Folder => _folder;

    public PostgresStore Postgres { get; }

    public PostgresSequencer Sequencer { get; }

    public static async Task<TwinLedgers> CreateAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "opencts-twin-ledgers", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = await PostgresServer.CreateDatabaseAsync(cancellationToken);
        var postgres = await PostgresStore.OpenAsync(database, PostgresLedgerJournal.Instance, folder, null, cancellationToken);
        var sequencer = await postgres.SequencerAsync(SequencerWait.Fail, cancellationToken);
        return new TwinLedgers(folder, database, LedgerLog.Open(Path.Combine(folder, "ledger.db")), postgres, sequencer);
    }

    /// <summary>Writes <paramref name="count"/> more pending leaves, the same in both, with salts and commitments derived from their number.</summary>
    public async Task EnqueueAsync(int count, CancellationToken cancellationToken)
    {
        var ids = new string[count];
        var salts = new byte[count][];
        var commitments = new byte[count][];
        for (var i = 0; i < count; i++, _next++)
        {
            ids[i] = _next.ToString(CultureInfo.InvariantCulture);
            salts[i] = SHA256.HashData(Encoding.ASCII.GetBytes("salt " + ids[i]));
            commitments[i] = SHA256.HashData(Encoding.ASCII.GetBytes("record " + ids[i]));
        }
        await EnqueuePostgresAsync(Postgres.DataSource, ids, salts, commitments, cancellationToken);
        await using var connection = new SqliteConnection($"Data Source={Sqlite.DatabasePath}");
        await connection.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        for (var i = 0; i < count; i++)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO ledger_pending (record_kind, record_id, salt, commitment) VALUES ('message', $id, $salt, $commitment)";
            insert.Parameters.AddWithValue("$id", ids[i]);
            insert.Parameters.AddWithValue("$salt", salts[i]);
            insert.Parameters.AddWithValue("$commitment", commitments[i]);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Pending leaves of kind <c>message</c> written straight into a PostgreSQL ledger, in one statement.</summary>
    public static async Task EnqueuePostgresAsync(NpgsqlDataSource dataSource, string[] ids, byte[][] salts, byte[][] commitments, CancellationToken cancellationToken)
    {
        await using var insert = dataSource.CreateCommand(
            "INSERT INTO ledger_pending (record_kind, record_id, salt, commitment) SELECT 'message', * FROM unnest(@ids, @salts, @commitments)");
        insert.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids });
        insert.Parameters.Add(new NpgsqlParameter("salts", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = salts });
        insert.Parameters.Add(new NpgsqlParameter("commitments", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = commitments });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every <c>ledger_tiles</c> row of the SQLite file, as (id, hex of the hashes), in id order.</summary>
    public List<(long Id, string Hashes)> SqliteTiles()
    {
        using var connection = new SqliteConnection($"Data Source={Sqlite.DatabasePath}");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT id, hashes FROM ledger_tiles ORDER BY id";
        using var reader = read.ExecuteReader();
        var rows = new List<(long, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), Convert.ToHexString((byte[])reader.GetValue(1))));
        }
        return rows;
    }

    /// <summary>Every <c>ledger_tiles</c> row of a PostgreSQL ledger, as (id, hex of the hashes), in id order.</summary>
    public static async Task<List<(long Id, string Hashes)>> PostgresTilesAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var read = dataSource.CreateCommand("SELECT id, hashes FROM ledger_tiles ORDER BY id");
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(long, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt64(0), Convert.ToHexString(reader.GetFieldValue<byte[]>(1))));
        }
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await Sequencer.DisposeAsync();
        await Postgres.DisposeAsync();
        Sqlite.Dispose();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        await PostgresServer.DropDatabaseAsync(_database);
        Directory.Delete(_folder, recursive: true);
    }
}
