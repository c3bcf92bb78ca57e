using System.Globalization;
using OpenCts.Domain.Examinations;
using OpenCts.Storage.Examinations;

namespace OpenCts.Storage.Postgres.Examinations;

/// <summary>Examination results.</summary>
internal sealed class PostgresExaminationStore(PostgresStore store) : IExaminationStore
{
    private readonly PostgresStore _store = store;

    public Task RecordAsync(IReadOnlyList<ExaminationResult> results, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            foreach (var result in results)
            {
                var id = (long)(await _store.ScalarAsync(
                    "INSERT INTO examinations (document_key, outcome, amount_recovered, examined_at, notes, recorded_at, finding, currency, quantity) VALUES (@k, @o, @a, @e, @n, @r, @f, @c, @q) RETURNING id",
                    work, cancellationToken,
                    ("k", result.DocumentKey),
                    ("o", result.Outcome.ToString()),
                    ("a", (double)result.AmountRecovered),
                    ("e", result.ExaminedAt.ToString("O", CultureInfo.InvariantCulture)),
                    ("n", result.Notes),
                    ("r", _store.Now()),
                    ("f", result.Finding),
                    ("c", result.Currency),
                    ("q", result.Quantity is { } quantity ? (double)quantity : null)).ConfigureAwait(false))!;
                await _store.JournalAsync(work, RecordKinds.Examination, id, (await ReadCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            }
            return results.Count;
        }, cancellationToken);

    /// <summary>The canonical bytes of a recorded result, as the ledger commits to them; null if it is gone.</summary>
    internal async Task<byte[]?> ReadCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync(
            "SELECT document_key, outcome, amount_recovered, examined_at, notes, recorded_at, finding, currency, quantity FROM examinations WHERE id = @id",
            r => CanonicalForm.Examination(
                id,
                r.GetString(0),
                r.GetString(1),
                r.GetDouble(2),
                r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4),
                r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7),
                r.IsDBNull(8) ? null : r.GetDouble(8)),
            work, cancellationToken, ("id", id)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<ExaminationResult>> AllAsync(CancellationToken cancellationToken) =>
        await _store.ListAsync(
            "SELECT document_key, outcome, amount_recovered, examined_at, notes, finding, currency, quantity FROM examinations ORDER BY id",
            r => new ExaminationResult(
                r.GetString(0),
                Enum.Parse<ExaminationOutcome>(r.GetString(1)),
                (decimal)r.GetDouble(2),
                DateTimeOffset.Parse(r.GetString(3), CultureInfo.InvariantCulture),
                r.IsDBNull(4) ? null : r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6),
                r.IsDBNull(7) ? null : (decimal)r.GetDouble(7)),
            null, cancellationToken).ConfigureAwait(false);
}
