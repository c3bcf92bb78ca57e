using System.Globalization;
using OpenCts.Domain.Decisions;
using OpenCts.Storage.Decisions;

namespace OpenCts.Storage.Postgres.Decisions;

/// <summary>Officers' decisions, each a row of its own, journaled.</summary>
internal sealed class PostgresDecisionStore(PostgresStore store) : IDecisionStore
{
    private readonly PostgresStore _store = store;

    public Task<long> RecordAsync(Decision decision, CancellationToken cancellationToken) =>
        _store.WriteAsync(work => RecordAsync(work, decision, cancellationToken), cancellationToken);

    /// <summary>Records and journals a decision inside a unit of work that writes more with it (a referral).</summary>
    internal async ValueTask<long> RecordAsync(UnitOfWork work, Decision decision, CancellationToken cancellationToken)
    {
        var id = (long)(await _store.ScalarAsync(
            "INSERT INTO decisions (document_key, action, examination_kind, comment, actor, decided_at) VALUES (@k, @a, @e, @c, @by, @at) RETURNING id", work, cancellationToken,
            ("k", decision.DocumentKey), ("a", decision.Action), ("e", decision.ExaminationKind), ("c", decision.Comment), ("by", decision.Actor),
            ("at", decision.DecidedAt.ToString("O", CultureInfo.InvariantCulture))).ConfigureAwait(false))!;
        await _store.JournalAsync(work, RecordKinds.Decision, id, (await ReadCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
        return id;
    }

    internal Task<byte[]?> ReadCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken) =>
        _store.CanonicalRowAsync("SELECT document_key, action, examination_kind, comment, actor, decided_at FROM decisions WHERE id = @id", id, work, cancellationToken);

    public async Task<IReadOnlyList<Decision>> OfAsync(string documentKey, CancellationToken cancellationToken) =>
        await _store.ListAsync(
            "SELECT document_key, action, examination_kind, comment, actor, decided_at FROM decisions WHERE document_key = @k ORDER BY id",
            r => new Decision(
                r.GetString(0),
                r.GetString(1),
                r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3),
                r.GetString(4),
                DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture)),
            null, cancellationToken, ("k", documentKey)).ConfigureAwait(false);
}
