using Microsoft.Data.Sqlite;
using OpenCts.Storage.Consignments;
using OpenCts.Storage.Sqlite.Messages;

namespace OpenCts.Storage.Sqlite.Schema;

/// <summary>Places the versions stored before the worklist step: reads each body once (it may be packed) and fills its place columns.</summary>
/// <remarks>
/// A migration step is SQL and cannot unpack a Brotli body, so this runs in code when the store opens. Each batch is one
/// transaction that sets <c>placed</c>, so an interrupted run resumes where it stopped; a store with nothing to place pays one
/// indexed look-up.
/// </remarks>
internal static class PlaceBackfill
{
    private const int BatchSize = 2048;

    /// <param name="connection">The store's connection.</param>
    /// <param name="bodies">The store's dictionaries for consignment bodies, as they are when it opens.</param>
    public static void Run(SqliteConnection connection, PackingDictionaries bodies)
    {
        while (true)
        {
            using var transaction = connection.BeginTransaction();
            var rows = new List<(long Id, ConsignmentPlace Place)>(BatchSize);
            using (var select = connection.CreateCommand())
            {
                select.Transaction = transaction;
                select.CommandText = "SELECT id, body FROM consignment_versions WHERE placed = 0 ORDER BY id LIMIT $n";
                select.Parameters.AddWithValue("$n", BatchSize);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    rows.Add((reader.GetInt64(0), PlaceOf(reader.GetFieldValue<byte[]>(1), bodies)));
                }
            }
            if (rows.Count == 0)
            {
                return;
            }
            using (var update = connection.CreateCommand())
            {
                update.Transaction = transaction;
                update.CommandText = "UPDATE consignment_versions SET discharge = $d, arrival_ticks = $t, arrival_offset = $o, placed = 1 WHERE id = $id";
                var id = update.Parameters.Add("$id", SqliteType.Integer);
                var discharge = update.Parameters.Add("$d", SqliteType.Text);
                var offset = update.Parameters.Add("$o", SqliteType.Integer);
                var ticks = update.Parameters.Add("$t", SqliteType.Integer);
                foreach (var (rowId, place) in rows)
                {
                    id.Value = rowId;
                    discharge.Value = (object?)place.Discharge ?? DBNull.Value;
                    offset.Value = (object?)place.ArrivalOffset ?? DBNull.Value;
                    ticks.Value = (object?)place.ArrivalTicks ?? DBNull.Value;
                    update.ExecuteNonQuery();
                }
            }
            transaction.Commit();
        }
    }

    /// <summary>The place of a kept body; a body that cannot be read has none, and the ledger audit reports it, not the store's opening.</summary>
    private static ConsignmentPlace PlaceOf(byte[] kept, PackingDictionaries bodies)
    {
        try
        {
            // A JSON body is read for its two properties alone, as before; a binary one is quick to read whole.
            return Packing.IsBinary(kept) ? ConsignmentPlace.Of(Packing.ReadBody(kept, bodies)) : ConsignmentPlace.OfBody(Packing.JsonOf(kept));
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
        {
            return new ConsignmentPlace(null, null, null);
        }
    }
}
