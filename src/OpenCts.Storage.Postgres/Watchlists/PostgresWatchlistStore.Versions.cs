using System.Globalization;
using System.Text.Json;
using OpenCts.Domain.Serialization;
using OpenCts.Domain.Traders;
using OpenCts.Domain.Watchlists;
using OpenCts.Storage.Watchlists;

namespace OpenCts.Storage.Postgres.Watchlists;

/// <summary>The versioned parts: reference lists, the trusted-trader register and the allow-list, each change journaled.</summary>
internal sealed partial class PostgresWatchlistStore
{
    public Task<VersionChange> SetReferenceListAsync(string name, IReadOnlyCollection<string> values, string source, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            var (latestVersion, latestBody) = await LatestVersionAsync("SELECT version, body FROM reference_list_versions WHERE name = @name ORDER BY version DESC LIMIT 1", name, work, cancellationToken).ConfigureAwait(false);
            var sorted = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var before = latestBody is null ? [] : JsonSerializer.Deserialize<string[]>(latestBody)!;
            var body = JsonSerializer.Serialize(sorted);
            var (added, removed) = ListVersions.Difference(before, sorted);
            if (string.Equals(body, latestBody, StringComparison.Ordinal))
            {
                return new VersionChange(name, latestVersion, 0, 0, Unchanged: true);
            }
            var id = (long)(await _store.ScalarAsync(
                "INSERT INTO reference_list_versions (name, version, source, saved_at, body) VALUES (@name, @version, @source, @at, @body) RETURNING id", work, cancellationToken,
                ("name", name), ("version", latestVersion + 1), ("source", source), ("at", _store.Now()), ("body", body)).ConfigureAwait(false))!;
            await _store.JournalAsync(work, RecordKinds.ReferenceList, id, (await ReadReferenceListCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            return new VersionChange(name, latestVersion + 1, added, removed, Unchanged: false);
        }, cancellationToken);

    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> ReferenceListsAsync(CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync(
            "SELECT name, body FROM reference_list_versions r WHERE version = (SELECT MAX(version) FROM reference_list_versions s WHERE s.name = r.name)",
            r => (Name: r.GetString(0), Body: r.GetString(1)), null, cancellationToken).ConfigureAwait(false);
        var lists = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var (name, body) in rows)
        {
            lists[name] = new HashSet<string>(JsonSerializer.Deserialize<string[]>(body)!, StringComparer.Ordinal);
        }
        return lists;
    }

