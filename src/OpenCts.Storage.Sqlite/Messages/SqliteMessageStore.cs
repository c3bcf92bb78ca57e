using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpenCts.Domain.Messages;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;
using OpenCts.Storage.Assessments;
using OpenCts.Storage.Audit;
using OpenCts.Storage.Consignments;
using OpenCts.Storage.Messages;
using OpenCts.Storage.Sqlite.Audit;

namespace OpenCts.Storage.Sqlite.Messages;

/// <summary>Raw messages and consignment versions: what was received, exactly, and what was read from it.</summary>
internal sealed partial class SqliteMessageStore(SqliteStore store) : IMessageStore
{
    private readonly SqliteStore _store = store;

    public Task<StoredMessage> StoreAsync(ParsedMessage message, string fileName, CancellationToken cancellationToken) =>
        Learning(_store.WriteAsync((work, transaction) => Store(work, transaction, message, fileName, cancellationToken), cancellationToken));

    public Task<StoredMessage> StoreAsync(ParsedMessage message, string fileName, Func<StoredMessage, AuditEntry> audit, CancellationToken cancellationToken) =>
        Learning(_store.WriteAsync(async (work, transaction) =>
        {
            var stored = await Store(work, transaction, message, fileName, cancellationToken).ConfigureAwait(false);
            await ((SqliteAuditLog)_store.AuditLog).Append(work, transaction, audit(stored), cancellationToken).ConfigureAwait(false);
            return stored;
        }, cancellationToken));

    /// <summary>Packs the raw bytes and each body's head, and takes the digest, on the calling thread: the writer then only writes rows.</summary>
    public PreparedMessage Prepare(ParsedMessage message, string fileName) => new(message, fileName, MessageAhead.Of(message, _store.Bodies.Current));

    public async Task<IReadOnlyList<StoredMessage>> StoreManyAsync(IReadOnlyList<PreparedMessage> messages, CancellationToken cancellationToken)
    {
        var stored = await _store.WriteAsync<IReadOnlyList<StoredMessage>>(async (work, transaction) =>
        {
            var stored = new List<StoredMessage>(messages.Count);
            foreach (var prepared in messages)
            {
                stored.Add(await Store(work, transaction, prepared.Message, prepared.FileName, cancellationToken, prepared.Ahead as MessageAhead).ConfigureAwait(false));
            }
            return stored;
        }, cancellationToken).ConfigureAwait(false);
        await LearnIfDueAsync(stored.Sum(m => m.Versions.Count)).ConfigureAwait(false);
        return stored;
    }

    private async Task<StoredMessage> Learning(Task<StoredMessage> storing)
    {
        var stored = await storing.ConfigureAwait(false);
        await LearnIfDueAsync(stored.Versions.Count).ConfigureAwait(false);
        return stored;
    }

    /// <summary>Once the store holds bodies enough and no dictionary, learns one from its latest bodies' heads (after the write, outside the writer), so that the bodies after it pack smaller.</summary>
    private Task<bool> LearnIfDueAsync(int stored) =>
        _store.Bodies.LearnIfDueAsync(_store, stored,
            "SELECT count(*) FROM consignment_versions",
            "SELECT body FROM consignment_versions ORDER BY id DESC LIMIT $take",
            // A body of an early release without its provenance has no head to learn from.
            reader => Packing.ReadBody(reader, 0, _store.Bodies) is { Provenance: not null } consignment ? ConsignmentBinary.Head(consignment) : null);

