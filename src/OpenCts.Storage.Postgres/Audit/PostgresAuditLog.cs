using System.Globalization;
using OpenCts.Storage.Audit;

namespace OpenCts.Storage.Postgres.Audit;

/// <summary>The audit log, one journaled row per action.</summary>
internal sealed class PostgresAuditLog(PostgresStore store) : IAuditLog
{
    private readonly PostgresStore _store = store;

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            var id = (long)(await _store.ScalarAsync(
                "INSERT INTO audit_log (actor, action, target, outcome, at) VALUES (@by, @a, @t, @o, @at) RETURNING id", work, cancellationToken,
                ("by", entry.Actor), ("a", entry.Action), ("t", entry.Target), ("o", entry.Outcome), ("at", entry.At.ToString("O", CultureInfo.InvariantCulture))).ConfigureAwait(false))!;
            await _store.JournalAsync(work, RecordKinds.Audit, id, (await ReadCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            return id;
        }, cancellationToken);

    internal Task<byte[]?> ReadCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken) =>
        _store.CanonicalRowAsync("SELECT actor, action, target, outcome, at FROM audit_log WHERE id = @id", id, work, cancellationToken);

    public async Task<IReadOnlyList<AuditEntry>> LatestAsync(int limit, CancellationToken cancellationToken) =>
        await _store.ListAsync(
            "SELECT actor, action, target, outcome, at FROM audit_log ORDER BY id DESC LIMIT @n",
            r => new AuditEntry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture)),
            null, cancellationToken, ("n", limit)).ConfigureAwait(false);
}
