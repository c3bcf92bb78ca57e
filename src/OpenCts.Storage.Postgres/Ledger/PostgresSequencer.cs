using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Storage;

namespace OpenCts.Storage.Postgres.Ledger;

/// <summary>What a sequencer does when another one already holds the ledger.</summary>
public enum SequencerWait
{
    /// <summary>Fail at once with <see cref="LedgerSequencerBusyException"/>.</summary>
    Fail,

    /// <summary>Wait until the other one lets go (or the token is cancelled).</summary>
    Wait,
}

/// <summary>The one writer of the ledger kept in a PostgreSQL database: it integrates pending leaves into the Merkle tree and signs checkpoints.</summary>
/// <remarks>
/// The sequencer holds a session advisory lock (<see cref="LockKey"/>) on its own connection from the moment it is
/// acquired until it is disposed, or until its process dies and the server drops the session. A second sequencer on the
/// same database waits or fails, so two can never append at once and fork the log; were one to try without the lock,
/// the leaf index is the primary key of <c>ledger_leaves</c> and its batch would be refused. The tree's nodes are kept as
/// the SQLite ledger keeps them, a <c>ledger_tiles</c> row per subtree of height 4 (<see cref="NodeTiles"/>), so a batch
/// writes about one row of tree per 16 leaves instead of two per leaf. Each batch is one
/// transaction, so a crash leaves either the whole batch or none of it, and the tree is re-read before every batch.
/// </remarks>
public sealed class PostgresSequencer : IAsyncDisposable
{
    /// <summary>The advisory lock of the sequencer, the same in every database.</summary>
    public const long LockKey = 0x4F43_5453_5345_5143; // "OCTSSEQC"

    private const int BatchSize = 20_000;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly NpgsqlConnection _connection;
    private readonly PostgresNodeReader _nodes;
    private readonly TimeProvider _time;
    private CompactRange? _range;

    private PostgresSequencer(NpgsqlConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
        _nodes = new PostgresNodeReader { Connection = connection };
    }

