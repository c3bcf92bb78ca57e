using System.Globalization;
using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Notes;

namespace OpenCts.Ledger.Storage;

/// <summary>The trade-data ledger in a SQLite file: records are enqueued with their own transaction, then one sequencer integrates them into the Merkle tree.</summary>
/// <remarks>
/// Enqueueing inside the caller's transaction makes a record and its pending leaf commit or roll back together.
/// Integration assigns leaf indexes in batches, each batch one transaction, so a crash leaves either the whole batch or none of it.
/// Only one instance should sequence a file at a time; if another process did, the frontier is reloaded before appending.
/// </remarks>
public sealed class LedgerLog : IDisposable
{
    private const int BatchSize = 20_000;
    private const int AppendChunk = 2_048;
    private const int FirstAppendChunk = 256;
    private readonly object _gate = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteNodeReader _nodes;
    private readonly LeafWriter _writer;
    private readonly TimeProvider _time;
    private CompactRange? _range;

    private LedgerLog(string databasePath, TimeProvider time)
    {
        DatabasePath = databasePath;
        _time = time;
        _connection = LedgerSchema.Open(databasePath);
        LedgerSchema.Migrate(_connection);
        _nodes = new SqliteNodeReader(_connection);
        _writer = new LeafWriter(_connection);
    }

    /// <summary>The SQLite file.</summary>
    public string DatabasePath { get; }

    /// <summary>Opens (and if need be creates) the ledger tables in <paramref name="databasePath"/>.</summary>
    public static LedgerLog Open(string databasePath, TimeProvider? time = null) => new(databasePath, time ?? TimeProvider.System);

