using System.Globalization;
using Microsoft.Data.Sqlite;
using OpenCts.Domain.Examinations;
using OpenCts.Storage.Examinations;

namespace OpenCts.Storage.Sqlite.Examinations;

/// <summary>Examination results.</summary>
internal sealed class SqliteExaminationStore(SqliteStore store) : IExaminationStore
{
    private readonly SqliteStore _store = store;

    public Task RecordAsync(IReadOnlyList<ExaminationResult> results, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (work, transaction) =>
        {
            foreach (var result in results)
            {
                await InsertAsync(work, transaction, result, null, null, cancellationToken).ConfigureAwait(false);
            }
            return results.Count;
        }, cancellationToken);

    public Task<IReadOnlyList<RecordedExamination>> RecordOnceAsync(IReadOnlyList<KeyedExamination> results, CancellationToken cancellationToken) =>
        _store.WriteAsync<IReadOnlyList<RecordedExamination>>(async (work, transaction) =>
        {
            // The one writer runs this body alone, so the look-up and the insert below see the same rows; the unique index
            // on client_key is what would refuse a second row if that ever stopped being so.
            var recorded = new List<RecordedExamination>(results.Count);
            foreach (var keyed in results)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (FindByKey(keyed.Key, transaction) is { } stored)
                {
                    ExaminationKeys.ThrowIfOther(keyed.Key, stored.Fingerprint, stored.Result.DocumentKey, keyed.Fingerprint);
                    recorded.Add(new RecordedExamination(stored.Result, AlreadyRecorded: true));
                    continue;
                }
                var id = await InsertAsync(work, transaction, keyed.Result, keyed.Key, keyed.Fingerprint, cancellationToken).ConfigureAwait(false);
                recorded.Add(new RecordedExamination(Read($"{Columns} FROM examinations WHERE id = $id", transaction, ("$id", id))[0], AlreadyRecorded: false));
            }
            return recorded;
        }, cancellationToken);

    private async ValueTask<long> InsertAsync(UnitOfWork work, SqliteTransaction transaction, ExaminationResult result, string? key, string? fingerprint, CancellationToken cancellationToken)
    {
        using var command = _store.Command(
            "INSERT INTO examinations (document_key, outcome, amount_recovered, examined_at, notes, recorded_at, finding, currency, quantity, client_key, client_fingerprint) VALUES ($k, $o, $a, $e, $n, $r, $f, $c, $q, $ck, $cf) RETURNING id", transaction);
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
        command.Parameters.AddWithValue("$ck", (object?)key ?? DBNull.Value);
        command.Parameters.AddWithValue("$cf", (object?)fingerprint ?? DBNull.Value);
        var id = (long)command.ExecuteScalar()!;
        await _store.JournalAsync(work, RecordKinds.Examination, id, ReadCanonical(id, transaction)!, cancellationToken).ConfigureAwait(false);
        return id;
    }

    private (ExaminationResult Result, string Fingerprint)? FindByKey(string key, SqliteTransaction transaction)
    {
        using var command = _store.Command($"{Columns}, client_fingerprint FROM examinations WHERE client_key = $key", transaction);
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (ResultOf(reader), reader.GetString(8)) : null;
    }

    /// <summary>The canonical bytes of a recorded result, as the ledger commits to them; null if it is gone.</summary>
    internal byte[]? ReadCanonical(long id, SqliteTransaction? transaction = null)
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
        return Task.FromResult<IReadOnlyList<ExaminationResult>>(Read($"{Columns} FROM examinations ORDER BY id", null));
    }

    public Task<IReadOnlyList<ExaminationResult>> OfAsync(string documentKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<ExaminationResult>>(Read($"{Columns} FROM examinations WHERE document_key = $d ORDER BY id", null, ("$d", documentKey)));
    }

    /// <summary>The columns a result is read from, in the order <see cref="ResultOf"/> reads them.</summary>
    private const string Columns = "SELECT document_key, outcome, amount_recovered, examined_at, notes, finding, currency, quantity";

    private List<ExaminationResult> Read(string sql, SqliteTransaction? transaction, params (string Name, object Value)[] parameters)
    {
        using var command = _store.Command(sql, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        using var reader = command.ExecuteReader();
        var result = new List<ExaminationResult>();
        while (reader.Read())
        {
            result.Add(ResultOf(reader));
        }
        return result;
    }

    private static ExaminationResult ResultOf(SqliteDataReader reader) => new(
        reader.GetString(0),
        Enum.Parse<ExaminationOutcome>(reader.GetString(1)),
        (decimal)reader.GetDouble(2),
        DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : (decimal)reader.GetDouble(7));
}
