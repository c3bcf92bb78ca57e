using Npgsql;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Merkle;

namespace OpenCts.Storage.Postgres.Ledger;

/// <summary>Small queries on the ledger tables shared by the sequencer and the readers.</summary>
internal static class PostgresLedgerQueries
{
    public static async Task<(long Size, byte[] Root)> TreeAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand("SELECT size, root FROM ledger_tree WHERE id = 1", connection, transaction);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1))
            : (0, (byte[])MerkleHash.EmptyRoot.Clone());
    }

    public static async Task<SignedCheckpoint?> LatestCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand("SELECT note FROM ledger_checkpoints ORDER BY id DESC LIMIT 1", connection, transaction);
        return await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string note ? SignedCheckpoint.Parse(note) : null;
    }
}
