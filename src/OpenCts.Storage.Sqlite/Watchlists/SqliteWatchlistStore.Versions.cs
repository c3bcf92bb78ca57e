using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpenCts.Domain.Serialization;
using OpenCts.Domain.Traders;
using OpenCts.Domain.Watchlists;
using OpenCts.Storage.Watchlists;

namespace OpenCts.Storage.Sqlite.Watchlists;

/// <summary>The versioned parts: reference lists, the trusted-trader register and the allow-list, each change journaled.</summary>
internal sealed partial class SqliteWatchlistStore
{
    public Task<VersionChange> SetReferenceListAsync(string name, IReadOnlyCollection<string> values, string source, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (work, transaction) =>
        {
            var (latestVersion, latestBody) = LatestVersion("SELECT version, body FROM reference_list_versions WHERE name = $name ORDER BY version DESC LIMIT 1", name, transaction);
            var sorted = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var before = latestBody is null ? [] : JsonSerializer.Deserialize<string[]>(latestBody)!;
            var body = JsonSerializer.Serialize(sorted);
            var (added, removed) = ListVersions.Difference(before, sorted);
            if (string.Equals(body, latestBody, StringComparison.Ordinal))
            {
                return new VersionChange(name, latestVersion, 0, 0, Unchanged: true);
            }
            using var insert = _store.Command(
                "INSERT INTO reference_list_versions (name, version, source, saved_at, body) VALUES ($name, $version, $source, $at, $body) RETURNING id", transaction);
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$version", latestVersion + 1);
            insert.Parameters.AddWithValue("$source", source);
            insert.Parameters.AddWithValue("$at", _store.Now());
            insert.Parameters.AddWithValue("$body", body);
            var id = (long)insert.ExecuteScalar()!;
            await _store.JournalAsync(work, RecordKinds.ReferenceList, id, ReadReferenceListCanonical(id, transaction)!, cancellationToken).ConfigureAwait(false);
            return new VersionChange(name, latestVersion + 1, added, removed, Unchanged: false);
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> ReferenceListsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command(
            "SELECT name, body FROM reference_list_versions r WHERE version = (SELECT MAX(version) FROM reference_list_versions s WHERE s.name = r.name)");
        using var reader = command.ExecuteReader();
        var lists = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        while (reader.Read())
        {
            lists[reader.GetString(0)] = new HashSet<string>(JsonSerializer.Deserialize<string[]>(reader.GetString(1))!, StringComparer.Ordinal);
        }
        return Task.FromResult<IReadOnlyDictionary<string, IReadOnlySet<string>>>(lists);
    }

    internal byte[]? ReadReferenceListCanonical(long id, SqliteTransaction? transaction = null) =>
        _store.CanonicalRow("SELECT name, version, source, saved_at, body FROM reference_list_versions WHERE id = $id", id, transaction);

    public Task<VersionChange> ReplaceTrustedTradersAsync(IReadOnlyCollection<TrustedTrader> traders, string source, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (work, transaction) =>
        {
            var (latestVersion, latestBody) = LatestVersion("SELECT version, body FROM trusted_trader_versions ORDER BY version DESC LIMIT 1", null, transaction);
            // One row per scheme and identifier, the last given winning, in a fixed order so equal registers give equal bytes.
            var register = traders.GroupBy(t => (t.Scheme, t.Identifier)).Select(g => g.Last())
                .OrderBy(t => t.Scheme, StringComparer.Ordinal).ThenBy(t => t.Identifier, StringComparer.Ordinal).ToArray();
            var body = JsonSerializer.Serialize(register, DomainJson.Options);
            if (string.Equals(body, latestBody, StringComparison.Ordinal))
            {
                return new VersionChange("trusted-traders", latestVersion, 0, 0, Unchanged: true);
            }
            var before = latestBody is null ? [] : JsonSerializer.Deserialize<TrustedTrader[]>(latestBody, DomainJson.Options)!;
            var (added, removed) = ListVersions.Difference(before.Select(ListVersions.Key).ToArray(), register.Select(ListVersions.Key).ToArray());
            using var insert = _store.Command(
                "INSERT INTO trusted_trader_versions (version, source, saved_at, body) VALUES ($version, $source, $at, $body) RETURNING id", transaction);
            insert.Parameters.AddWithValue("$version", latestVersion + 1);
            insert.Parameters.AddWithValue("$source", source);
            insert.Parameters.AddWithValue("$at", _store.Now());
            insert.Parameters.AddWithValue("$body", body);
            var id = (long)insert.ExecuteScalar()!;
            await _store.JournalAsync(work, RecordKinds.TrustedTraders, id, ReadTrustedTradersCanonical(id, transaction)!, cancellationToken).ConfigureAwait(false);
            return new VersionChange("trusted-traders", latestVersion + 1, added, removed, Unchanged: false);
        }, cancellationToken);

    public Task<IReadOnlyList<TrustedTrader>> TrustedTradersAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (_, body) = LatestVersion("SELECT version, body FROM trusted_trader_versions ORDER BY version DESC LIMIT 1", null, null);
        return Task.FromResult<IReadOnlyList<TrustedTrader>>(body is null ? [] : JsonSerializer.Deserialize<TrustedTrader[]>(body, DomainJson.Options)!);
    }

    internal byte[]? ReadTrustedTradersCanonical(long id, SqliteTransaction? transaction = null) =>
        _store.CanonicalRow("SELECT 'trusted-traders', version, source, saved_at, body FROM trusted_trader_versions WHERE id = $id", id, transaction);

