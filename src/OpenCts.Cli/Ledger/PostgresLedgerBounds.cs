using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Storage;

namespace OpenCts.Cli.Ledger;

/// <summary>The physical bounds <c>cts bench ledger --store</c> sets beside the PostgreSQL ledger's figures, measured in the same run on the same server.</summary>
internal static class PostgresLedgerBounds
{
    /// <summary>Rows per second PostgreSQL inserts into a table shaped like the leaves (index, kind, id, 32-byte salt, 32-byte commitment), with no secondary index, <paramref name="batch"/> rows per transaction in one statement.</summary>
    /// <remarks>
    /// The rows go in as arrays unnested by one statement, as the sequencer writes its leaves, so this is what the server
    /// absorbs of rows this size; the ledger writes each leaf twice (pending, then sequenced), deletes the pending row and
    /// writes the tree as well, so it cannot reach this bound, and the ratio says how close it gets.
    /// </remarks>
    public static async Task<double> InsertRowsPerSecondAsync(NpgsqlDataSource dataSource, int batch, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, "CREATE TABLE bound_rows (leaf_index BIGINT PRIMARY KEY, record_kind TEXT NOT NULL, record_id TEXT NOT NULL, salt BYTEA, commitment BYTEA NOT NULL)", cancellationToken);
        try
        {
            var kinds = Enumerable.Repeat("message", batch).ToArray();
            var salts = Enumerable.Range(0, batch).Select(_ => RandomNumberGenerator.GetBytes(32)).ToArray();
            var commitments = Enumerable.Range(0, batch).Select(_ => RandomNumberGenerator.GetBytes(32)).ToArray();
            var indexes = new long[batch];
            var ids = new string[batch];
            long rows = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < duration)
            {
                for (var i = 0; i < batch; i++, rows++)
                {
                    indexes[i] = rows;
                    ids[i] = rows.ToString(CultureInfo.InvariantCulture);
                }
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using var insert = new NpgsqlCommand("INSERT INTO bound_rows SELECT * FROM unnest(@indexes, @kinds, @ids, @salts, @commitments)", connection, transaction);
                insert.Parameters.Add(new NpgsqlParameter("indexes", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = indexes });
                insert.Parameters.Add(new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = kinds });
                insert.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids });
                insert.Parameters.Add(new NpgsqlParameter("salts", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = salts });
                insert.Parameters.Add(new NpgsqlParameter("commitments", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = commitments });
                await insert.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            return rows / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            await Execute(connection, "DROP TABLE bound_rows", CancellationToken.None);
        }
    }

    /// <summary>Microseconds to read, from the database, every tile row that holds a node an inclusion proof of each leaf needs, with nothing else and nothing kept between proofs: one prepared query per proof on one open connection, the rows planned before the clock starts, each node's 32 bytes copied out.</summary>
    /// <remarks>The ledger keeps its nodes in rows of up to 30 hashes (<see cref="NodeTiles"/>), so a proof at 1 M leaves touches 5 rows instead of 20 node rows; its proof reader also keeps the full tiles above the leaves' own, which this bound does not.</remarks>
    public static async Task<double> ProofNodeReadMicrosecondsAsync(NpgsqlDataSource dataSource, long size, IReadOnlyList<long> indexes, CancellationToken cancellationToken)
    {
        var plans = new NodeId[indexes.Count][];
        for (var i = 0; i < indexes.Count; i++)
        {
            plans[i] = [.. TreeShape.Inclusion(indexes[i], size).SelectMany(entry => entry)];
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var tiles = plans.Select(plan => plan.Select(NodeTiles.TileKey).Distinct().ToArray()).ToArray();
        await using var read = new NpgsqlCommand("SELECT id, hashes FROM ledger_tiles WHERE id = ANY(@ids)", connection);
        var ids = read.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint));
        ids.Value = tiles[0];
        await read.PrepareAsync(cancellationToken);
        var hash = new byte[MerkleHash.Size];
        long bytes = 0;
        void ReadAll()
        {
            for (var i = 0; i < plans.Length; i++)
            {
                ids.Value = tiles[i];
                using var reader = read.ExecuteReader();
                while (reader.Read())
                {
                    var tile = reader.GetInt64(0);
                    var row = reader.GetFieldValue<byte[]>(1);
                    foreach (var node in plans[i])
                    {
                        if (NodeTiles.TileKey(node) == tile)
                        {
                            row.AsSpan(NodeTiles.ByteOffset(node), MerkleHash.Size).CopyTo(hash);
                            bytes += hash.Length;
                        }
                    }
                }
            }
        }
        ReadAll();
        var watch = Stopwatch.StartNew();
        ReadAll();
        var microseconds = watch.Elapsed.TotalMicroseconds / plans.Length;
        return bytes > 0 ? microseconds : throw new InvalidOperationException("no proof nodes were read");
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