    internal Task<byte[]?> ReadReferenceListCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken) =>
        _store.CanonicalRowAsync("SELECT name, version, source, saved_at, body FROM reference_list_versions WHERE id = @id", id, work, cancellationToken);

    public Task<VersionChange> ReplaceTrustedTradersAsync(IReadOnlyCollection<TrustedTrader> traders, string source, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            var (latestVersion, latestBody) = await LatestVersionAsync("SELECT version, body FROM trusted_trader_versions ORDER BY version DESC LIMIT 1", null, work, cancellationToken).ConfigureAwait(false);
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
            var id = (long)(await _store.ScalarAsync(
                "INSERT INTO trusted_trader_versions (version, source, saved_at, body) VALUES (@version, @source, @at, @body) RETURNING id", work, cancellationToken,
                ("version", latestVersion + 1), ("source", source), ("at", _store.Now()), ("body", body)).ConfigureAwait(false))!;
            await _store.JournalAsync(work, RecordKinds.TrustedTraders, id, (await ReadTrustedTradersCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            return new VersionChange("trusted-traders", latestVersion + 1, added, removed, Unchanged: false);
        }, cancellationToken);

    public async Task<IReadOnlyList<TrustedTrader>> TrustedTradersAsync(CancellationToken cancellationToken)
    {
        var (_, body) = await LatestVersionAsync("SELECT version, body FROM trusted_trader_versions ORDER BY version DESC LIMIT 1", null, null, cancellationToken).ConfigureAwait(false);
        return body is null ? [] : JsonSerializer.Deserialize<TrustedTrader[]>(body, DomainJson.Options)!;
    }

    internal Task<byte[]?> ReadTrustedTradersCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken) =>
        _store.CanonicalRowAsync("SELECT 'trusted-traders', version, source, saved_at, body FROM trusted_trader_versions WHERE id = @id", id, work, cancellationToken);

    public Task AllowAsync(AllowListEntry entry, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            var id = await InsertAllowChangeAsync("allow", entry, work, cancellationToken).ConfigureAwait(false);
            await _store.JournalAsync(work, RecordKinds.AllowList, id, (await ReadAllowListCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            return id;
        }, cancellationToken);

    public Task<bool> DisallowAsync(string partyName, string list, string entryId, string decidedBy, string why, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            if (!(await CurrentAllowListAsync(work, cancellationToken).ConfigureAwait(false)).Any(e => e.PartyName == partyName && e.List == list && e.EntryId == entryId))
            {
                return false;
            }
            var id = await InsertAllowChangeAsync("withdraw", new AllowListEntry(partyName, list, entryId, decidedBy, why, _store.Clock.GetUtcNow()), work, cancellationToken).ConfigureAwait(false);
            await _store.JournalAsync(work, RecordKinds.AllowList, id, (await ReadAllowListCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<AllowListEntry>> AllowListAsync(CancellationToken cancellationToken) =>
        await CurrentAllowListAsync(null, cancellationToken).ConfigureAwait(false);

    internal Task<byte[]?> ReadAllowListCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken) =>
        _store.CanonicalRowAsync("SELECT change, party_name, list, entry_id, decided_by, why, decided_at FROM allow_list_changes WHERE id = @id", id, work, cancellationToken);

    public Task<long> RequestAllowAsync(AllowListEntry request, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            AllowRequests.ThrowIfAnswered(request,
                await CurrentAllowListAsync(work, cancellationToken).ConfigureAwait(false),
                await PendingRequestsAsync(null, work, cancellationToken).ConfigureAwait(false));
            var id = await InsertAllowChangeAsync("request", request, work, cancellationToken).ConfigureAwait(false);
            await _store.JournalAsync(work, RecordKinds.AllowList, id, (await ReadAllowListCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            return id;
        }, cancellationToken);

    public async Task<IReadOnlyList<AllowListRequest>> AllowRequestsAsync(CancellationToken cancellationToken) =>
        await PendingRequestsAsync(null, null, cancellationToken).ConfigureAwait(false);

    public Task<AllowListRequest?> DecideAllowRequestAsync(long id, bool allow, string decidedBy, string why, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            if (await PendingRequestsAsync(id, work, cancellationToken).ConfigureAwait(false) is not [var request])
            {
                return null;
            }
            var change = await InsertAllowChangeAsync(allow ? "allow" : "refuse", new AllowListEntry(request.PartyName, request.List, request.EntryId, decidedBy, why, _store.Clock.GetUtcNow()), work, cancellationToken).ConfigureAwait(false);
            await _store.JournalAsync(work, RecordKinds.AllowList, change, (await ReadAllowListCanonicalAsync(change, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            return (AllowListRequest?)request;
        }, cancellationToken);

    /// <summary>Requests that no later change of the same party, list and entry answers (one request, or all).</summary>
    private Task<List<AllowListRequest>> PendingRequestsAsync(long? id, UnitOfWork? work, CancellationToken cancellationToken) =>
        _store.ListAsync(
            """
            SELECT id, party_name, list, entry_id, decided_by, why, decided_at FROM allow_list_changes a
            WHERE change = 'request' AND (CAST(@id AS bigint) IS NULL OR id = CAST(@id AS bigint))
              AND NOT EXISTS (SELECT 1 FROM allow_list_changes b
                              WHERE b.party_name = a.party_name AND b.list = a.list AND b.entry_id = a.entry_id AND b.id > a.id AND b.change <> 'request')
            ORDER BY id
            """,
            r => new AllowListRequest(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), DateTimeOffset.Parse(r.GetString(6), CultureInfo.InvariantCulture)),
            work, cancellationToken, ("id", id));

    /// <summary>The allow-list in force: the latest decision on each party, list and entry, where it allows (requests and refusals change nothing in force).</summary>
    private Task<List<AllowListEntry>> CurrentAllowListAsync(UnitOfWork? work, CancellationToken cancellationToken) =>
        _store.ListAsync(
            """
            SELECT party_name, list, entry_id, decided_by, why, decided_at FROM allow_list_changes a
            WHERE id = (SELECT MAX(id) FROM allow_list_changes b
                        WHERE b.party_name = a.party_name AND b.list = a.list AND b.entry_id = a.entry_id AND b.change IN ('allow', 'withdraw'))
              AND change = 'allow'
            ORDER BY id
            """,
            r => new AllowListEntry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture)),
            work, cancellationToken);

    private async Task<long> InsertAllowChangeAsync(string change, AllowListEntry entry, UnitOfWork work, CancellationToken cancellationToken) =>
        (long)(await _store.ScalarAsync(
            "INSERT INTO allow_list_changes (change, party_name, list, entry_id, decided_by, why, decided_at) VALUES (@c, @p, @l, @e, @by, @why, @at) RETURNING id", work, cancellationToken,
            ("c", change), ("p", entry.PartyName), ("l", entry.List), ("e", entry.EntryId), ("by", entry.DecidedBy), ("why", entry.Why),
            ("at", entry.DecidedAt.ToString("O", CultureInfo.InvariantCulture))).ConfigureAwait(false))!;

    private async Task<(int Version, string? Body)> LatestVersionAsync(string sql, string? name, UnitOfWork? work, CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync(sql, r => (r.GetInt32(0), r.GetString(1)), work, cancellationToken, name is null ? [] : [("name", name)]).ConfigureAwait(false);
        return rows.Count == 0 ? (0, null) : rows[0];
    }
}
