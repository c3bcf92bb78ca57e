using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using OpenCts.Storage.Audit;
using OpenCts.Storage.Sqlite.Referrals;

namespace OpenCts.Storage.Sqlite.Audit;

/// <summary>The audit log, one journaled row per action.</summary>
internal sealed class SqliteAuditLog(SqliteStore store) : IAuditLog
{
    private readonly SqliteStore _store = store;

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        _store.WriteAsync((work, transaction) => Append(work, transaction, entry, cancellationToken), cancellationToken);

    /// <summary>Appends and journals an entry inside a write of another store's (a message's, so that both commit at once).</summary>
    internal async ValueTask<long> Append(UnitOfWork work, SqliteTransaction transaction, AuditEntry entry, CancellationToken cancellationToken)
    {
        using var command = _store.Command("INSERT INTO audit_log (actor, action, target, outcome, at) VALUES ($by, $a, $t, $o, $at) RETURNING id", transaction);
        command.Parameters.AddWithValue("$by", entry.Actor);
        command.Parameters.AddWithValue("$a", entry.Action);
        command.Parameters.AddWithValue("$t", entry.Target);
        command.Parameters.AddWithValue("$o", entry.Outcome);
        command.Parameters.AddWithValue("$at", entry.At.ToString("O", CultureInfo.InvariantCulture));
        var id = (long)command.ExecuteScalar()!;
        await _store.JournalAsync(work, RecordKinds.Audit, id, ReadCanonical(id, transaction)!, cancellationToken).ConfigureAwait(false);
        return id;
    }

    public Task GrantUnmaskAsync(StoredUnmaskGrant grant, AuditEntry entry, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (work, transaction) =>
        {
            var id = await Append(work, transaction, entry, cancellationToken).ConfigureAwait(false);
            using (var expired = _store.Command("DELETE FROM unmask_grants WHERE until_at <= $now", transaction))
            {
                expired.Parameters.AddWithValue("$now", SqliteText.Of(grant.GrantedAt));
                expired.ExecuteNonQuery();
            }
            using var insert = _store.Command(
                "INSERT INTO unmask_grants (user_name, document_key, reason, granted_at, until_at) VALUES ($u, $d, $r, $at, $until)", transaction);
            insert.Parameters.AddWithValue("$u", grant.User);
            insert.Parameters.AddWithValue("$d", grant.Document);
            insert.Parameters.AddWithValue("$r", grant.Reason);
            insert.Parameters.AddWithValue("$at", SqliteText.Of(grant.GrantedAt));
            insert.Parameters.AddWithValue("$until", SqliteText.Of(grant.Until));
            insert.ExecuteNonQuery();
            return id;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredUnmaskGrant>> UnmaskGrantsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command("SELECT user_name, document_key, reason, granted_at, until_at FROM unmask_grants WHERE until_at > $now ORDER BY id");
        command.Parameters.AddWithValue("$now", SqliteText.Of(now));
        using var reader = command.ExecuteReader();
        var result = new List<StoredUnmaskGrant>();
        while (reader.Read())
        {
            result.Add(new StoredUnmaskGrant(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture), DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        }
        return Task.FromResult<IReadOnlyList<StoredUnmaskGrant>>(result);
    }

    internal byte[]? ReadCanonical(long id, SqliteTransaction? transaction = null) =>
        _store.CanonicalRow("SELECT actor, action, target, outcome, at FROM audit_log WHERE id = $id", id, transaction);

    public Task<IReadOnlyList<AuditEntry>> LatestAsync(int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command("SELECT actor, action, target, outcome, at FROM audit_log ORDER BY id DESC LIMIT $n");
        command.Parameters.AddWithValue("$n", limit);
        using var reader = command.ExecuteReader();
        var result = new List<AuditEntry>();
        while (reader.Read())
        {
            result.Add(new AuditEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        }
        return Task.FromResult<IReadOnlyList<AuditEntry>>(result);
    }
}
