using System.Globalization;
using Microsoft.Data.Sqlite;
using OpenCts.Domain.Decisions;
using OpenCts.Storage.Referrals;
using OpenCts.Storage.Sqlite.Decisions;

namespace OpenCts.Storage.Sqlite.Referrals;

/// <summary>Referrals, each written with its decision and its webhook delivery in one unit of work; answers are rows of their own.</summary>
internal sealed class SqliteReferralStore(SqliteStore store, SqliteDecisionStore decisions) : IReferralStore
{
    private const string Select =
        """
        SELECT r.id, r.document_key, r.decision_id, r.action, r.comment, r.filer, r.referred_at, a.answered_at, a.raw_message_id
        FROM referrals r LEFT JOIN referral_answers a ON a.referral_id = r.id
        """;

    private readonly SqliteStore _store = store;

    public Task<Referral> RecordAsync(Decision decision, string filer, Func<Referral, byte[]>? webhook, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (work, transaction) =>
        {
            var decisionId = await decisions.Record(work, transaction, decision, cancellationToken).ConfigureAwait(false);
            using var command = _store.Command(
                "INSERT INTO referrals (document_key, decision_id, action, comment, filer, referred_at) VALUES ($k, $d, $a, $c, $f, $at) RETURNING id", transaction);
            command.Parameters.AddWithValue("$k", decision.DocumentKey);
            command.Parameters.AddWithValue("$d", decisionId);
            command.Parameters.AddWithValue("$a", decision.Action);
            command.Parameters.AddWithValue("$c", (object?)decision.Comment ?? DBNull.Value);
            command.Parameters.AddWithValue("$f", filer);
            command.Parameters.AddWithValue("$at", SqliteText.Of(decision.DecidedAt));
            var id = (long)command.ExecuteScalar()!;
            await _store.JournalAsync(work, RecordKinds.Referral, id, ReadCanonical(id, transaction)!, cancellationToken).ConfigureAwait(false);
            var referral = new Referral(id, decision.DocumentKey, decisionId, decision.Action, decision.Comment, filer, decision.DecidedAt);
            if (webhook is not null)
            {
                using var outbox = _store.Command(
                    "INSERT INTO webhook_deliveries (referral_id, owner, body, created_at, attempts, status, next_attempt_at) VALUES ($r, $o, $b, $at, 0, 'pending', $at)", transaction);
                outbox.Parameters.AddWithValue("$r", id);
                outbox.Parameters.AddWithValue("$o", filer);
                outbox.Parameters.AddWithValue("$b", webhook(referral));
                outbox.Parameters.AddWithValue("$at", SqliteText.Of(decision.DecidedAt));
                outbox.ExecuteNonQuery();
            }
            return referral;
        }, cancellationToken);

    internal byte[]? ReadCanonical(long id, SqliteTransaction? transaction = null) =>
        _store.CanonicalRow("SELECT document_key, decision_id, action, comment, filer, referred_at FROM referrals WHERE id = $id", id, transaction);

    internal byte[]? ReadAnswerCanonical(long id, SqliteTransaction? transaction = null) =>
        _store.CanonicalRow("SELECT referral_id, raw_message_id, answered_at FROM referral_answers WHERE id = $id", id, transaction);

    public Task<IReadOnlyList<Referral>> OfDocumentsAsync(IReadOnlyCollection<string> documentKeys, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (documentKeys.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<Referral>>([]);
        }
        // One statement for all the keys: the intake asks this of every message it stores, and a statement a key made
        // each key a read transaction of its own, with the file locks each takes (a twentieth of a bulk intake's time).
        using var command = _store.Command(Select + " WHERE r.document_key IN (SELECT value FROM json_each($keys)) ORDER BY r.id");
        command.Parameters.AddWithValue("$keys", System.Text.Json.JsonSerializer.Serialize(documentKeys.Distinct(StringComparer.Ordinal)));
        using var reader = command.ExecuteReader();
        var result = new List<Referral>();
        while (reader.Read())
        {
            result.Add(new Referral(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5),
                SqliteText.At(reader.GetString(6)), reader.IsDBNull(7) ? null : SqliteText.At(reader.GetString(7)), reader.IsDBNull(8) ? null : reader.GetInt64(8)));
        }
        return Task.FromResult<IReadOnlyList<Referral>>(result);
    }

    public Task<bool> AnswerAsync(long referralId, long rawMessageId, DateTimeOffset at, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (work, transaction) =>
        {
            using var command = _store.Command(
                "INSERT INTO referral_answers (referral_id, raw_message_id, answered_at) VALUES ($r, $m, $at) ON CONFLICT (referral_id) DO NOTHING RETURNING id", transaction);
            command.Parameters.AddWithValue("$r", referralId);
            command.Parameters.AddWithValue("$m", rawMessageId);
            command.Parameters.AddWithValue("$at", SqliteText.Of(at));
            if (command.ExecuteScalar() is not long id)
            {
                return false;
            }
            await _store.JournalAsync(work, RecordKinds.ReferralAnswer, id, ReadAnswerCanonical(id, transaction)!, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}

/// <summary>Instants as the store writes them: ISO 8601 in UTC, so that text order is time order.</summary>
internal static class SqliteText
{
    public static string Of(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static object OfOptional(DateTimeOffset? at) => at is { } a ? Of(a) : DBNull.Value;

    public static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
