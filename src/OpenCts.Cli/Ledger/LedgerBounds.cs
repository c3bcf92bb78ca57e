using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Storage;
using SQLitePCL;

namespace OpenCts.Cli.Ledger;

/// <summary>The physical bounds <c>cts bench ledger</c> sets beside its figures, measured in the same run.</summary>
internal static class LedgerBounds
{
    /// <summary>Rows per second SQLite inserts into a table shaped like the leaves (index, kind, id, 32-byte salt, 32-byte commitment), with no secondary index, in transactions of <paramref name="batch"/> rows, on the ledger's own connection settings.</summary>
    /// <remarks>
    /// A prepared statement is bound and stepped per row and each batch commits with the same WAL sync as the ledger, so
    /// this is what the file can absorb of rows this size; the ledger writes more per leaf (the record index and about 60
    /// bytes of tiles), so it cannot reach this bound, and the ratio says how close it gets.
    /// </remarks>
    public static double SqliteInsertRowsPerSecond(string folder, int batch, TimeSpan duration)
    {
        var path = Path.Combine(folder, "bound-insert.db");
        try
        {
            using var connection = LedgerSchema.Open(path);
            using (var create = connection.CreateCommand())
            {
                create.CommandText = "CREATE TABLE rows (leaf_index INTEGER PRIMARY KEY, record_kind TEXT NOT NULL, record_id TEXT NOT NULL, salt BLOB, commitment BLOB NOT NULL)";
                create.ExecuteNonQuery();
            }
            var salt = RandomNumberGenerator.GetBytes(32);
            var commitment = RandomNumberGenerator.GetBytes(32);
            long rows = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < duration)
            {
                using var transaction = connection.BeginTransaction();
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO rows VALUES ($i, $kind, $id, $salt, $commitment)";
                var index = insert.Parameters.Add("$i", SqliteType.Integer);
                insert.Parameters.AddWithValue("$kind", "message");
                var id = insert.Parameters.Add("$id", SqliteType.Text);
                insert.Parameters.AddWithValue("$salt", salt);
                insert.Parameters.AddWithValue("$commitment", commitment);
                insert.Prepare();
                for (var i = 0; i < batch; i++, rows++)
                {
                    index.Value = rows;
                    id.Value = rows.ToString(CultureInfo.InvariantCulture);
                    insert.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            return rows / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Microseconds to read, from the ledger file, every stored node an inclusion proof of each leaf needs, with nothing else and nothing kept between proofs: one prepared primary-key lookup per tile row that holds some of its nodes, stepped through SQLite's own API, each node's 32 bytes copied out, the rows planned before the clock starts.</summary>
    /// <remarks>The ledger keeps its nodes in rows of up to 30 hashes (levels 4s..4s+3 of a 16-wide subtree), so a proof at 10 M leaves touches 6 rows instead of 24 node rows.</remarks>
    public static double ProofNodeReadMicroseconds(string databasePath, long size, IReadOnlyList<long> indexes)
    {
        var plans = new (long Tile, int Offset)[indexes.Count][];
        for (var i = 0; i < indexes.Count; i++)
        {
            plans[i] = [.. TreeShape.Inclusion(indexes[i], size).SelectMany(entry => entry)
                .Select(node => (NodeTiles.TileKey(node), NodeTiles.ByteOffset(node)))
                .OrderBy(node => node.Item1)];
        }
        using var connection = LedgerSchema.Open(databasePath);
        // Stepped through SQLite's own API, as the ledger's proof reader does, so that the bound is the rows and not a wrapper.
        if (raw.sqlite3_prepare_v2(connection.Handle, "SELECT hashes FROM ledger_tiles WHERE id = ?1", out var read) != raw.SQLITE_OK)
        {
            throw new InvalidOperationException("cannot prepare the tile lookup: " + raw.sqlite3_errmsg(connection.Handle).utf8_to_string());
        }
        using var statement = read;
        var hash = new byte[MerkleHash.Size];
        long bytes = 0;
        void ReadAll(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var plan = plans[i];
                for (var j = 0; j < plan.Length;)
                {
                    var tile = plan[j].Tile;
                    raw.sqlite3_bind_int64(statement, 1, tile);
                    if (raw.sqlite3_step(statement) != raw.SQLITE_ROW)
                    {
                        throw new InvalidOperationException($"ledger_tiles lacks tile {tile}");
                    }
                    var row = raw.sqlite3_column_blob(statement, 0);
                    for (; j < plan.Length && plan[j].Tile == tile; j++)
                    {
                        row.Slice(plan[j].Offset, MerkleHash.Size).CopyTo(hash);
                        bytes += MerkleHash.Size;
                    }
                    raw.sqlite3_reset(statement);
                }
            }
        }
        var microseconds = SecondPassMicroseconds(plans.Length, () => ReadAll(plans.Length));
        if (bytes == 0)
        {
            throw new InvalidOperationException("no proof nodes were read");
        }
        return microseconds;
    }

    /// <summary>Microseconds to read, from the ledger file, the one tile row of each proof that a proof reader does not keep in memory: the row of the leaf's own 16-leaf tile, by the same prepared lookup, its 32-byte hashes copied out.</summary>
    /// <remarks>
    /// A reader that serves many proofs keeps the tiles above level 4 in memory, so this one row read, a read
    /// transaction of its own, is what is left of a proof's storage work: the floor under its time.
    /// </remarks>
    public static double ProofLeafTileReadMicroseconds(string databasePath, IReadOnlyList<long> indexes)
    {
        using var connection = LedgerSchema.Open(databasePath);
        if (raw.sqlite3_prepare_v2(connection.Handle, "SELECT hashes FROM ledger_tiles WHERE id = ?1", out var read) != raw.SQLITE_OK)
        {
            throw new InvalidOperationException("cannot prepare the tile lookup: " + raw.sqlite3_errmsg(connection.Handle).utf8_to_string());
        }
        using var statement = read;
        var row = new byte[NodeTiles.FullBytes];
        long bytes = 0;
        void ReadAll(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var tile = NodeTiles.TileKey(new NodeId(0, indexes[i]));
                raw.sqlite3_bind_int64(statement, 1, tile);
                if (raw.sqlite3_step(statement) != raw.SQLITE_ROW)
                {
                    throw new InvalidOperationException($"ledger_tiles lacks tile {tile}");
                }
                var blob = raw.sqlite3_column_blob(statement, 0);
                blob.CopyTo(row);
                bytes += blob.Length;
                raw.sqlite3_reset(statement);
            }
        }
        var microseconds = SecondPassMicroseconds(indexes.Count, () => ReadAll(indexes.Count));
        if (bytes == 0)
        {
            throw new InvalidOperationException("no tile rows were read");
        }
        return microseconds;
    }

    /// <summary>Runs a pass untimed, then times a second one: microseconds per item of the second.</summary>
    /// <remarks>The first pass touches every page, as the proofs get one (see LedgerBenchCommand.MeasureProofs), so a bound and the proofs it is compared with both read warm pages.</remarks>
    private static double SecondPassMicroseconds(int items, Action pass)
    {
        pass();
        var watch = Stopwatch.StartNew();
        pass();
        return watch.Elapsed.TotalMicroseconds / items;
    }
}
