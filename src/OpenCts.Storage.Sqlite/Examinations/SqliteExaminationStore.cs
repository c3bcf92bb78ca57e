using System.Globalization;
using System.Text;
using OpenCts.Domain.Examinations;
using OpenCts.Storage.Examinations;

namespace OpenCts.Storage.Sqlite.Examinations;

/// <summary>Examination results.</summary>
internal sealed class SqliteExaminationStore(SqliteStore store) : IExaminationStore
{
    private readonly SqliteStore _store = store;

    public Task RecordAsync(IReadOnlyList<ExaminationResult> results, CancellationToken cancellationToken) =>
        _store.WriteAsync((work, transaction) => Record(work, transaction, results, cancellationToken), cancellationToken);

    private async ValueTask<int> Record(UnitOfWork work, Microsoft.Data.Sqlite.SqliteTransaction transaction, IReadOnlyList<ExaminationResult> results, CancellationToken cancellationToken)
    {
        foreach (var result in results)
        {
            using var command = _store.Command(
                "INSERT INTO examinations (document_key, outcome, amount_recovered, examined_at, notes, recorded_at, finding, currency, quantity) VALUES ($k, $o, $a, $e, $n, $r, $f, $c, $q) RETURNING id", transaction);
            var examinedAt = result.ExaminedAt.ToString("O", CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue("$k", result.DocumentKey);
            command.Parameters.AddWithValue("$o", result.Outcome.ToString());
            command.Parameters.AddWithValue("$a", (double)result.AmountRecovered);
            command.Parameters.AddWithValue("$e", examinedAt);
            command.Parameters.AddWithValue("$n", (object?)result.Notes ?? DBNull.Value);
            command.Parameters.AddWithValue("$r", _store.Now());
            command.Parameters.AddWithValue("$f", (object?)result.Finding ?? DBNull.Value);
            command.Parameters.AddWithValue("$c", (object?)result.Currency ?? DBNull.Value);
            command.Parameters.AddWithValue("$q", result.Quantity is { } quantity ? (double)quantity : DBNull.Value);
            var id = (long)command.ExecuteScalar()!;
            await _store.JournalAsync(work, RecordKinds.Examination, id, ReadCanonical(id, transaction)!, cancellationToken).ConfigureAwait(false);
        }
        return results.Count;
    }

    /// <summary>The canonical bytes of a recorded result, as the ledger commits to them; null if it is gone.</summary>
    internal byte[]? ReadCanonical(long id, Microsoft.Data.Sqlite.SqliteTransaction? transaction = null)
    {
        using var command = _store.Command("SELECT document_key, outcome, amount_recovered, examined_at, notes, recorded_at, finding, currency, quantity FROM examinations WHERE id = $id", transaction);
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        return CanonicalForm.Examination(
            id,
            reader.GetString(0),
            reader.GetString(1),
            reader.GetDouble(2),
            reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            reader.IsDBNull(8) ? null : reader.GetDouble(8));
    }

    /// <summary>Every recorded result, oldest first.</summary>
    public Task<IReadOnlyList<ExaminationResult>> AllAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command("SELECT document_key, outcome, amount_recovered, examined_at, notes, finding, currency, quantity FROM examinations ORDER BY id");
        using var reader = command.ExecuteReader();
        var result = new List<ExaminationResult>();
        while (reader.Read())
        {
            result.Add(new ExaminationResult(
                reader.GetString(0),
                Enum.Parse<ExaminationOutcome>(reader.GetString(1)),
                (decimal)reader.GetDouble(2),
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : (decimal)reader.GetDouble(7)));
        }
        return Task.FromResult<IReadOnlyList<ExaminationResult>>(result);
    }
}
