using Npgsql;
using OpenCts.Domain.Decisions;
using OpenCts.Storage.Postgres.Decisions;
using OpenCts.Storage.Referrals;

namespace OpenCts.Storage.Postgres.Referrals;

/// <summary>Referrals, each written with its decision and its webhook delivery in one unit of work; answers are rows of their own.</summary>
internal sealed class PostgresReferralStore(PostgresStore store, PostgresDecisionStore decisions) : IReferralStore
{
    private readonly PostgresStore _store = store;

    public Task<Referral> RecordAsync(Decision decision, string filer, Func<Referral, byte[]>? webhook, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            var decisionId = await decisions.RecordAsync(work, decision, cancellationToken).ConfigureAwait(false);
            var at = PostgresText.Of(decision.DecidedAt);
            var id = (long)(await _store.ScalarAsync(
                "INSERT INTO referrals (document_key, decision_id, action, comment, filer, referred_at) VALUES (@k, @d, @a, @c, @f, @at) RETURNING id", work, cancellationToken,
                ("k", decision.DocumentKey), ("d", decisionId), ("a", decision.Action), ("c", decision.Comment), ("f", filer), ("at", at)).ConfigureAwait(false))!;
            await _store.JournalAsync(work, RecordKinds.Referral, id, (await ReadCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            var referral = new Referral(id, decision.DocumentKey, decisionId, decision.Action, decision.Comment, filer, decision.DecidedAt);
            if (webhook is not null)
            {
                await _store.ExecuteAsync(
                    "INSERT INTO webhook_deliveries (referral_id, owner, body, created_at, attempts, status, next_attempt_at) VALUES (@r, @o, @b, @at, 0, 'pending', @at)", work, cancellationToken,
                    ("r", id), ("o", filer), ("b", webhook(referral)), ("at", at)).ConfigureAwait(false);
            }
            return referral;
        }, cancellationToken);

    internal Task<byte[]?> ReadCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken) =>
        _store.CanonicalRowAsync("SELECT document_key, decision_id, action, comment, filer, referred_at FROM referrals WHERE id = @id", id, work, cancellationToken);

    internal Task<byte[]?> ReadAnswerCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken) =>
        _store.CanonicalRowAsync("SELECT referral_id, raw_message_id, answered_at FROM referral_answers WHERE id = @id", id, work, cancellationToken);

    public async Task<IReadOnlyList<Referral>> OfDocumentsAsync(IReadOnlyCollection<string> documentKeys, CancellationToken cancellationToken) =>
        await _store.ListAsync(
            """
            SELECT r.id, r.document_key, r.decision_id, r.action, r.comment, r.filer, r.referred_at, a.answered_at, a.raw_message_id
            FROM referrals r LEFT JOIN referral_answers a ON a.referral_id = r.id
            WHERE r.document_key = ANY(@keys) ORDER BY r.id
            """,
            ReadReferral, null, cancellationToken, ("keys", documentKeys.Distinct(StringComparer.Ordinal).ToArray())).ConfigureAwait(false);

    public Task<bool> AnswerAsync(long referralId, long rawMessageId, DateTimeOffset at, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            if (await _store.ScalarAsync(
                "INSERT INTO referral_answers (referral_id, raw_message_id, answered_at) VALUES (@r, @m, @at) ON CONFLICT (referral_id) DO NOTHING RETURNING id", work, cancellationToken,
                ("r", referralId), ("m", rawMessageId), ("at", PostgresText.Of(at))).ConfigureAwait(false) is not long id)
            {
                return false;
            }
            await _store.JournalAsync(work, RecordKinds.ReferralAnswer, id, (await ReadAnswerCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private static Referral ReadReferral(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5),
        PostgresText.At(r.GetString(6)), r.IsDBNull(7) ? null : PostgresText.At(r.GetString(7)), r.IsDBNull(8) ? null : r.GetInt64(8));
}
