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
                await InsertAsync(work, result, null, null, cancellationToken).ConfigureAwait(false);
            }
            return results.Count;
        }, cancellationToken);

    public Task<IReadOnlyList<RecordedExamination>> RecordOnceAsync(IReadOnlyList<KeyedExamination> results, CancellationToken cancellationToken) =>
        _store.WriteAsync<IReadOnlyList<RecordedExamination>>(async work =>
        {
            // Every writer holds the store's advisory write lock, so the look-up and the insert below see the same rows
            // (read committed reads what committed before the lock was taken); the unique index on client_key is what
            // would refuse a second row if that ever stopped being so.
            var recorded = new List<RecordedExamination>(results.Count);
            foreach (var keyed in results)
            {
                var stored = await _store.ListAsync(
                    $"{Columns}, client_fingerprint FROM examinations WHERE client_key = @key",
                    r => (Result: ResultOf(r), Fingerprint: r.GetString(8)), work, cancellationToken, ("key", keyed.Key)).ConfigureAwait(false);
                if (stored.Count > 0)
                {
                    ExaminationKeys.ThrowIfOther(keyed.Key, stored[0].Fingerprint, stored[0].Result.DocumentKey, keyed.Fingerprint);
                    recorded.Add(new RecordedExamination(stored[0].Result, AlreadyRecorded: true));
                    continue;
                }
                var id = await InsertAsync(work, keyed.Result, keyed.Key, keyed.Fingerprint, cancellationToken).ConfigureAwait(false);
                var inserted = await _store.ListAsync($"{Columns} FROM examinations WHERE id = @id", ResultOf, work, cancellationToken, ("id", id)).ConfigureAwait(false);
                recorded.Add(new RecordedExamination(inserted[0], AlreadyRecorded: false));
            }
            return recorded;
        }, cancellationToken);

    private async Task<long> InsertAsync(UnitOfWork work, ExaminationResult result, string? key, string? fingerprint, CancellationToken cancellationToken)
    {
        var id = (long)(await _store.ScalarAsync(
            "INSERT INTO examinations (document_key, outcome, amount_recovered, examined_at, notes, recorded_at, finding, currency, quantity, client_key, client_fingerprint) VALUES (@k, @o, @a, @e, @n, @r, @f, @c, @q, @ck, @cf) RETURNING id",
            work, cancellationToken,
            ("k", result.DocumentKey),
            ("o", result.Outcome.ToString()),
            ("a", (double)result.AmountRecovered),
            ("e", result.ExaminedAt.ToString("O", CultureInfo.InvariantCulture)),
            ("n", result.Notes),
            ("r", _store.Now()),
            ("f", result.Finding),
            ("c", result.Currency),
            ("q", result.Quantity is { } quantity ? (double)quantity : null),
            ("ck", key),
            ("cf", fingerprint)).ConfigureAwait(false))!;
        await _store.JournalAsync(work, RecordKinds.Examination, id, (await ReadCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
        return id;
    }

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
        await _store.ListAsync($"{Columns} FROM examinations ORDER BY id", ResultOf, null, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<ExaminationResult>> OfAsync(string documentKey, CancellationToken cancellationToken) =>
        await _store.ListAsync($"{Columns} FROM examinations WHERE document_key = @d ORDER BY id", ResultOf, null, cancellationToken, ("d", documentKey)).ConfigureAwait(false);

    /// <summary>The columns a result is read from, in the order <see cref="ResultOf"/> reads them.</summary>
    private const string Columns = "SELECT document_key, outcome, amount_recovered, examined_at, notes, finding, currency, quantity";

    private static ExaminationResult ResultOf(Npgsql.NpgsqlDataReader r) => new(
        r.GetString(0),
        Enum.Parse<ExaminationOutcome>(r.GetString(1)),
        (decimal)r.GetDouble(2),
        DateTimeOffset.Parse(r.GetString(3), CultureInfo.InvariantCulture),
        r.IsDBNull(4) ? null : r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6),
        r.IsDBNull(7) ? null : (decimal)r.GetDouble(7));
}
