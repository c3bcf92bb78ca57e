using System.Globalization;
using OpenCts.Storage.Audit;

namespace OpenCts.Storage.Postgres.Audit;

/// <summary>The audit log, one journaled row per action.</summary>
internal sealed class PostgresAuditLog(PostgresStore store) : IAuditLog
{
    private readonly PostgresStore _store = store;

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        _store.WriteAsync(work => AppendAsync(work, entry, cancellationToken), cancellationToken);

    public Task GrantUnmaskAsync(StoredUnmaskGrant grant, AuditEntry entry, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            var id = await AppendAsync(work, entry, cancellationToken).ConfigureAwait(false);
            await _store.ExecuteAsync("DELETE FROM unmask_grants WHERE until_at <= @now", work, cancellationToken, ("now", PostgresText.Of(grant.GrantedAt))).ConfigureAwait(false);
            await _store.ExecuteAsync(
                "INSERT INTO unmask_grants (user_name, document_key, reason, granted_at, until_at) VALUES (@u, @d, @r, @at, @until)", work, cancellationToken,
                ("u", grant.User), ("d", grant.Document), ("r", grant.Reason), ("at", PostgresText.Of(grant.GrantedAt)), ("until", PostgresText.Of(grant.Until))).ConfigureAwait(false);
            return id;
        }, cancellationToken);

    public async Task<IReadOnlyList<StoredUnmaskGrant>> UnmaskGrantsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await _store.ListAsync(
            "SELECT user_name, document_key, reason, granted_at, until_at FROM unmask_grants WHERE until_at > @now ORDER BY id",
            r => new StoredUnmaskGrant(r.GetString(0), r.GetString(1), r.GetString(2), PostgresText.At(r.GetString(3)), PostgresText.At(r.GetString(4))),
            null, cancellationToken, ("now", PostgresText.Of(now))).ConfigureAwait(false);

    /// <summary>Appends and journals an entry inside a write of another store's (a message's, so that both commit at once).</summary>
    internal async ValueTask<long> AppendAsync(UnitOfWork work, AuditEntry entry, CancellationToken cancellationToken)
    {
        var at = entry.At.ToString("O", CultureInfo.InvariantCulture);
        var id = (long)(await _store.ScalarAsync(
            "INSERT INTO audit_log (actor, action, target, outcome, at) VALUES (@by, @a, @t, @o, @at) RETURNING id", work, cancellationToken,
            ("by", entry.Actor), ("a", entry.Action), ("t", entry.Target), ("o", entry.Outcome), ("at", at)).ConfigureAwait(false))!;
        // The row's canonical bytes made from the values just written, as ReadCanonicalAsync makes them from the row.
        var canonical = CanonicalForm.Row(id, [entry.Actor, entry.Action, entry.Target, entry.Outcome, at]);
        await _store.JournalAsync(work, RecordKinds.Audit, id, canonical, cancellationToken).ConfigureAwait(false);
        return id;
    }

    internal Task<byte[]?> ReadCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken) =>
        _store.CanonicalRowAsync("SELECT actor, action, target, outcome, at FROM audit_log WHERE id = @id", id, work, cancellationToken);

    public async Task<IReadOnlyList<AuditEntry>> LatestAsync(int limit, CancellationToken cancellationToken) =>
        await _store.ListAsync(
            "SELECT actor, action, target, outcome, at FROM audit_log ORDER BY id DESC LIMIT @n",
            r => new AuditEntry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture)),
            null, cancellationToken, ("n", limit)).ConfigureAwait(false);
}
