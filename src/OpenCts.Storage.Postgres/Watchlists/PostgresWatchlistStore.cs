using System.Globalization;
using System.Text.Json;
using NpgsqlTypes;
using OpenCts.Domain.Serialization;
using OpenCts.Domain.Watchlists;
using OpenCts.Storage.Watchlists;

namespace OpenCts.Storage.Postgres.Watchlists;

/// <summary>Watch lists, the allow-list, named reference lists and trusted traders in PostgreSQL: every change a journaled row.</summary>
internal sealed partial class PostgresWatchlistStore(PostgresStore store) : IWatchlistStore
{
    private readonly PostgresStore _store = store;

    public Task<IReadOnlyList<WatchlistChange>> ReplaceAsync(IReadOnlyList<LoadedList> lists, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            var changes = new List<WatchlistChange>(lists.Count);
            foreach (var load in lists)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (change, loadId) = await ReplaceOneAsync(load, work, cancellationToken).ConfigureAwait(false);
                changes.Add(change);
                await _store.JournalAsync(work, RecordKinds.Watchlist, loadId, (await ReadCanonicalAsync(loadId, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            }
            return (IReadOnlyList<WatchlistChange>)changes;
        }, cancellationToken);

    private async Task<(WatchlistChange Change, long LoadId)> ReplaceOneAsync(LoadedList load, UnitOfWork work, CancellationToken cancellationToken)
    {
        var (list, source, entries) = (load.List, load.Source, load.Entries);
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (entryId, json) in await _store.ListAsync("SELECT entry_id, body FROM watchlist_entries WHERE list = @list", r => (r.GetString(0), r.GetString(1)), work, cancellationToken, ("list", list)).ConfigureAwait(false))
        {
            previous[entryId] = json;
        }
        await _store.ExecuteAsync("DELETE FROM watchlist_entries WHERE list = @list", work, cancellationToken, ("list", list)).ConfigureAwait(false);
        await _store.ExecuteAsync("DELETE FROM watchlists WHERE list = @list", work, cancellationToken, ("list", list)).ConfigureAwait(false);
        await _store.ExecuteAsync("INSERT INTO watchlists (list, source, loaded_at, entry_count) VALUES (@list, @source, @at, @count)", work, cancellationToken,
            ("list", list), ("source", source), ("at", _store.Now()), ("count", entries.Count)).ConfigureAwait(false);
        // A repeated id replaces the earlier entry and moves to the end, as SQLite's INSERT OR REPLACE does.
        await using var insert = _store.Command(
            """
            INSERT INTO watchlist_entries (list, entry_id, body) VALUES (@list, @id, @body)
            ON CONFLICT (list, entry_id) DO UPDATE SET body = EXCLUDED.body, seq = EXCLUDED.seq
            """, work);
        insert.Parameters.AddWithValue("list", list);
        var id = insert.Parameters.Add("id", NpgsqlDbType.Text);
        var body = insert.Parameters.Add("body", NpgsqlDbType.Text);
        using var digest = new CanonicalForm.WatchlistDigest();
        int added = 0, amended = 0, kept = 0;
        foreach (var entry in entries)
        {
            if (!string.Equals(entry.List, list, StringComparison.Ordinal))
            {
                throw new ArgumentException($"entry {entry.Id} belongs to list '{entry.List}', not '{list}'", nameof(load));
            }
            id.Value = entry.Id;
            var json = JsonSerializer.Serialize(entry, DomainJson.Options);
            body.Value = json;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            digest.Add(json);
            if (!previous.TryGetValue(entry.Id, out var before))
            {
                added++;
            }
            else
            {
                kept++;
                amended += string.Equals(before, json, StringComparison.Ordinal) ? 0 : 1;
            }
        }
        var loadId = (long)(await _store.ScalarAsync(
            "INSERT INTO watchlist_loads (list, source, loaded_at, entry_count, digest) VALUES (@list, @source, @at, @count, @digest) RETURNING id", work, cancellationToken,
            ("list", list), ("source", source), ("at", _store.Now()), ("count", entries.Count), ("digest", digest.Finish())).ConfigureAwait(false))!;
        return (new WatchlistChange(list, added, previous.Count - kept, amended, entries.Count), loadId);
    }

    /// <summary>The canonical bytes of one load of a list, as the ledger commits to them; null if it is gone.</summary>
    /// <remarks>For the latest load of a list the digest is recomputed from the stored entries, so an edited entry shows as an altered record.</remarks>
    internal async Task<byte[]?> ReadCanonicalAsync(long loadId, UnitOfWork? work, CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync(
            "SELECT list, source, loaded_at, entry_count, digest, id = (SELECT MAX(id) FROM watchlist_loads l WHERE l.list = w.list) FROM watchlist_loads w WHERE id = @id",
            r => (List: r.GetString(0), Source: r.GetString(1), LoadedAt: r.GetString(2), Count: (long)r.GetInt32(3), Digest: r.GetString(4), Latest: r.GetBoolean(5)),
            work, cancellationToken, ("id", loadId)).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return null;
        }
        var (list, source, loadedAt, count, digest, latest) = rows[0];
        if (latest)
        {
            var bodies = await _store.ListAsync("SELECT body FROM watchlist_entries WHERE list = @list ORDER BY seq", r => r.GetString(0), work, cancellationToken, ("list", list)).ConfigureAwait(false);
            using var hash = new CanonicalForm.WatchlistDigest();
            foreach (var body in bodies)
            {
                hash.Add(body);
            }
            (count, digest) = (bodies.Count, hash.Finish());
        }
        return CanonicalForm.WatchlistLoad(loadId, list, source, loadedAt, count, digest);
    }

    public async Task<IReadOnlyList<WatchlistEntry>> EntriesAsync(CancellationToken cancellationToken) =>
        await _store.ListAsync("SELECT body FROM watchlist_entries ORDER BY list, entry_id",
            r => JsonSerializer.Deserialize<WatchlistEntry>(r.GetString(0), DomainJson.Options)!, null, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<WatchlistInfo>> ListsAsync(CancellationToken cancellationToken) =>
        await _store.ListAsync("SELECT list, source, entry_count, loaded_at, (SELECT count(*) FROM watchlist_loads l WHERE l.list = w.list) FROM watchlists w ORDER BY list",
            r => new WatchlistInfo(r.GetString(0), r.GetString(1), r.GetInt32(2), DateTimeOffset.Parse(r.GetString(3), CultureInfo.InvariantCulture), (int)Math.Max(1, r.GetInt64(4))), null, cancellationToken).ConfigureAwait(false);
}
