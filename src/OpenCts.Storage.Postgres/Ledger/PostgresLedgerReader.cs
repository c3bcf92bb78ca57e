using Npgsql;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Storage;

namespace OpenCts.Storage.Postgres.Ledger;

/// <summary>Reads the ledger kept in a PostgreSQL database: tree, checkpoints, leaves and proofs, for the audit (<see cref="OpenCts.Ledger.Audit.LedgerAuditor"/>) and proofs.</summary>
/// <remarks>
/// The ledger's audit and proof planning are synchronous, so this reader is too. Each read takes a pooled connection of
/// its own, so that the audit can walk the leaves and their stored hashes side by side; proofs share one that the reader
/// keeps until it is disposed. The tree's nodes are read from <c>ledger_tiles</c> and the full tiles above the leaves'
/// own are kept for the reader's next proofs, so a reader kept for many proofs asks for one row per proof.
/// </remarks>
public sealed class PostgresLedgerReader : ILedgerView
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresNodeReader _nodes = new();
    private NpgsqlConnection? _proofs;

    private PostgresLedgerReader(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
    }

    /// <summary>A reader on a database whose ledger tables exist (<see cref="PostgresStore.OpenAsync(string, CancellationToken)"/> makes them).</summary>
    public static PostgresLedgerReader Open(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return new PostgresLedgerReader(dataSource);
    }

    public (long Size, byte[] Root) Tree()
    {
        using var connection = _dataSource.OpenConnection();
        return PostgresLedgerQueries.TreeAsync(connection, null, CancellationToken.None).GetAwaiter().GetResult();
    }

    public SignedCheckpoint? LatestCheckpoint()
    {
        using var connection = _dataSource.OpenConnection();
        return PostgresLedgerQueries.LatestCheckpointAsync(connection, null, CancellationToken.None).GetAwaiter().GetResult();
    }

    public byte[] RootAt(long size) => Resolve([TreeShape.Root(size)])[0];

    /// <summary>The RFC 9162 inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    public byte[][] InclusionProof(long index, long size) => Resolve(TreeShape.Inclusion(index, size));

    /// <summary>The RFC 9162 consistency proof from <paramref name="size1"/> to <paramref name="size2"/> leaves.</summary>
    public byte[][] ConsistencyProof(long size1, long size2) => Resolve(TreeShape.Consistency(size1, size2));

    /// <summary>The latest leaf logged for a record, or null.</summary>
    public LeafRow? FindLeaf(string recordKind, string recordId) =>
        Query(
            """
            SELECT leaf_index, record_kind, record_id, salt, commitment, erased_at FROM ledger_leaves
            WHERE record_kind = @kind AND record_id = @id ORDER BY leaf_index DESC LIMIT 1
            """, ReadLeaf, ("kind", recordKind), ("id", recordId)).FirstOrDefault();

    /// <summary>The offline proof bundle of a record against the latest checkpoint that covers its leaf, as <see cref="LedgerReader.Prove"/> makes it.</summary>
    /// <exception cref="InvalidOperationException">The record was never logged, was purged, or no checkpoint covers it yet.</exception>
    public OpenCts.Ledger.Proofs.ProofBundle Prove(string recordKind, string recordId)
    {
        var leaf = FindLeaf(recordKind, recordId)
            ?? throw new InvalidOperationException($"{recordKind}:{recordId} is not in the ledger (or is still pending)");
        if (leaf.Salt is null)
        {
            throw new InvalidOperationException($"{recordKind}:{recordId} was erased under a retention rule");
        }
        var checkpoint = LatestCheckpoint();
        if (checkpoint is null || checkpoint.Checkpoint.Size <= leaf.Index)
        {
            throw new InvalidOperationException($"{recordKind}:{recordId} is leaf {leaf.Index}, not yet covered by a checkpoint");
        }
        return new OpenCts.Ledger.Proofs.ProofBundle(recordKind, recordId, leaf.Salt, leaf.Commitment, leaf.Index, InclusionProof(leaf.Index, checkpoint.Checkpoint.Size), checkpoint.ToString());
    }

    public IEnumerable<LeafRow> Leaves(long start, long end) =>
        Query(
            """
            SELECT leaf_index, record_kind, record_id, salt, commitment, erased_at FROM ledger_leaves
            WHERE leaf_index >= @start AND leaf_index < @end ORDER BY leaf_index
            """, ReadLeaf, ("start", start), ("end", end));

    /// <summary>The stored leaf hash of every leaf in [<paramref name="start"/>, <paramref name="end"/>), in order, from the tiles of stratum 0; stops at the first one missing.</summary>
    public IEnumerable<(long Index, byte[] Hash)> LeafHashes(long start, long end)
    {
        if (start >= end)
        {
            yield break;
        }
        var rows = Query("SELECT id, hashes FROM ledger_tiles WHERE id >= @a AND id <= @b ORDER BY id",
            r => (Tile: NodeId.FromKey(r.GetInt64(0)).Index, Hashes: r.GetFieldValue<byte[]>(1)),
            ("a", NodeTiles.TileKey(new NodeId(0, start))), ("b", NodeTiles.TileKey(new NodeId(0, end - 1))));
        foreach (var (tile, hashes) in rows)
        {
            for (var index = Math.Max(start, tile * NodeTiles.Width); index < Math.Min(end, (tile + 1) * NodeTiles.Width); index++)
            {
                var offset = NodeTiles.ByteOffset(new NodeId(0, index));
                if (offset + MerkleHash.Size > hashes.Length)
                {
                    yield break;
                }
                yield return (index, hashes.AsSpan(offset, MerkleHash.Size).ToArray());
            }
        }
    }

    public IReadOnlyDictionary<(string Kind, string Id), long> LatestOfRepeatedRecords() =>
        Query("SELECT record_kind, record_id, max(leaf_index) FROM ledger_leaves GROUP BY record_kind, record_id HAVING count(*) > 1",
            r => (Key: (r.GetString(0), r.GetString(1)), Index: r.GetInt64(2))).ToDictionary(r => r.Key, r => r.Index);

    public void Dispose()
    {
        // The other reads' connections are the data source's: each returned its own.
        lock (_nodes)
        {
            _nodes.Dispose();
            _proofs?.Dispose();
            _proofs = null;
        }
    }

    // Proofs take turns on one connection the reader keeps, with the node reader's prepared statement and the tiles
    // it has read; a connection that failed is given up and the next proof opens another.
    private byte[][] Resolve(IReadOnlyList<NodeId[]> plan)
    {
        lock (_nodes)
        {
            _proofs ??= _dataSource.OpenConnection();
            _nodes.Connection = _proofs;
            try
            {
                return TreeShape.Resolve(plan, _nodes);
            }
            catch (NpgsqlException)
            {
                _nodes.Dispose();
                _proofs.Dispose();
                _proofs = null;
                throw;
            }
            finally
            {
                _nodes.Connection = null;
            }
        }
    }

    private IEnumerable<T> Query<T>(string sql, Func<NpgsqlDataReader, T> row, params (string Name, object Value)[] parameters)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return row(reader);
        }
    }

    private static LeafRow ReadLeaf(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3),
        reader.GetFieldValue<byte[]>(4),
        !reader.IsDBNull(5));
}