    /// <summary>Writes a pending leaf for a record inside the caller's transaction; returns the salt, which is also kept in the ledger.</summary>
    /// <remarks>The ledger tables must exist: call <see cref="LedgerSchema.Migrate"/> when the store opens.</remarks>
    public static byte[] Enqueue(SqliteConnection connection, SqliteTransaction? transaction, string recordKind, string recordId, ReadOnlySpan<byte> canonicalRecord)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = PendingInsert;
        return Enqueue(insert, recordKind, recordId, canonicalRecord);
    }

    /// <summary>The statement <see cref="Enqueue(SqliteCommand, string, string, ReadOnlySpan{byte})"/> runs, for a caller that keeps it prepared.</summary>
    public const string PendingInsert = "INSERT INTO ledger_pending (record_kind, record_id, salt, commitment) VALUES ($kind, $id, $salt, $commitment)";

    /// <summary>Writes a pending leaf with a command of <see cref="PendingInsert"/> that the caller keeps prepared in its transaction, with no parameters yet.</summary>
    /// <remarks>A store journals several records a message: parsing and planning the insert again for each was measurable.</remarks>
    public static byte[] Enqueue(SqliteCommand insert, string recordKind, string recordId, ReadOnlySpan<byte> canonicalRecord)
    {
        ArgumentNullException.ThrowIfNull(insert);
        var (salt, commitment) = Pending(recordKind, recordId, canonicalRecord);
        insert.Parameters.AddWithValue("$kind", recordKind);
        insert.Parameters.AddWithValue("$id", recordId);
        insert.Parameters.AddWithValue("$salt", salt);
        insert.Parameters.AddWithValue("$commitment", commitment);
        insert.ExecuteNonQuery();
        return salt;
    }

    /// <summary>The salt and commitment of a pending leaf, the values of <see cref="PendingInsert"/>'s <c>$salt</c> and <c>$commitment</c>, for a caller that binds the insert's values itself.</summary>
    public static (byte[] Salt, byte[] Commitment) Pending(string recordKind, string recordId, ReadOnlySpan<byte> canonicalRecord)
    {
        LedgerEntry.Validate(recordKind, recordId);
        var salt = LedgerEntry.NewSalt();
        return (salt, LedgerEntry.Commit(salt, canonicalRecord));
    }

    /// <summary>Marks a record as erased under a retention rule: its salt is destroyed, its leaf stays, and the audit reports it as erased rather than deleted.</summary>
    public static void Erase(SqliteConnection connection, SqliteTransaction? transaction, string recordKind, string recordId, DateTimeOffset when)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE ledger_leaves SET salt = NULL, erased_at = $when WHERE record_kind = $kind AND record_id = $id";
        update.Parameters.AddWithValue("$kind", recordKind);
        update.Parameters.AddWithValue("$id", recordId);
        update.Parameters.AddWithValue("$when", when.ToString("O", CultureInfo.InvariantCulture));
        update.ExecuteNonQuery();
    }

    /// <summary>Sequences every pending leaf into the tree, in batches; returns the new tree size.</summary>
    public Task<long> IntegrateAsync(CancellationToken cancellationToken = default)
    {
        // SQLite works synchronously; the Task shape lets callers treat integration like any other I/O.
        try
        {
            lock (_gate)
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (IntegrateBatch() == 0)
                    {
                        return Task.FromResult(_range!.Size);
                    }
                }
            }
        }
        catch (Exception e)
        {
            return Task.FromException<long>(e);
        }
    }

    /// <summary>Appends records directly, in order, as one crash-safe batch; returns the new tree size.</summary>
    /// <remarks>For bulk loads and benchmarks; records that live in the store should go through <see cref="Enqueue(SqliteConnection, SqliteTransaction?, string, string, ReadOnlySpan{byte})"/>.</remarks>
    public Task<long> AppendAsync(IReadOnlyList<LedgerRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var record in records)
            {
                LedgerEntry.Validate(record.Kind, record.Id);
            }
            lock (_gate)
            {
                return Task.FromResult(Sequence((_, size, integrate) =>
                {
                    // Salting, hashing the leaves and the nodes wholly inside a chunk need no order: each chunk is hashed
                    // on one pool thread while the one before is written, and the ordered part hashes only the frontier's
                    // nodes. One work item per chunk: splitting it further only kept idle pool threads spinning. The
                    // chunks start small and double, so that the writer waits for one small chunk, not a 2,048-leaf one,
                    // before it has anything to write.
                    LeafBatch Hash(int start, int count)
                    {
                        var batch = LeafBatch.FromRecords(records, start, count, parallel: false);
                        batch.HashInnerNodes(size + start);
                        return batch;
                    }
                    var first = Math.Min(FirstAppendChunk, records.Count);
                    var chunk = first;
                    var pending = Task.Run(() => Hash(0, first));
                    for (var start = 0; start < records.Count;)
                    {
                        var batch = pending.GetAwaiter().GetResult();
                        var next = start + batch.Count;
                        chunk = Math.Min(Math.Min(2 * chunk, AppendChunk), records.Count - next);
                        if (chunk > 0)
                        {
                            var count = chunk;
                            pending = Task.Run(() => Hash(next, count));
                        }
                        cancellationToken.ThrowIfCancellationRequested();
                        integrate(batch);
                        start = next;
                    }
                }));
            }
        }
        catch (Exception e)
        {
            return Task.FromException<long>(e);
        }
    }

    /// <summary>Signs a checkpoint of the current tree and stores it; refuses if the tree is not consistent with the last checkpoint.</summary>
    public SignedCheckpoint SignCheckpoint(NoteSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        if (signer.Verifier.Type != NoteKeyType.Ed25519)
        {
            throw new ArgumentException("a log signs checkpoints with an Ed25519 (0x01) key", nameof(signer));
        }
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            _nodes.Transaction = transaction;
            try
            {
                var (size, root) = LedgerQueries.Tree(_connection, transaction);
                var previous = LedgerQueries.LatestCheckpoint(_connection, transaction);
                if (previous is not null)
                {
                    var last = previous.Checkpoint;
                    if (last.Size > size)
                    {
                        throw new InvalidOperationException($"the tree has {size} leaves but checkpoint {last.Size} was signed: the database was rolled back");
                    }
                    var ok = last.Size == 0
                        ? true
                        : MerkleVerifier.IsValidConsistency(last.Size, size, TreeShape.Resolve(TreeShape.Consistency(last.Size, size), _nodes), last.RootHash, root);
                    if (!ok)
                    {
                        throw new InvalidOperationException($"the tree is not consistent with checkpoint {last.Size}: refusing to sign a fork");
                    }
                }
                var text = new Checkpoint(signer.Name, size, root).ToNoteText();
                var signed = new SignedCheckpoint(Checkpoint.Parse(text), new SignedNote(text, [signer.Sign(text)]));
                using var insert = _connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO ledger_checkpoints (size, root, note, created_at) VALUES ($size, $root, $note, $at)";
                insert.Parameters.AddWithValue("$size", size);
                insert.Parameters.AddWithValue("$root", root);
                insert.Parameters.AddWithValue("$note", signed.ToString());
                insert.Parameters.AddWithValue("$at", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                insert.ExecuteNonQuery();
                transaction.Commit();
                return signed;
            }
            finally
            {
                _nodes.Transaction = null;
            }
        }
    }

    /// <summary>Replaces the stored note of a checkpoint with one carrying more cosignatures.</summary>
    public void SaveCosigned(SignedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        lock (_gate)
        {
            using var update = _connection.CreateCommand();
            update.CommandText = """
                UPDATE ledger_checkpoints SET note = $note
                WHERE id = (SELECT max(id) FROM ledger_checkpoints WHERE size = $size AND root = $root)
                """;
            update.Parameters.AddWithValue("$note", checkpoint.ToString());
            update.Parameters.AddWithValue("$size", checkpoint.Checkpoint.Size);
            update.Parameters.AddWithValue("$root", checkpoint.Checkpoint.RootHash);
            if (update.ExecuteNonQuery() != 1)
            {
                throw new InvalidOperationException($"no stored checkpoint of size {checkpoint.Checkpoint.Size} with that root");
            }
        }
    }

    /// <summary>A reader on its own connection, for proofs and tiles; one per thread.</summary>
    public LedgerReader OpenReader() => LedgerReader.Open(DatabasePath);

    /// <summary>The tree size a witness last cosigned, as this log knows it (0 if never).</summary>
    public long WitnessSize(string witness)
    {
        lock (_gate)
        {
            using var read = _connection.CreateCommand();
            read.CommandText = "SELECT size FROM ledger_witness_state WHERE witness = $w";
            read.Parameters.AddWithValue("$w", witness);
            return read.ExecuteScalar() is long size ? size : 0;
        }
    }

    /// <summary>Records the tree size a witness last cosigned.</summary>
    public void SetWitnessSize(string witness, long size)
    {
        lock (_gate)
        {
            using var write = _connection.CreateCommand();
            write.CommandText = "INSERT INTO ledger_witness_state (witness, size) VALUES ($w, $s) ON CONFLICT (witness) DO UPDATE SET size = excluded.size";
            write.Parameters.AddWithValue("$w", witness);
            write.Parameters.AddWithValue("$s", size);
            write.ExecuteNonQuery();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _nodes.Dispose();
        _writer.Dispose();
        _connection.Dispose();
    }

    private int IntegrateBatch()
    {
        var count = 0;
        Sequence((transaction, _, integrate) =>
        {
            var rows = new List<(string, string, byte[], byte[])>();
            long lastSeq = 0;
            using (var read = _connection.CreateCommand())
            {
                read.Transaction = transaction;
                read.CommandText = "SELECT seq, record_kind, record_id, salt, commitment FROM ledger_pending ORDER BY seq LIMIT $n";
                read.Parameters.AddWithValue("$n", BatchSize);
                using var reader = read.ExecuteReader();
                while (reader.Read())
                {
                    lastSeq = reader.GetInt64(0);
                    rows.Add((reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3), (byte[])reader.GetValue(4)));
                }
            }
            count = rows.Count;
            if (count > 0)
            {
                using var delete = _connection.CreateCommand();
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM ledger_pending WHERE seq <= $last";
                delete.Parameters.AddWithValue("$last", lastSeq);
                delete.ExecuteNonQuery();
            }
            integrate(LeafBatch.FromPending(rows));
        });
        return count;
    }

    // Runs fill() inside one transaction, telling it the tree size it starts from; every batch it passes to integrate() is appended in order, and the whole is
    // committed at the end, so a crash keeps all of them or none. The in-memory frontier is trusted only after commit.
    private long Sequence(Action<SqliteTransaction, long, Action<LeafBatch>> fill)
    {
        using var transaction = _connection.BeginTransaction();
        _nodes.Transaction = transaction;
        try
        {
            var (size, _) = LedgerQueries.Tree(_connection, transaction);
            if (_range is null || _range.Size != size)
            {
                _range = CompactRange.Load(size, _nodes);
            }
            var range = _range;
            fill(transaction, size, batch =>
            {
                if (batch.Count == 0)
                {
                    return;
                }
                _writer.WriteLeaves(range.Size, batch);
                var runs = new List<(long First, byte[] Hashes)>(64);
                var inner = batch.InnerStart == range.Size ? batch.Inner : null;
                range.AppendBatch(batch.LeafHashes, batch.Count, inner, (_, first, hashes, _) => runs.Add((first, hashes)));
                NodeTiles.Build(runs, _nodes.ReadTile, _writer.WriteTiles);
            });
            if (range.Size != size)
            {
                LedgerQueries.SetTree(_connection, transaction, range.Size, range.Root());
                transaction.Commit();
            }
            return range.Size;
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
}
