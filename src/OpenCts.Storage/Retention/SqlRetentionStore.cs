using System.Data.Common;
using System.Globalization;

namespace OpenCts.Storage.Retention;

/// <summary>The purge, written once in the SQL both backends read (parameters named <c>@name</c>), over the store's and the ledger's tables.</summary>
/// <remarks>
/// Each backend hands over how it runs a unit of work and opens a reading connection; the tables and the ledger's
/// columns (<c>ledger_pending</c>, <c>ledger_leaves.salt</c>, <c>erased_at</c>) are the same in both, so the purge is too.
/// Dates are compared after parsing, not as text, so no collation can reorder them.
/// </remarks>
public sealed class SqlRetentionStore(
    Func<Func<UnitOfWork, ValueTask<PurgeOutcome>>, CancellationToken, Task<PurgeOutcome>> write,
    Func<CancellationToken, Task<DbConnection>> openReader,
    IRecordJournal journal,
    TimeProvider clock) : IRetentionStore
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // What dates each kind, and the table it lives in.
    private static readonly Dictionary<string, (string Table, string Key, string Date)> Sources = new(StringComparer.Ordinal)
    {
        [RetentionKinds.Consignment] = ("consignments", "document_key", "updated_at"),
        [RetentionKinds.Assessment] = ("assessments", "id", "assessed_at"),
        [RetentionKinds.Decision] = ("decisions", "id", "decided_at"),
        [RetentionKinds.Examination] = ("examinations", "id", "recorded_at"),
        [RetentionKinds.Audit] = ("audit_log", "id", "at"),
        [RetentionKinds.Referral] = ("referrals", "id", "referred_at"),
        [RetentionKinds.WebhookDelivery] = ("webhook_deliveries", "id", "created_at"),
        [RetentionKinds.Assignment] = ("examination_assignments", "id", "assigned_at"),
    };

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RetentionCandidate>> ExpiredAsync(string kind, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        if (!Sources.TryGetValue(kind, out var source))
        {
            throw new ArgumentException($"no retention rule can name '{kind}'; one of {string.Join(", ", RetentionKinds.All)}", nameof(kind));
        }
        var expired = new List<RetentionCandidate>();
        await using var connection = await openReader(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {source.Key}, {source.Date} FROM {source.Table}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var at = DateTimeOffset.Parse(reader.GetString(1), Invariant, DateTimeStyles.RoundtripKind);
            if (at < cutoff)
            {
                expired.Add(new RetentionCandidate(kind, Convert.ToString(reader.GetValue(0), Invariant)!, at));
            }
        }
        return [.. expired.OrderBy(c => c.At).ThenBy(c => c.Key, StringComparer.Ordinal)];
    }

    /// <inheritdoc/>
    public Task<PurgeOutcome> PurgeAsync(RetentionCandidate candidate, string rule, string purgedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        ArgumentException.ThrowIfNullOrWhiteSpace(purgedBy);
        if (!Sources.TryGetValue(candidate.Kind, out var source))
        {
            throw new ArgumentException($"no retention rule can name '{candidate.Kind}'", nameof(candidate));
        }
        return write(async work =>
        {
            var purge = new Purge(work, journal, rule, purgedBy, clock.GetUtcNow(), cancellationToken);
            var skipped = candidate.Kind switch
            {
                RetentionKinds.Consignment => await purge.ConsignmentAsync(candidate.Key).ConfigureAwait(false),
                RetentionKinds.Referral => await purge.ReferralAsync(long.Parse(candidate.Key, NumberStyles.None, Invariant)).ConfigureAwait(false),
                _ => await purge.RowAsync(candidate.Kind, source.Table, long.Parse(candidate.Key, NumberStyles.None, Invariant)).ConfigureAwait(false),
            };
            // A skipped candidate writes nothing: the unit of work commits an empty transaction.
            return new PurgeOutcome(candidate, skipped is null ? purge.Tombstones : [], skipped);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<PurgeTombstone?> TombstoneOfAsync(string recordKind, string recordId, CancellationToken cancellationToken)
    {
        await using var connection = await openReader(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, record_kind, record_id, rule, purged_by, purged_at FROM purge_tombstones WHERE record_kind = @k AND record_id = @id ORDER BY id DESC";
        Bind(command, ("@k", recordKind), ("@id", recordId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new PurgeTombstone(Convert.ToInt64(reader.GetValue(0), Invariant), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                DateTimeOffset.Parse(reader.GetString(5), Invariant, DateTimeStyles.RoundtripKind))
            : null;
    }

    /// <summary>The canonical bytes of a tombstone (its id, kind, key, rule, who and when), as journaled; null when there is none.</summary>
    public static byte[]? Canonical(PurgeTombstone? tombstone) => tombstone is null ? null
        : CanonicalForm.Row(tombstone.Id, [tombstone.RecordKind, tombstone.RecordId, tombstone.Rule, tombstone.PurgedBy, tombstone.PurgedAt.ToString("O", Invariant)]);

    /// <summary>The tombstone with an id, for the audit's and the proofs' reading back of <c>purge:ID</c>.</summary>
    public async Task<byte[]?> ReadCanonicalAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await openReader(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT record_kind, record_id, rule, purged_by, purged_at FROM purge_tombstones WHERE id = @id";
        Bind(command, ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        // The stored text of the time, not a reparse of it: the journal committed to exactly that text.
        return CanonicalForm.Row(id, [reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)]);
    }

    internal static void Bind(DbCommand command, params (string Name, object Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    /// <summary>One purge inside one unit of work: every statement and tombstone of it commit together.</summary>
    private sealed class Purge(UnitOfWork work, IRecordJournal journal, string rule, string purgedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        private readonly string _when = now.ToString("O", Invariant);

        public List<PurgeTombstone> Tombstones { get; } = [];

        public async Task<string?> RowAsync(string kind, string table, long id)
        {
            var key = id.ToString(Invariant);
            if (await PendingAsync(kind, key).ConfigureAwait(false))
            {
                return $"{kind}:{key} is not yet sequenced into the ledger (run cts ledger checkpoint first)";
            }
            if (kind == RetentionKinds.Decision && await CountAsync("SELECT COUNT(*) FROM referrals WHERE decision_id = @id", ("@id", id)).ConfigureAwait(false) > 0)
            {
                return $"decision:{key} is still named by a referral to the filer";
            }
            if (kind == RetentionKinds.WebhookDelivery && await CountAsync("SELECT COUNT(*) FROM webhook_deliveries WHERE id = @id AND status = 'pending'", ("@id", id)).ConfigureAwait(false) > 0)
            {
                return $"webhook-delivery:{key} is still pending: it is purged once delivered or given up";
            }
            if (await ExecuteAsync($"DELETE FROM {table} WHERE id = @id", ("@id", id)).ConfigureAwait(false) == 0)
            {
                return $"{kind}:{key} is no longer in the store";
            }
            await EraseAsync(kind, key).ConfigureAwait(false);
            return null;
        }

        /// <summary>A referral with its answer and its webhook deliveries; kept whole while a delivery is pending or a leaf of them is unsequenced.</summary>
        public async Task<string?> ReferralAsync(long id)
        {
            var key = id.ToString(Invariant);
            if (await CountAsync("SELECT COUNT(*) FROM referrals WHERE id = @id", ("@id", id)).ConfigureAwait(false) == 0)
            {
                return $"referral:{key} is no longer in the store";
            }
            if (await CountAsync("SELECT COUNT(*) FROM webhook_deliveries WHERE referral_id = @id AND status = 'pending'", ("@id", id)).ConfigureAwait(false) > 0)
            {
                return $"referral:{key} still has a webhook delivery pending: it is purged once the delivery is delivered or given up";
            }
            var answers = await IdsAsync("SELECT id FROM referral_answers WHERE referral_id = @id", ("@id", id)).ConfigureAwait(false);
            var deliveries = await IdsAsync("SELECT id FROM webhook_deliveries WHERE referral_id = @id", ("@id", id)).ConfigureAwait(false);
            var records = answers.Select(a => (Kind: RecordKinds.ReferralAnswer, Id: a))
                .Concat(deliveries.Select(d => (Kind: RecordKinds.WebhookDelivery, Id: d)))
                .Append((Kind: RecordKinds.Referral, Id: id))
                .ToList();
            foreach (var (kind, record) in records)
            {
                if (await PendingAsync(kind, record.ToString(Invariant)).ConfigureAwait(false))
                {
                    return $"{kind}:{record} of referral {key} is not yet sequenced into the ledger (run cts ledger checkpoint first)";
                }
            }
            // Children first: answers and deliveries name the referral.
            await ExecuteAsync("DELETE FROM referral_answers WHERE referral_id = @id", ("@id", id)).ConfigureAwait(false);
            await ExecuteAsync("DELETE FROM webhook_deliveries WHERE referral_id = @id", ("@id", id)).ConfigureAwait(false);
            await ExecuteAsync("DELETE FROM referrals WHERE id = @id", ("@id", id)).ConfigureAwait(false);
            foreach (var (kind, record) in records)
            {
                await EraseAsync(kind, record.ToString(Invariant)).ConfigureAwait(false);
            }
            return null;
        }

        public async Task<string?> ConsignmentAsync(string document)
        {
            var assessments = await IdsAsync("SELECT id FROM assessments WHERE document_key = @d", ("@d", document)).ConfigureAwait(false);
            var messages = await IdsAsync(
                "SELECT raw_message_id FROM consignment_versions WHERE document_key = @d UNION SELECT cancelled_by FROM consignments WHERE document_key = @d AND cancelled_by IS NOT NULL",
                ("@d", document)).ConfigureAwait(false);
            if (await CountAsync("SELECT COUNT(*) FROM consignments WHERE document_key = @d", ("@d", document)).ConfigureAwait(false) == 0)
            {
                return $"consignment {document} is no longer in the store";
            }
            foreach (var (kind, id) in assessments.Select(a => (RecordKinds.Assessment, a)).Concat(messages.Select(m => (RecordKinds.Message, m))))
            {
                if (await PendingAsync(kind, id.ToString(Invariant)).ConfigureAwait(false))
                {
                    return $"{kind}:{id} of consignment {document} is not yet sequenced into the ledger (run cts ledger checkpoint first)";
                }
            }
            await ExecuteAsync("DELETE FROM assessments WHERE document_key = @d", ("@d", document)).ConfigureAwait(false);
            foreach (var id in assessments)
            {
                await EraseAsync(RecordKinds.Assessment, id.ToString(Invariant)).ConfigureAwait(false);
            }
            await ExecuteAsync("DELETE FROM consignment_versions WHERE document_key = @d", ("@d", document)).ConfigureAwait(false);
            await ExecuteAsync("DELETE FROM consignments WHERE document_key = @d", ("@d", document)).ConfigureAwait(false);
            await TombstoneAsync(RetentionKinds.Consignment, document).ConfigureAwait(false);
            foreach (var id in messages)
            {
                // A message of many consignments goes with the last of them; one a referral answer names stays with it.
                var stillNeeded = await CountAsync(
                    """
                    SELECT (SELECT COUNT(*) FROM consignment_versions WHERE raw_message_id = @m)
                         + (SELECT COUNT(*) FROM consignments WHERE cancelled_by = @m)
                         + (SELECT COUNT(*) FROM referral_answers WHERE raw_message_id = @m)
                    """, ("@m", id)).ConfigureAwait(false);
                if (stillNeeded == 0)
                {
                    await ExecuteAsync("DELETE FROM raw_messages WHERE id = @m", ("@m", id)).ConfigureAwait(false);
                    await EraseAsync(RecordKinds.Message, id.ToString(Invariant)).ConfigureAwait(false);
                }
            }
            return null;
        }

        // The record's leaves lose their salt (the tree keeps their hashes), and a tombstone says why.
        private async Task EraseAsync(string kind, string key)
        {
            await ExecuteAsync("UPDATE ledger_leaves SET salt = NULL, erased_at = @at WHERE record_kind = @k AND record_id = @id", ("@at", _when), ("@k", kind), ("@id", key)).ConfigureAwait(false);
            await TombstoneAsync(kind, key).ConfigureAwait(false);
        }

        private async Task TombstoneAsync(string kind, string key)
        {
            await using var insert = work.Command("INSERT INTO purge_tombstones (record_kind, record_id, rule, purged_by, purged_at) VALUES (@k, @id, @rule, @by, @at) RETURNING id");
            Bind(insert, ("@k", kind), ("@id", key), ("@rule", rule), ("@by", purgedBy), ("@at", _when));
            var id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), Invariant);
            var tombstone = new PurgeTombstone(id, kind, key, rule, purgedBy, now);
            await journal.RecordAsync(work, RecordKinds.Purge, id.ToString(Invariant), Canonical(tombstone), cancellationToken).ConfigureAwait(false);
            Tombstones.Add(tombstone);
        }

        private async Task<bool> PendingAsync(string kind, string key) =>
            await CountAsync("SELECT COUNT(*) FROM ledger_pending WHERE record_kind = @k AND record_id = @id", ("@k", kind), ("@id", key)).ConfigureAwait(false) > 0;

        private async Task<long> CountAsync(string sql, params (string, object)[] parameters)
        {
            await using var command = work.Command(sql);
            Bind(command, parameters);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), Invariant);
        }

        private async Task<List<long>> IdsAsync(string sql, params (string, object)[] parameters)
        {
            await using var command = work.Command(sql);
            Bind(command, parameters);
            var ids = new List<long>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(Convert.ToInt64(reader.GetValue(0), Invariant));
            }
            return ids;
        }

        private async Task<int> ExecuteAsync(string sql, params (string, object)[] parameters)
        {
            await using var command = work.Command(sql);
            Bind(command, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
