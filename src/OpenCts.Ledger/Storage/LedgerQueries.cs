using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Merkle;

namespace OpenCts.Ledger.Storage;

/// <summary>Small queries on the ledger tables shared by the sequencer and the readers.</summary>
internal static class LedgerQueries
{
    public static (long Size, byte[] Root) Tree(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT size, root FROM ledger_tree WHERE id = 1";
        using var reader = read.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0, (byte[])MerkleHash.EmptyRoot.Clone());
    }

    public static void SetTree(SqliteConnection connection, SqliteTransaction transaction, long size, byte[] root)
    {
        using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = "INSERT INTO ledger_tree (id, size, root) VALUES (1, $size, $root) ON CONFLICT (id) DO UPDATE SET size = excluded.size, root = excluded.root";
        write.Parameters.AddWithValue("$size", size);
        write.Parameters.AddWithValue("$root", root);
        write.ExecuteNonQuery();
    }

    public static SignedCheckpoint? LatestCheckpoint(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT note FROM ledger_checkpoints ORDER BY id DESC LIMIT 1";
        return read.ExecuteScalar() is string note ? SignedCheckpoint.Parse(note) : null;
    }
}