    public Task AllowAsync(AllowListEntry entry, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (work, transaction) =>
        {
            var id = InsertAllowChange("allow", entry, transaction);
            await _store.JournalAsync(work, RecordKinds.AllowList, id, ReadAllowListCanonical(id, transaction)!, cancellationToken).ConfigureAwait(false);
            return id;
        }, cancellationToken);

    public Task<bool> DisallowAsync(string partyName, string list, string entryId, string decidedBy, string why, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (work, transaction) =>
        {
            if (!CurrentAllowList(transaction).Any(e => e.PartyName == partyName && e.List == list && e.EntryId == entryId))
            {
                return false;
            }
            var id = InsertAllowChange("withdraw", new AllowListEntry(partyName, list, entryId, decidedBy, why, _store.Clock.GetUtcNow()), transaction);
            await _store.JournalAsync(work, RecordKinds.AllowList, id, ReadAllowListCanonical(id, transaction)!, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<AllowListEntry>> AllowListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(CurrentAllowList(null));
    }

    public Task<long> RequestAllowAsync(AllowListEntry request, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (work, transaction) =>
        {
            AllowRequests.ThrowIfAnswered(request, CurrentAllowList(transaction), PendingRequests(null, transaction));
            var id = InsertAllowChange("request", request, transaction);
            await _store.JournalAsync(work, RecordKinds.AllowList, id, ReadAllowListCanonical(id, transaction)!, cancellationToken).ConfigureAwait(false);
            return id;
        }, cancellationToken);

    public Task<IReadOnlyList<AllowListRequest>> AllowRequestsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(PendingRequests(null, null));
    }

    public Task<AllowListRequest?> DecideAllowRequestAsync(long id, bool allow, string decidedBy, string why, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (work, transaction) =>
        {
            if (PendingRequests(id, transaction) is not [var request])
            {
                return null;
            }
            var change = InsertAllowChange(allow ? "allow" : "refuse", new AllowListEntry(request.PartyName, request.List, request.EntryId, decidedBy, why, _store.Clock.GetUtcNow()), transaction);
            await _store.JournalAsync(work, RecordKinds.AllowList, change, ReadAllowListCanonical(change, transaction)!, cancellationToken).ConfigureAwait(false);
            return (AllowListRequest?)request;
        }, cancellationToken);

    /// <summary>Requests that no later change of the same party, list and entry answers (one request, or all).</summary>
    private IReadOnlyList<AllowListRequest> PendingRequests(long? id, SqliteTransaction? transaction)
    {
        using var command = _store.Command(
            """
            SELECT id, party_name, list, entry_id, decided_by, why, decided_at FROM allow_list_changes a
            WHERE change = 'request' AND ($id IS NULL OR id = $id)
              AND NOT EXISTS (SELECT 1 FROM allow_list_changes b
                              WHERE b.party_name = a.party_name AND b.list = a.list AND b.entry_id = a.entry_id AND b.id > a.id AND b.change <> 'request')
            ORDER BY id
            """, transaction);
        command.Parameters.AddWithValue("$id", id is null ? DBNull.Value : id.Value);
        using var reader = command.ExecuteReader();
        var result = new List<AllowListRequest>();
        while (reader.Read())
        {
            result.Add(new AllowListRequest(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture)));
        }
        return result;
    }

    internal byte[]? ReadAllowListCanonical(long id, SqliteTransaction? transaction = null) =>
        _store.CanonicalRow("SELECT change, party_name, list, entry_id, decided_by, why, decided_at FROM allow_list_changes WHERE id = $id", id, transaction);

    /// <summary>The allow-list in force: the latest decision on each party, list and entry, where it allows (requests and refusals change nothing in force).</summary>
    private IReadOnlyList<AllowListEntry> CurrentAllowList(SqliteTransaction? transaction)
    {
        using var command = _store.Command(
            """
            SELECT party_name, list, entry_id, decided_by, why, decided_at FROM allow_list_changes a
            WHERE id = (SELECT MAX(id) FROM allow_list_changes b
                        WHERE b.party_name = a.party_name AND b.list = a.list AND b.entry_id = a.entry_id AND b.change IN ('allow', 'withdraw'))
              AND change = 'allow'
            ORDER BY id
            """, transaction);
        using var reader = command.ExecuteReader();
        var result = new List<AllowListEntry>();
        while (reader.Read())
        {
            result.Add(new AllowListEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture)));
        }
        return result;
    }

    private long InsertAllowChange(string change, AllowListEntry entry, SqliteTransaction transaction)
    {
        using var command = _store.Command(
            "INSERT INTO allow_list_changes (change, party_name, list, entry_id, decided_by, why, decided_at) VALUES ($c, $p, $l, $e, $by, $why, $at) RETURNING id", transaction);
        command.Parameters.AddWithValue("$c", change);
        command.Parameters.AddWithValue("$p", entry.PartyName);
        command.Parameters.AddWithValue("$l", entry.List);
        command.Parameters.AddWithValue("$e", entry.EntryId);
        command.Parameters.AddWithValue("$by", entry.DecidedBy);
        command.Parameters.AddWithValue("$why", entry.Why);
        command.Parameters.AddWithValue("$at", entry.DecidedAt.ToString("O", CultureInfo.InvariantCulture));
        return (long)command.ExecuteScalar()!;
    }

    private (int Version, string? Body) LatestVersion(string sql, string? name, SqliteTransaction? transaction)
    {
        using var command = _store.Command(sql, transaction);
        if (name is not null)
        {
            command.Parameters.AddWithValue("$name", name);
        }
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt32(0), reader.GetString(1)) : (0, null);
    }
}
