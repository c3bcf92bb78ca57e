using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Messages;
using OpenCts.Domain.Serialization;
using OpenCts.Storage.Assessments;
using OpenCts.Storage.Audit;
using OpenCts.Storage.Consignments;
using OpenCts.Storage.Messages;
using OpenCts.Storage.Postgres.Audit;

namespace OpenCts.Storage.Postgres.Messages;

/// <summary>Raw messages and consignment versions: what was received, exactly, and what was read from it.</summary>
internal sealed class PostgresMessageStore(PostgresStore store) : IMessageStore
{
    internal const string VersionColumns = "c.document_key, v.version, c.status, v.raw_message_id, v.body";

    private readonly PostgresStore _store = store;

    public Task<StoredMessage> StoreAsync(ParsedMessage message, string fileName, CancellationToken cancellationToken) =>
        _store.WriteAsync(work => Store(work, message, fileName, cancellationToken), cancellationToken);

    public Task<StoredMessage> StoreAsync(ParsedMessage message, string fileName, Func<StoredMessage, AuditEntry> audit, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            var stored = await Store(work, message, fileName, cancellationToken).ConfigureAwait(false);
            await ((PostgresAuditLog)_store.AuditLog).AppendAsync(work, audit(stored), cancellationToken).ConfigureAwait(false);
            return stored;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredMessage>> StoreManyAsync(IReadOnlyList<PreparedMessage> messages, CancellationToken cancellationToken) =>
        _store.WriteAsync<IReadOnlyList<StoredMessage>>(async work =>
        {
            var stored = new List<StoredMessage>(messages.Count);
            foreach (var prepared in messages)
            {
                stored.Add(await Store(work, prepared.Message, prepared.FileName, cancellationToken).ConfigureAwait(false));
            }
            return stored;
        }, cancellationToken);

    private async ValueTask<StoredMessage> Store(UnitOfWork work, ParsedMessage message, string fileName, CancellationToken cancellationToken)
    {
        if (!message.IsRejected && await _store.ScalarAsync(
                "SELECT id FROM raw_messages WHERE sender = @s AND message_id = @m AND status <> 'rejected'", work, cancellationToken,
                ("s", message.Sender), ("m", message.MessageId)).ConfigureAwait(false) is long existing)
        {
            return new StoredMessage(MessageOutcome.Duplicate, existing, MessageStatus.Duplicate, [], [], []);
        }
        var issues = message.Issues.ToList();
        var cancellable = new List<string>();
        if (!message.IsRejected)
        {
            foreach (var key in message.CancelledDocuments)
            {
                if (await CurrentVersionAsync(key, work, cancellationToken).ConfigureAwait(false) is null)
                {
                    issues.Add(new IngestionIssue(IssueSeverity.Warning, $"{fileName}: cancels", $"document {key} is not known here; nothing was cancelled"));
                }
                else
                {
                    cancellable.Add(key);
                }
            }
        }
        var status = MessageStatus.Of(message, issues);
        var receivedAt = _store.Now();
        var bytes = message.Raw.ToArray();
        var issuesJson = JsonSerializer.Serialize(issues.Select(i => new { severity = i.Severity == IssueSeverity.Error ? "error" : "warning", location = i.Location, message = i.Message }));
        var rawId = (long)(await _store.ScalarAsync(
            """
            INSERT INTO raw_messages (sender, message_id, format, file_name, received_at, sha256, bytes, status, issues, unmapped)
            VALUES (@sender, @message, @format, @file, @at, @sha, @bytes, @status, @issues, @unmapped) RETURNING id
            """, work, cancellationToken,
            ("sender", message.Sender),
            ("message", message.MessageId),
            ("format", message.Format),
            ("file", fileName),
            ("at", receivedAt),
            ("sha", Convert.ToHexStringLower(SHA256.HashData(bytes))),
            ("bytes", bytes),
            ("status", status),
            ("issues", issuesJson),
            ("unmapped", JsonSerializer.Serialize(message.Unmapped))).ConfigureAwait(false))!;
        var versions = new List<(string, int)>();
        if (!message.IsRejected)
        {
            foreach (var consignment in message.Consignments)
            {
                versions.Add(await InsertVersionAsync(consignment, rawId, receivedAt, work, cancellationToken).ConfigureAwait(false));
            }
            foreach (var key in cancellable)
            {
                PostgresStore.Hold(work, "UPDATE consignments SET status = 'cancelled', cancelled_by = @raw, updated_at = @at WHERE document_key = @key",
                    ("raw", rawId), ("at", receivedAt), ("key", key));
            }
        }
        // Made from the values just written, as ReadCanonicalAsync makes them from the row (every column is text or bytes).
        var canonical = CanonicalForm.Message(rawId, message.Sender, message.MessageId, message.Format, fileName, receivedAt, status, issuesJson, bytes);
        await _store.JournalAsync(work, RecordKinds.Message, rawId, canonical, cancellationToken).ConfigureAwait(false);
        return new StoredMessage(message.IsRejected ? MessageOutcome.Rejected : MessageOutcome.Stored, rawId, status, versions, issues, MessageStatus.FindingsOf(message));
    }

    /// <summary>The canonical bytes of a stored raw message, as the ledger commits to them; null if it is gone.</summary>
    internal async Task<byte[]?> ReadCanonicalAsync(long rawId, UnitOfWork? work, CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync(
            "SELECT sender, message_id, format, file_name, received_at, status, issues, bytes FROM raw_messages WHERE id = @id",
            r => CanonicalForm.Message(rawId, r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetFieldValue<byte[]>(7)),
            work, cancellationToken, ("id", rawId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    // One text for the whole reads and the pages, so that a page walk gives exactly what the whole read gives.
    private const string CurrentFrom =
        """

        FROM consignments c JOIN consignment_versions v ON v.document_key = c.document_key AND v.version = c.current_version
        WHERE c.status = 'active'
        """;

    private const string CurrentVersions = $"SELECT {VersionColumns}, v.id" + CurrentFrom;

    // The current versions with the lane, score and reasons of the assessment in force for each (the latest of the
    // version), or nulls.
    private const string CurrentVersionsInForce =
        $"SELECT {VersionColumns}, v.id, f.lane, f.score, f.reasons" +
        """

        FROM consignments c JOIN consignment_versions v ON v.document_key = c.document_key AND v.version = c.current_version
        LEFT JOIN LATERAL (
            SELECT a.lane, a.score, a.reasons FROM assessments a
            WHERE a.document_key = c.document_key AND a.consignment_version = v.version
            ORDER BY a.id DESC LIMIT 1) f ON TRUE
        WHERE c.status = 'active'
        """;

    // The current versions with a seventh column: true when the version still waits for an assessment, as PendingVersions says.
    private const string MarkedCurrentVersions = $"SELECT {VersionColumns}, v.id, EXISTS (SELECT 1 FROM pending_assessments p WHERE p.version_id = v.id)" + CurrentFrom;

    // The versions still to be assessed, from the list the schema's triggers keep, so the read costs what is pending, not the
    // store. Current, active versions only, as CurrentVersions.
    private const string PendingVersions =
        $"""
        SELECT {VersionColumns}, v.id
        FROM pending_assessments p
        JOIN consignment_versions v ON v.id = p.version_id
        JOIN consignments c ON c.document_key = v.document_key AND c.current_version = v.version
        WHERE c.status = 'active'
        """;

    public Task<IReadOnlyList<StoredConsignment>> PendingAssessmentAsync(CancellationToken cancellationToken) =>
        QueryAsync(cancellationToken, PendingVersions + " ORDER BY p.version_id");

    public Task<IReadOnlyList<StoredConsignment>> CurrentAsync(CancellationToken cancellationToken) =>
        QueryAsync(cancellationToken, CurrentVersions + " ORDER BY v.id");

    public async Task<ConsignmentPage> PageAsync(bool pendingOnly, long after, int take, CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync(
            pendingOnly ? PendingVersions + " AND p.version_id > @after ORDER BY p.version_id LIMIT @take" : CurrentVersions + " AND v.id > @after ORDER BY v.id LIMIT @take",
            r => (Version: ReadVersion(r), Row: r.GetInt64(5)), null, cancellationToken, ("after", after), ("take", take)).ConfigureAwait(false);
        return new ConsignmentPage([.. rows.Select(r => r.Version)], rows.Count == 0 ? after : rows[^1].Row);
    }

    public async Task<ConsignmentPage> CurrentPageAsync(long after, int take, CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync(
            CurrentVersionsInForce + " AND v.id > @after ORDER BY v.id LIMIT @take",
            r => (Version: ReadVersion(r), Row: r.GetInt64(5), InForce: r.IsDBNull(6) ? null : new AssessmentInForce(r.GetString(6), r.GetDouble(7), r.GetString(8))),
            null, cancellationToken, ("after", after), ("take", take)).ConfigureAwait(false);
        return new ConsignmentPage([.. rows.Select(r => r.Version)], rows.Count == 0 ? after : rows[^1].Row) { InForce = [.. rows.Select(r => r.InForce)] };
    }

    public async Task<HistoryPage> HistoryPageAsync(long after, int take, CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync(
            MarkedCurrentVersions + " AND v.id > @after ORDER BY v.id LIMIT @take",
            r => (Item: HistoryItemOf(ReadVersion(r), r.GetBoolean(6), r.GetInt64(5)), Row: r.GetInt64(5)), null, cancellationToken, ("after", after), ("take", take)).ConfigureAwait(false);
        return new HistoryPage([.. rows.Select(r => r.Item)], rows.Count == 0 ? after : rows[^1].Row);
    }

    // Bodies here are JSON, read whole: the outline is taken from the consignment.
    private static HistoryItem HistoryItemOf(StoredConsignment stored, bool pending, long versionId) =>
        new(stored.DocumentKey, stored.Version, ConsignmentOutline.Of(stored.Consignment), pending, versionId);

    public async Task<IReadOnlyList<StoredConsignment>> VersionsByIdAsync(IReadOnlyList<long> versionIds, CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync(
            $"SELECT {VersionColumns}, v.id FROM consignment_versions v JOIN consignments c ON c.document_key = v.document_key WHERE v.id = ANY(@ids)",
            r => (Version: ReadVersion(r), Id: r.GetInt64(5)), null, cancellationToken, ("ids", versionIds.ToArray())).ConfigureAwait(false);
        var byId = rows.ToDictionary(r => r.Id, r => r.Version);
        return [.. versionIds.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    public Task<IReadOnlyList<StoredConsignment>> VersionsAsync(string documentKey, CancellationToken cancellationToken) => QueryAsync(cancellationToken,
        $"""
        SELECT {VersionColumns}
        FROM consignments c JOIN consignment_versions v ON v.document_key = c.document_key
        WHERE c.document_key = @key ORDER BY v.version
        """, ("key", documentKey));

    public async Task<string?> KeyOfAsync(string documentNumber, CancellationToken cancellationToken)
    {
        var keys = await _store.ListAsync("SELECT document_key FROM consignments WHERE number = @n LIMIT 2", r => r.GetString(0), null, cancellationToken, ("n", documentNumber)).ConfigureAwait(false);
        return keys.Count == 1 ? keys[0] : null;
    }

    public async Task<MessageCounts> CountsAsync(CancellationToken cancellationToken)
    {
        // One statement: one snapshot, so a message is never counted without its versions.
        var rows = await _store.ListAsync(
            "SELECT (SELECT COUNT(*) FROM raw_messages), (SELECT COUNT(*) FROM raw_messages WHERE status = 'rejected'), (SELECT COUNT(*) FROM consignments), (SELECT COUNT(*) FROM consignment_versions)",
            r => new MessageCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), null, cancellationToken).ConfigureAwait(false);
        return rows[0];
    }

    private const string RecordColumns = "id, sender, message_id, format, received_at, status, issues";

    public async Task<ReceivedRecord?> FindAsync(long id, CancellationToken cancellationToken)
    {
        var found = await _store.ListAsync($"SELECT {RecordColumns} FROM raw_messages WHERE id = @id", ReadRow, null, cancellationToken, ("id", id)).ConfigureAwait(false);
        return found.Count == 0 ? null : await RecordOfAsync(found[0], cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReceivedRecord>> ListAsync(string? sender, string? status, int skip, int take, CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync($"SELECT {RecordColumns} FROM raw_messages {Where(sender, status)} ORDER BY id DESC LIMIT @take OFFSET @skip", ReadRow, null, cancellationToken,
            ("sender", sender), ("status", status), ("take", take), ("skip", skip)).ConfigureAwait(false);
        var records = new List<ReceivedRecord>(rows.Count);
        foreach (var row in rows)
        {
            records.Add(await RecordOfAsync(row, cancellationToken).ConfigureAwait(false));
        }
        return records;
    }

    public async Task<int> CountAsync(string? sender, string? status, CancellationToken cancellationToken) =>
        Convert.ToInt32(await _store.ScalarAsync($"SELECT count(*) FROM raw_messages {Where(sender, status)}", null, cancellationToken, ("sender", sender), ("status", status)).ConfigureAwait(false),
            CultureInfo.InvariantCulture);

    public async Task<byte[]?> RawAsync(long id, CancellationToken cancellationToken) =>
        await _store.ScalarAsync("SELECT bytes FROM raw_messages WHERE id = @id", null, cancellationToken, ("id", id)).ConfigureAwait(false) as byte[];

    // The sender compares without regard to case, as on SQLite; an absent filter matches every row.
    private static string Where(string? sender, string? status) =>
        "WHERE (CAST(@sender AS text) IS NULL OR lower(sender) = lower(CAST(@sender AS text))) AND (CAST(@status AS text) IS NULL OR status = CAST(@status AS text))";

    private static (long Id, string Sender, string MessageId, string Format, string ReceivedAt, string Status, string Issues) ReadRow(NpgsqlDataReader r) =>
        (r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6));

    private async Task<ReceivedRecord> RecordOfAsync((long Id, string Sender, string MessageId, string Format, string ReceivedAt, string Status, string Issues) row, CancellationToken cancellationToken)
    {
        var issues = new List<IngestionIssue>();
        using (var json = JsonDocument.Parse(row.Issues))
        {
            foreach (var issue in json.RootElement.EnumerateArray())
            {
                var severity = string.Equals(issue.GetProperty("severity").GetString(), "error", StringComparison.Ordinal) ? IssueSeverity.Error : IssueSeverity.Warning;
                issues.Add(new IngestionIssue(severity, issue.GetProperty("location").GetString() ?? "", issue.GetProperty("message").GetString() ?? ""));
            }
        }
        var written = await _store.ListAsync("SELECT document_key, version FROM consignment_versions WHERE raw_message_id = @id ORDER BY id",
            r => (r.GetString(0), r.GetInt32(1)), null, cancellationToken, ("id", row.Id)).ConfigureAwait(false);
        return new ReceivedRecord(row.Id, row.Sender, row.MessageId, row.Format, DateTimeOffset.Parse(row.ReceivedAt, CultureInfo.InvariantCulture), row.Status, issues, written);
    }

    private async Task<IReadOnlyList<StoredConsignment>> QueryAsync(CancellationToken cancellationToken, string sql, params (string Name, object? Value)[] parameters) =>
        await _store.ListAsync(sql, ReadVersion, null, cancellationToken, parameters).ConfigureAwait(false);

    internal static StoredConsignment ReadVersion(NpgsqlDataReader reader)
    {
        using var body = JsonDocument.Parse(reader.GetString(4));
        return new StoredConsignment(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt64(3), ConsignmentJsonReader.Read(body.RootElement));
    }

    private async Task<int?> CurrentVersionAsync(string key, UnitOfWork work, CancellationToken cancellationToken) =>
        await _store.ScalarAsync("SELECT current_version FROM consignments WHERE document_key = @key", work, cancellationToken, ("key", key)).ConfigureAwait(false) is int v ? v : null;

    private async Task<(string, int)> InsertVersionAsync(Consignment consignment, long rawId, string receivedAt, UnitOfWork work, CancellationToken cancellationToken)
    {
        var key = consignment.Document.Key;
        if (consignment.Provenance is null)
        {
            throw new InvalidOperationException($"consignment {key} has no provenance; formats must set sender and message id");
        }
        // The next version is decided by the upsert itself, one statement rather than a read and a write; the write lock
        // keeps any other writer out until the commit.
        var version = (int)(await _store.ScalarAsync(
            """
            INSERT INTO consignments (document_key, kind, number, current_version, status, first_received_at, updated_at)
            VALUES (@key, @kind, @number, 1, 'active', @at, @at)
            ON CONFLICT (document_key) DO UPDATE SET current_version = consignments.current_version + 1, status = 'active', updated_at = @at, cancelled_by = NULL
            RETURNING current_version
            """, work, cancellationToken,
            ("key", key), ("kind", consignment.Document.Kind.ToString()), ("number", consignment.Document.Number), ("at", receivedAt)).ConfigureAwait(false))!;
        var provenance = consignment.Provenance with { Version = version, RawMessageId = rawId, ReceivedAt = DateTimeOffset.Parse(receivedAt, CultureInfo.InvariantCulture) };
        var body = Encoding.UTF8.GetString(ConsignmentJsonWriter.ToUtf8Bytes(consignment with { Provenance = provenance }));
        var place = ConsignmentPlace.Of(consignment);
        PostgresStore.Hold(work,
            """
            INSERT INTO consignment_versions (document_key, version, raw_message_id, received_at, body, discharge, arrival_ticks, arrival_offset)
            VALUES (@key, @version, @raw, @at, @body, @discharge, @ticks, @offset)
            """,
            ("key", key), ("version", version), ("raw", rawId), ("at", receivedAt), ("body", body),
            ("discharge", (object?)place.Discharge ?? DBNull.Value), ("ticks", (object?)place.ArrivalTicks ?? DBNull.Value), ("offset", (object?)place.ArrivalOffset ?? DBNull.Value));
        return (key, version);
    }
}
