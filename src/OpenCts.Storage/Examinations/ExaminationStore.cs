using System.Globalization;
using System.Text;
using OpenCts.Domain.Examinations;

namespace OpenCts.Storage.Examinations;

/// <summary>Examination results.</summary>
public sealed class ExaminationStore
{
    private readonly CtsStore _store;

    internal ExaminationStore(CtsStore store) => _store = store;

    public IRecordJournal? Journal { get; set; }

    /// <summary>Records a batch of results in one transaction.</summary>
    public void Record(IReadOnlyList<ExaminationResult> results)
    {
        using var transaction = _store.Connection.BeginTransaction();
        foreach (var result in results)
        {
            using var command = _store.Command(
                "INSERT INTO examinations (document_key, outcome, amount_recovered, examined_at, notes, recorded_at) VALUES ($k, $o, $a, $e, $n, $r) RETURNING id", transaction);
            var examinedAt = result.ExaminedAt.ToString("O", CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue("$k", result.DocumentKey);
            command.Parameters.AddWithValue("$o", result.Outcome.ToString());
            command.Parameters.AddWithValue("$a", (double)result.AmountRecovered);
            command.Parameters.AddWithValue("$e", examinedAt);
            command.Parameters.AddWithValue("$n", (object?)result.Notes ?? DBNull.Value);
            command.Parameters.AddWithValue("$r", _store.Now());
            var id = (long)command.ExecuteScalar()!;
            Journal?.Record(transaction, RecordKinds.Examination, id.ToString(CultureInfo.InvariantCulture), ReadCanonical(id, transaction)!);
        }
        transaction.Commit();
    }

    /// <summary>The canonical bytes of a recorded result, as the ledger commits to them; null if it is gone.</summary>
    public byte[]? ReadCanonical(long id, Microsoft.Data.Sqlite.SqliteTransaction? transaction = null)
    {
        using var command = _store.Command("SELECT document_key, outcome, amount_recovered, examined_at, notes, recorded_at FROM examinations WHERE id = $id", transaction);
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        return Encoding.UTF8.GetBytes(string.Join('\n', id, reader.GetString(0), reader.GetString(1), reader.GetDouble(2).ToString("R", CultureInfo.InvariantCulture), reader.GetString(3), reader.IsDBNull(4) ? "" : reader.GetString(4), reader.GetString(5)));
    }

    /// <summary>Every recorded result, oldest first.</summary>
    public IReadOnlyList<ExaminationResult> All()
    {
        using var command = _store.Command("SELECT document_key, outcome, amount_recovered, examined_at, notes FROM examinations ORDER BY id");
        using var reader = command.ExecuteReader();
        var result = new List<ExaminationResult>();
        while (reader.Read())
        {
            result.Add(new ExaminationResult(
                reader.GetString(0),
                Enum.Parse<ExaminationOutcome>(reader.GetString(1)),
                (decimal)reader.GetDouble(2),
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return result;
    }
}