    private async ValueTask<StoredMessage> Store(UnitOfWork work, SqliteTransaction transaction, ParsedMessage message, string fileName, CancellationToken cancellationToken, MessageAhead? ahead = null)
    {
        if (!message.IsRejected && FindAccepted(message.Sender, message.MessageId, transaction) is { } existing)
        {
            return new StoredMessage(MessageOutcome.Duplicate, existing, MessageStatus.Duplicate, [], [], []);
        }
        var issues = message.Issues.ToList();
        var cancellable = new List<string>();
        if (!message.IsRejected)
        {
            foreach (var key in message.CancelledDocuments)
            {
                if (CurrentVersion(key, transaction) is null)
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
        var receivedInstant = _store.Clock.GetUtcNow();
        var receivedAt = SqliteStore.Text(receivedInstant);
        // Work done ahead for another message (a prepared message changed with `with`) is done again for this one.
        ahead = ahead is not null && ReferenceEquals(ahead.Message, message) ? ahead : MessageAhead.Of(message, _store.Bodies.Current);
        var (rawId, issuesJson) = InsertRaw(message, ahead, fileName, status, issues, receivedAt, transaction);
        var versions = new List<(string, int)>();
        if (!message.IsRejected)
        {
            for (var i = 0; i < message.Consignments.Count; i++)
            {
                versions.Add(InsertVersion(message.Consignments[i], ahead.Bodies[i], rawId, receivedAt, receivedInstant, transaction));
            }
            foreach (var key in cancellable)
            {
                using var cancel = _store.Command("UPDATE consignments SET status = 'cancelled', cancelled_by = $raw, updated_at = $at WHERE document_key = $key", transaction);
                cancel.Parameters.AddWithValue("$raw", rawId);
                cancel.Parameters.AddWithValue("$at", receivedAt);
                cancel.Parameters.AddWithValue("$key", key);
                cancel.ExecuteNonQuery();
            }
        }
        // The canonical form is made from the values written rather than read back.
        if (_store.JournalsInOwnLedger)
        {
            using var canonical = CanonicalForm.MessageRented(rawId, message.Sender, message.MessageId, message.Format, fileName, receivedAt, status, issuesJson, message.Raw.Span);
            _store.JournalInOwnLedger(work, RecordKinds.Message, rawId, canonical.Span);
        }
        else
        {
            var canonical = CanonicalForm.Message(rawId, message.Sender, message.MessageId, message.Format, fileName, receivedAt, status, issuesJson, message.Raw.Span);
            await _store.JournalAsync(work, RecordKinds.Message, rawId, canonical, cancellationToken).ConfigureAwait(false);
        }
        return new StoredMessage(message.IsRejected ? MessageOutcome.Rejected : MessageOutcome.Stored, rawId, status, versions, issues, MessageStatus.FindingsOf(message));
    }

    /// <summary>The canonical bytes of a stored raw message, as the ledger commits to them; null if it is gone.</summary>
    internal byte[]? ReadCanonical(long rawId, SqliteTransaction? transaction = null)
    {
        using var command = _store.Command("SELECT sender, message_id, format, file_name, received_at, status, issues, bytes, compression FROM raw_messages WHERE id = $id", transaction);
        command.Parameters.AddWithValue("$id", rawId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        // Read as bytes whatever the storage class: an edited row may have turned the blob into text.
        var raw = Packing.UnpackRaw(reader.GetFieldValue<byte[]>(7), reader.IsDBNull(8) ? null : reader.GetString(8));
        return CanonicalForm.Message(rawId, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), raw);
    }

    // The current versions of active consignments, and the condition that leaves those already assessed out: one text
    // for the whole reads and the pages, so that a page walk gives exactly what the whole read gives.
    private const string VersionSelect = "SELECT c.document_key, v.version, c.status, v.raw_message_id, v.body, v.id";

    private const string CurrentFrom =
        """

        FROM consignments c JOIN consignment_versions v ON v.document_key = c.document_key AND v.version = c.current_version
        WHERE c.status = 'active'
        """;

    private const string CurrentVersions = VersionSelect + CurrentFrom;

    // The current versions with the lane, score and reasons of the assessment in force for each, or nulls: the latest of
    // the version, which the schema's triggers keep in current_targets, a row per current version in the versions' order.
    private const string CurrentVersionsInForce =
        VersionSelect + ", a.lane, a.score, a.reasons" +
        """

        FROM consignments c JOIN consignment_versions v ON v.document_key = c.document_key AND v.version = c.current_version
        LEFT JOIN current_targets t ON t.version_id = v.id
        LEFT JOIN assessments a ON a.id = t.assessment_id
        WHERE c.status = 'active'
        """;

    // The current versions with a seventh column: 1 when the version still waits for an assessment, as PendingVersions says.
    private const string MarkedCurrentVersions = VersionSelect + ", EXISTS (SELECT 1 FROM pending_assessments p WHERE p.version_id = v.id)" + CurrentFrom;

    // The versions still to be assessed, from the list that storing a version and the schema's triggers keep, so the read
    // costs what is pending, not the store; the cross joins keep SQLite from starting at the consignments. Current, active
    // versions only, as CurrentVersions.
    private const string PendingVersions =
        """
        SELECT c.document_key, v.version, c.status, v.raw_message_id, v.body, v.id
        FROM pending_assessments p CROSS JOIN consignment_versions v CROSS JOIN consignments c
        WHERE v.id = p.version_id AND c.document_key = v.document_key AND c.current_version = v.version AND c.status = 'active'
        """;

    /// <summary>The latest version of every consignment that is not cancelled and has no assessment of that version yet.</summary>
    public Task<IReadOnlyList<StoredConsignment>> PendingAssessmentAsync(CancellationToken cancellationToken) =>
        Query(cancellationToken, PendingVersions + " ORDER BY p.version_id");

    /// <summary>The latest version of every consignment that is not cancelled.</summary>
    public Task<IReadOnlyList<StoredConsignment>> CurrentAsync(CancellationToken cancellationToken) =>
        Query(cancellationToken, CurrentVersions + " ORDER BY v.id");

    public Task<ConsignmentPage> PageAsync(bool pendingOnly, long after, int take, CancellationToken cancellationToken) =>
        Task.FromResult(Page(pendingOnly
            ? PendingVersions + " AND p.version_id > $after ORDER BY p.version_id LIMIT $take"
            : CurrentVersions + " AND v.id > $after ORDER BY v.id LIMIT $take", after, take, inForce: false, cancellationToken));

    public Task<ConsignmentPage> CurrentPageAsync(long after, int take, CancellationToken cancellationToken) =>
        Task.FromResult(Page(CurrentVersionsInForce + " AND v.id > $after ORDER BY v.id LIMIT $take", after, take, inForce: true, cancellationToken));

    public Task<HistoryPage> HistoryPageAsync(long after, int take, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command(MarkedCurrentVersions + " AND v.id > $after ORDER BY v.id LIMIT $take");
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$take", take);
        using var reader = command.ExecuteReader();
        var items = new List<HistoryItem>();
        var next = after;
        while (reader.Read())
        {
            items.Add(new HistoryItem(reader.GetString(0), reader.GetInt32(1), Packing.ReadOutline(reader, 4, _store.Bodies), reader.GetInt64(6) != 0, reader.GetInt64(5)));
            next = reader.GetInt64(5);
        }
        return Task.FromResult(new HistoryPage(items, next));
    }

    public Task<IReadOnlyList<StoredConsignment>> VersionsByIdAsync(IReadOnlyList<long> versionIds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command(
            VersionSelect + " FROM consignment_versions v JOIN consignments c ON c.document_key = v.document_key WHERE v.id IN (SELECT value FROM json_each($ids))");
        command.Parameters.AddWithValue("$ids", System.Text.Json.JsonSerializer.Serialize(versionIds));
        using var reader = command.ExecuteReader();
        var byId = new Dictionary<long, StoredConsignment>(versionIds.Count);
        while (reader.Read())
        {
            byId[reader.GetInt64(5)] = ReadVersion(reader, _store.Bodies);
        }
        return Task.FromResult<IReadOnlyList<StoredConsignment>>([.. versionIds.Where(byId.ContainsKey).Select(id => byId[id])]);
    }

    /// <summary>Every version of one document, oldest first.</summary>
    public Task<IReadOnlyList<StoredConsignment>> VersionsAsync(string documentKey, CancellationToken cancellationToken) => Query(cancellationToken,
        """
        SELECT c.document_key, v.version, c.status, v.raw_message_id, v.body
        FROM consignments c JOIN consignment_versions v ON v.document_key = c.document_key
        WHERE c.document_key = $key ORDER BY v.version
        """, ("$key", documentKey));

    /// <summary>The document key of a document number, when exactly one document has that number.</summary>
    public Task<string?> KeyOfAsync(string documentNumber, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command("SELECT document_key FROM consignments WHERE number = $n LIMIT 2");
        command.Parameters.AddWithValue("$n", documentNumber);
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }
        return Task.FromResult(keys.Count == 1 ? keys[0] : null);
    }

    /// <summary>Counts of raw messages by status, and of consignments.</summary>
    public Task<MessageCounts> CountsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command(
            "SELECT (SELECT COUNT(*) FROM raw_messages), (SELECT COUNT(*) FROM raw_messages WHERE status = 'rejected'), (SELECT COUNT(*) FROM consignments), (SELECT COUNT(*) FROM consignment_versions)");
        using var reader = command.ExecuteReader();
        reader.Read();
        return Task.FromResult(new MessageCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
    }

    private Task<IReadOnlyList<StoredConsignment>> Query(CancellationToken cancellationToken, string sql, params (string Name, object Value)[] parameters)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        using var reader = command.ExecuteReader();
        var result = new List<StoredConsignment>();
        while (reader.Read())
        {
            result.Add(ReadVersion(reader, _store.Bodies));
        }
        return Task.FromResult<IReadOnlyList<StoredConsignment>>(result);
    }

