using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Merkle;
using SQLitePCL;

namespace OpenCts.Ledger.Storage;

/// <summary>The full tiles of one stratum and up kept in memory for a reader that serves many proofs: per stratum, the leading run of full tiles back to back in one array.</summary>
/// <remarks>
/// Each proof read from SQLite is its own read transaction, and on this kind of machine starting one costs more than
/// everything else in a proof (two lock calls and a size check, about 18 µs against 1.5 µs for the row). Kept in
/// memory from stratum 1 (levels 4 and up, 30 hashes per 256 leaves, 37.5 MB at 10 M leaves), a proof reads only its
/// lowest tile. A full tile never changes, so what is held stays right while the tree grows; the tree's full tiles
/// appended later are added as proofs read them, as long as they continue the run. Strata are loaded top down and
/// each only while the byte budget lasts, so a tree too large to hold keeps its top whole and a prefix of the rest.
/// </remarks>
internal sealed class UpperTiles
{
    private const int Strata = 16;
    private readonly byte[][] _rows = new byte[Strata][];
    private readonly long[] _counts = new long[Strata];
    private readonly long _budget;
    private long _bytes;

    public UpperTiles(long budgetBytes) => _budget = budgetBytes;

    /// <summary>The lowest stratum loaded so far, or <see cref="int.MaxValue"/> before any.</summary>
    public int LowestLoaded { get; private set; } = int.MaxValue;

    /// <summary>Bytes of tiles held.</summary>
    public long Bytes => _bytes;

    /// <summary>Full tiles held for <paramref name="stratum"/>, all of them from tile 0.</summary>
    public long Count(int stratum) => _counts[stratum];

    /// <summary>The row of the full tile <paramref name="tile"/> of <paramref name="stratum"/> if it is held, else an empty span.</summary>
    public ReadOnlySpan<byte> Row(int stratum, long tile) =>
        stratum < Strata && tile < _counts[stratum] ? _rows[stratum].AsSpan((int)(tile * NodeTiles.FullBytes), NodeTiles.FullBytes) : default;

    /// <summary>Reads every stratum from <paramref name="lowest"/> up that is not loaded yet, highest first, in one ordered scan each; <paramref name="treeSize"/> sizes the arrays.</summary>
    public void Load(SqliteConnection connection, int lowest, long treeSize)
    {
        if (lowest >= LowestLoaded)
        {
            return;
        }
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, "SELECT id, hashes FROM ledger_tiles WHERE id >= ?1 AND id < ?2 ORDER BY id", out var prepared));
        using var scan = prepared;
        for (var stratum = Math.Min(LowestLoaded, Strata) - 1; stratum >= lowest; stratum--)
        {
            Reserve(stratum, treeSize >> (NodeTiles.Height * (stratum + 1)));
            Check(db, raw.sqlite3_bind_int64(scan, 1, new NodeId(stratum, _counts[stratum]).Key));
            Check(db, raw.sqlite3_bind_int64(scan, 2, new NodeId(stratum + 1, 0).Key));
            try
            {
                int step;
                while ((step = raw.sqlite3_step(scan)) == raw.SQLITE_ROW)
                {
                    if (!Add(stratum, NodeId.FromKey(raw.sqlite3_column_int64(scan, 0)).Index, raw.sqlite3_column_blob(scan, 1)))
                    {
                        break;
                    }
                }
                if (step is not raw.SQLITE_ROW and not raw.SQLITE_DONE)
                {
                    Check(db, step);
                }
            }
            finally
            {
                raw.sqlite3_reset(scan);
            }
        }
        LowestLoaded = Math.Min(LowestLoaded, lowest);
    }

    /// <summary>Keeps <paramref name="row"/> if it is the full tile that continues the stratum's run and the budget allows; returns whether it was kept.</summary>
    public bool Add(int stratum, long tile, ReadOnlySpan<byte> row)
    {
        if (stratum is < 1 or >= Strata || tile != _counts[stratum] || row.Length != NodeTiles.FullBytes || _bytes + row.Length > _budget)
        {
            return false;
        }
        var end = (int)(tile * NodeTiles.FullBytes);
        if (_rows[stratum] is not { } rows || end + row.Length > rows.Length)
        {
            Reserve(stratum, Math.Max(16, 2 * tile));
            rows = _rows[stratum];
            if (end + row.Length > rows.Length)
            {
                return false;
            }
        }
        row.CopyTo(rows.AsSpan(end));
        _counts[stratum]++;
        _bytes += row.Length;
        return true;
    }

    // Makes room for `tiles` full tiles of the stratum, no more than the budget could ever fill.
    private void Reserve(int stratum, long tiles)
    {
        var held = _counts[stratum] * NodeTiles.FullBytes;
        var bytes = Math.Min(tiles * NodeTiles.FullBytes, held + _budget - _bytes);
        bytes = Math.Min(bytes, Array.MaxLength / NodeTiles.FullBytes * NodeTiles.FullBytes);
        if (bytes <= (_rows[stratum]?.Length ?? 0))
        {
            return;
        }
        var grown = new byte[bytes];
        _rows[stratum]?.AsSpan(0, (int)held).CopyTo(grown);
        _rows[stratum] = grown;
    }

    /// <summary>Forgets every tile.</summary>
    public void Clear()
    {
        Array.Clear(_rows);
        Array.Clear(_counts);
        _bytes = 0;
        LowestLoaded = int.MaxValue;
    }

    private static void Check(sqlite3 db, int code)
    {
        if (code != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite error {code} reading ledger_tiles: {raw.sqlite3_errmsg(db).utf8_to_string()}", code);
        }
    }
}