    /// <summary>Takes the sequencer's lock on a database and returns the sequencer that holds it.</summary>
    /// <param name="dataSource">The database's connections; the sequencer keeps one for as long as it lives.</param>
    /// <param name="location">The database, for the message when another sequencer holds it.</param>
    /// <param name="wait">Whether to wait for another sequencer to let go, or to fail at once.</param>
    /// <param name="time">The clock of the checkpoints' creation times; the system's by default.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="LedgerSequencerBusyException">Another sequencer holds the ledger and <paramref name="wait"/> is <see cref="SequencerWait.Fail"/>.</exception>
    public static async Task<PostgresSequencer> AcquireAsync(NpgsqlDataSource dataSource, string location, SequencerWait wait, TimeProvider? time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var take = new NpgsqlCommand(
                wait == SequencerWait.Wait ? $"SELECT pg_advisory_lock({LockKey}), true" : $"SELECT 0, pg_try_advisory_lock({LockKey})", connection);
            // A wait on the lock is a query like any other: Npgsql cancels it on the server when the token is cancelled.
            await using var reader = await take.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (!reader.GetBoolean(1))
            {
                throw new LedgerSequencerBusyException(location);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new PostgresSequencer(connection, time ?? TimeProvider.System);
    }

    /// <summary>Sequences every pending leaf into the tree, in batches; returns the new tree size.</summary>
    public async Task<long> IntegrateAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (appended, size) = await IntegrateBatchAsync(cancellationToken).ConfigureAwait(false);
                if (appended == 0)
                {
                    return size;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Signs a checkpoint of the current tree and stores it; refuses if the tree is not consistent with the last checkpoint.</summary>
    public async Task<SignedCheckpoint> SignCheckpointAsync(NoteSigner signer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signer);
        if (signer.Verifier.Type != NoteKeyType.Ed25519)
        {
            throw new ArgumentException("a log signs checkpoints with an Ed25519 (0x01) key", nameof(signer));
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            _nodes.Transaction = transaction;
            try
            {
                var (size, root) = await PostgresLedgerQueries.TreeAsync(_connection, transaction, cancellationToken).ConfigureAwait(false);
                var previous = await PostgresLedgerQueries.LatestCheckpointAsync(_connection, transaction, cancellationToken).ConfigureAwait(false);
                if (previous is not null)
                {
                    var last = previous.Checkpoint;
                    if (last.Size > size)
                    {
                        throw new InvalidOperationException($"the tree has {size} leaves but checkpoint {last.Size} was signed: the database was rolled back");
                    }
                    var consistent = last.Size == 0
                        || MerkleVerifier.IsValidConsistency(last.Size, size, TreeShape.Resolve(TreeShape.Consistency(last.Size, size), _nodes), last.RootHash, root);
                    if (!consistent)
                    {
                        throw new InvalidOperationException($"the tree is not consistent with checkpoint {last.Size}: refusing to sign a fork");
                    }
                }
                var text = new Checkpoint(signer.Name, size, root).ToNoteText();
                var signed = new SignedCheckpoint(Checkpoint.Parse(text), new SignedNote(text, [signer.Sign(text)]));
                await using (var insert = new NpgsqlCommand("INSERT INTO ledger_checkpoints (size, root, note, created_at) VALUES (@size, @root, @note, @at)", _connection, transaction))
                {
                    insert.Parameters.AddWithValue("size", size);
                    insert.Parameters.AddWithValue("root", root);
                    insert.Parameters.AddWithValue("note", signed.ToString());
                    insert.Parameters.AddWithValue("at", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return signed;
            }
            finally
            {
                _nodes.Transaction = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Lets go of the ledger: another sequencer may then take it.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            // A pooled connection keeps its session, and so its lock, until it is used again: let go explicitly.
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", _connection);
            await release.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The session is gone, and the lock with it.
        }
        _nodes.Dispose();
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    // One batch in one transaction: its leaves, the tiles it completes or lengthens, and the new tree size, so a crash
    // keeps all of them or none. The in-memory frontier is trusted only after commit.
    private async Task<(int Appended, long Size)> IntegrateBatchAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        _nodes.Transaction = transaction;
        try
        {
            var (size, _) = await PostgresLedgerQueries.TreeAsync(_connection, transaction, cancellationToken).ConfigureAwait(false);
            if (_range is null || _range.Size != size)
            {
                _range = CompactRange.Load(size, _nodes);
            }
            var pending = new List<(string Kind, string Id, byte[] Salt, byte[] Commitment)>();
            var seqs = new List<long>();
            await using (var read = new NpgsqlCommand("SELECT seq, record_kind, record_id, salt, commitment FROM ledger_pending ORDER BY seq LIMIT @n", _connection, transaction))
            {
                read.Parameters.AddWithValue("n", BatchSize);
                await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    seqs.Add(reader.GetInt64(0));
                    pending.Add((reader.GetString(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3), reader.GetFieldValue<byte[]>(4)));
                }
            }
            if (pending.Count == 0)
            {
                return (0, size);
            }
            var range = _range;
            var batch = LeafBatch.FromPending(pending);
            var indexes = new long[pending.Count];
            for (var i = 0; i < indexes.Length; i++)
            {
                indexes[i] = size + i;
            }
            await ExecuteAsync(
                """
                INSERT INTO ledger_leaves (leaf_index, record_kind, record_id, salt, commitment)
                SELECT * FROM unnest(@indexes, @kinds, @ids, @salts, @commitments)
                """, transaction, cancellationToken,
                Array("indexes", NpgsqlDbType.Bigint, indexes),
                Array("kinds", NpgsqlDbType.Text, batch.Kinds),
                Array("ids", NpgsqlDbType.Text, batch.Ids),
                Array("salts", NpgsqlDbType.Bytea, pending.Select(p => p.Salt).ToArray()),
                Array("commitments", NpgsqlDbType.Bytea, pending.Select(p => p.Commitment).ToArray())).ConfigureAwait(false);
            await WriteTilesAsync(range, batch, transaction, cancellationToken).ConfigureAwait(false);
            // Exactly the rows read: one committed since, with a lower number, waits for the next batch.
            await ExecuteAsync("DELETE FROM ledger_pending WHERE seq = ANY(@seqs)", transaction, cancellationToken,
                Array("seqs", NpgsqlDbType.Bigint, seqs.ToArray())).ConfigureAwait(false);
            await ExecuteAsync("INSERT INTO ledger_tree (id, size, root) VALUES (1, @size, @root) ON CONFLICT (id) DO UPDATE SET size = EXCLUDED.size, root = EXCLUDED.root",
                transaction, cancellationToken, new NpgsqlParameter("size", range.Size), new NpgsqlParameter("root", range.Root())).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (pending.Count, range.Size);
        }
        catch
        {
            _range = null;
            _nodes.Clear();
            throw;
        }
        finally
        {
            _nodes.Transaction = null;
        }
    }

    // Appends the batch to the frontier and writes every tile it changed as the whole row it now has, in one statement.
    // A batch continues at most one shorter row per stratum, the right edge's; those are read first, in one query.
    private async Task WriteTilesAsync(CompactRange range, LeafBatch batch, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var continued = new List<long>();
        for (var stratum = 0; stratum < 63 / NodeTiles.Height && (range.Size >> (stratum * NodeTiles.Height)) > 0; stratum++)
        {
            var bottom = range.Size >> (stratum * NodeTiles.Height);
            if (bottom % NodeTiles.Width != 0)
            {
                continued.Add(new NodeId(stratum, bottom / NodeTiles.Width).Key);
            }
        }
        var earlier = new Dictionary<long, byte[]>();
        if (continued.Count > 0)
        {
            await using var read = new NpgsqlCommand("SELECT id, hashes FROM ledger_tiles WHERE id = ANY(@ids)", _connection, transaction);
            read.Parameters.AddWithValue("ids", continued.ToArray());
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                earlier[reader.GetInt64(0)] = reader.GetFieldValue<byte[]>(1);
            }
        }
        var runs = new List<(long First, byte[] Hashes)>(64);
        range.AppendBatch(batch.LeafHashes, batch.Count, (_, first, hashes, _) => runs.Add((first, hashes)));
        var keys = new List<long>();
        var rows = new List<byte[]>();
        NodeTiles.Build(runs, key => earlier.GetValueOrDefault(key), (stratum, firstTile, blob, full, lastBytes) =>
        {
            for (var t = 0; t <= full; t++)
            {
                keys.Add(new NodeId(stratum, firstTile + t).Key);
                rows.Add(blob.AsSpan(t * NodeTiles.FullBytes, t < full ? NodeTiles.FullBytes : lastBytes).ToArray());
            }
        });
        await ExecuteAsync("INSERT INTO ledger_tiles (id, hashes) SELECT * FROM unnest(@ids, @hashes) ON CONFLICT (id) DO UPDATE SET hashes = EXCLUDED.hashes",
            transaction, cancellationToken,
            Array("ids", NpgsqlDbType.Bigint, keys.ToArray()),
            Array("hashes", NpgsqlDbType.Bytea, rows.ToArray())).ConfigureAwait(false);
    }

    private static NpgsqlParameter Array(string name, NpgsqlDbType type, object values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values };

    private async Task ExecuteAsync(string sql, NpgsqlTransaction transaction, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, _connection, transaction);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Another sequencer holds the ledger of this database.</summary>
public sealed class LedgerSequencerBusyException(string location)
    : Exception($"another sequencer holds the ledger of {location} (advisory lock {PostgresSequencer.LockKey}); only one may append at a time, so stop it or wait for it")
{
    /// <summary>The database, without credentials.</summary>
    public string Location { get; } = location;
}