    /// <summary>A version from the columns document_key, version, status, raw_message_id and body, in that order.</summary>
    internal static StoredConsignment ReadVersion(SqliteDataReader reader, PackingDictionaries dictionaries)
    {
        return new StoredConsignment(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt64(3), Packing.ReadBody(reader, 4, dictionaries));
    }

    private long? FindAccepted(string sender, string messageId, SqliteTransaction transaction)
    {
        using var command = _store.Command("SELECT id FROM raw_messages WHERE sender = $s AND message_id = $m AND status <> 'rejected'", transaction);
        command.Parameters.AddWithValue("$s", sender);
        command.Parameters.AddWithValue("$m", messageId);
        return command.ExecuteScalar() is long id ? id : null;
    }

    private int? CurrentVersion(string key, SqliteTransaction transaction)
    {
        using var command = _store.Command("SELECT current_version FROM consignments WHERE document_key = $key", transaction);
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() is long v ? (int)v : null;
    }

    /// <summary>Inserts the raw message; returns its id and its issues as written.</summary>
    private (long Id, string IssuesJson) InsertRaw(ParsedMessage message, MessageAhead ahead, string fileName, string status, List<IngestionIssue> issues, string receivedAt, SqliteTransaction transaction)
    {
        using var command = _store.Command(
            """
            INSERT INTO raw_messages (sender, message_id, format, file_name, received_at, sha256, bytes, compression, status, issues, unmapped)
            VALUES ($sender, $message, $format, $file, $at, $sha, $bytes, $compression, $status, $issues, $unmapped)
            """, transaction);
        // The writer may have added warnings (a cancellation of a document not known here): then the issues are written afresh.
        var issuesJson = issues.Count == message.Issues.Count ? ahead.IssuesJson : MessageAhead.IssuesJsonOf(issues);
        command.Parameters.AddWithValue("$sender", message.Sender);
        command.Parameters.AddWithValue("$message", message.MessageId);
        command.Parameters.AddWithValue("$format", message.Format);
        command.Parameters.AddWithValue("$file", fileName);
        command.Parameters.AddWithValue("$at", receivedAt);
        command.Parameters.AddWithValue("$sha", ahead.Sha256);
        command.Parameters.AddWithValue("$bytes", ahead.Kept);
        command.Parameters.AddWithValue("$compression", (object?)ahead.Compression ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$issues", issuesJson);
        command.Parameters.AddWithValue("$unmapped", ahead.UnmappedJson);
        command.ExecuteNonQuery();
        return (SqliteStore.LastInsertedRow(transaction), issuesJson);
    }

    private (string, int) InsertVersion(Consignment consignment, BodyHead head, long rawId, string receivedAt, DateTimeOffset receivedInstant, SqliteTransaction transaction)
    {
        var key = consignment.Document.Key;
        // The version is 1 for a document not known yet, else the current one plus one. A new document's statements have no
        // trigger and no RETURNING (which SQLite runs as a trigger): a statement with one may stop halfway, so SQLite copies
        // every page it changes to undo it alone, and a bulk intake copied the pages of every index it touched
        // (docs/performance.md). A document's later version still updates its row with the triggers that keep the lists.
        // The statements a consignment always runs go through SQLite's own interface (RawStatement); the update of a
        // known document is rarer, and keeps its command.
        var insert = _store.WriterStatement(
            """
            INSERT INTO consignments (document_key, kind, number, current_version, status, first_received_at, updated_at)
            VALUES ($key, $kind, $number, 1, 'active', $at, $at)
            ON CONFLICT (document_key) DO NOTHING
            """);
        insert.Bind(insert.Parameter("$key"), key);
        insert.Bind(insert.Parameter("$kind"), consignment.Document.Kind.ToString());
        insert.Bind(insert.Parameter("$number"), consignment.Document.Number);
        insert.Bind(insert.Parameter("$at"), receivedAt);
        var version = insert.Change() == 1 ? 1 : 0;
        if (version == 0)
        {
            using var update = _store.Command(
                """
                UPDATE consignments SET current_version = current_version + 1, status = 'active', updated_at = $at, cancelled_by = NULL
                WHERE document_key = $key
                RETURNING current_version
                """, transaction);
            StatementCache.Set(update, "$key", key);
            StatementCache.Set(update, "$at", receivedAt);
            version = (int)(long)update.ExecuteScalar()!;
        }
        var body = Packing.CompleteBody(head, receivedInstant, version, rawId);
        var row = _store.WriterStatement(
            """
            INSERT INTO consignment_versions (document_key, version, raw_message_id, received_at, body, master_number, discharge, arrival_ticks, arrival_offset, placed)
            VALUES ($key, $version, $raw, $at, $body, $master, $discharge, $ticks, $offset, 1)
            """);
        var place = ConsignmentPlace.Of(consignment);
        row.Bind(row.Parameter("$master"), consignment.Document.MasterNumber);
        row.Bind(row.Parameter("$discharge"), place.Discharge);
        row.Bind(row.Parameter("$offset"), place.ArrivalOffset);
        row.Bind(row.Parameter("$ticks"), place.ArrivalTicks);
        row.Bind(row.Parameter("$key"), key);
        row.Bind(row.Parameter("$version"), version);
        row.Bind(row.Parameter("$raw"), rawId);
        row.Bind(row.Parameter("$at"), receivedAt);
        row.BindBlob(row.Parameter("$body"), body);
        row.Run();
        var pending = _store.WriterStatement("INSERT OR IGNORE INTO pending_assessments (version_id) VALUES ($id)");
        pending.Bind(pending.Parameter("$id"), SqliteStore.LastInsertedRow(transaction));
        pending.Run();
        return (key, version);
    }
}
