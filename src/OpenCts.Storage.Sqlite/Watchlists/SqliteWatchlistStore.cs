using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpenCts.Domain.Serialization;
using OpenCts.Domain.Traders;
using OpenCts.Domain.Watchlists;
using OpenCts.Storage.Watchlists;

namespace OpenCts.Storage.Sqlite.Watchlists;

/// <summary>Watch lists, the allow-list, named reference lists and trusted traders in SQLite: every change a journaled row.</summary>
internal sealed partial class SqliteWatchlistStore(SqliteStore store) : IWatchlistStore
{
    private readonly SqliteStore _store = store;

    public Task<IReadOnlyList<WatchlistChange>> ReplaceAsync(IReadOnlyList<LoadedList> lists, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (work, transaction) =>
        {
            var changes = new List<WatchlistChange>(lists.Count);
            foreach (var load in lists)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (change, loadId) = ReplaceOne(load, transaction);
                changes.Add(change);
                await _store.JournalAsync(work, RecordKinds.Watchlist, loadId, ReadCanonical(loadId, transaction)!, cancellationToken).ConfigureAwait(false);
            }
            return (IReadOnlyList<WatchlistChange>)changes;
        }, cancellationToken);

    private (WatchlistChange Change, long LoadId) ReplaceOne(LoadedList load, SqliteTransaction transaction)
    {
        var (list, source, entries) = (load.List, load.Source, load.Entries);
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var read = _store.Command("SELECT entry_id, body FROM watchlist_entries WHERE list = $list", transaction))
        {
            read.Parameters.AddWithValue("$list", list);
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                previous[reader.GetString(0)] = reader.GetString(1);
            }
        }
        using (var delete = _store.Command("DELETE FROM watchlist_entries WHERE list = $list; DELETE FROM watchlists WHERE list = $list;", transaction))
        {
            delete.Parameters.AddWithValue("$list", list);
            delete.ExecuteNonQuery();
        }
        using (var header = _store.Command("INSERT INTO watchlists (list, source, loaded_at, entry_count) VALUES ($list, $source, $at, $count)", transaction))
        {
            header.Parameters.AddWithValue("$list", list);
            header.Parameters.AddWithValue("$source", source);
            header.Parameters.AddWithValue("$at", _store.Now());
            header.Parameters.AddWithValue("$count", entries.Count);
            header.ExecuteNonQuery();
        }
        using var insert = _store.Command("INSERT OR REPLACE INTO watchlist_entries (list, entry_id, body) VALUES ($list, $id, $body)", transaction);
        insert.Parameters.AddWithValue("$list", list);
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
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
            insert.ExecuteNonQuery();
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
        using var loadRow = _store.Command(
            "INSERT INTO watchlist_loads (list, source, loaded_at, entry_count, digest) VALUES ($list, $source, $at, $count, $digest) RETURNING id", transaction);
        loadRow.Parameters.AddWithValue("$list", list);
        loadRow.Parameters.AddWithValue("$source", source);
        loadRow.Parameters.AddWithValue("$at", _store.Now());
        loadRow.Parameters.AddWithValue("$count", entries.Count);
        loadRow.Parameters.AddWithValue("$digest", digest.Finish());
        var loadId = (long)loadRow.ExecuteScalar()!;
        return (new WatchlistChange(list, added, previous.Count - kept, amended, entries.Count), loadId);
    }

    /// <summary>The canonical bytes of one load of a list, as the ledger commits to them; null if it is gone.</summary>
    /// <remarks>For the latest load of a list the digest is recomputed from the stored entries, so an edited entry shows as an altered record.</remarks>
    internal byte[]? ReadCanonical(long loadId, SqliteTransaction? transaction = null)
    {
        string list, source, loadedAt, digest;
        long count;
        bool latest;
        using (var command = _store.Command(
            "SELECT list, source, loaded_at, entry_count, digest, id = (SELECT MAX(id) FROM watchlist_loads l WHERE l.list = w.list) FROM watchlist_loads w WHERE id = $id", transaction))
        {
            command.Parameters.AddWithValue("$id", loadId);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }
            (list, source, loadedAt, count, digest, latest) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetBoolean(5));
        }
        if (latest)
        {
            using var entries = _store.Command("SELECT body FROM watchlist_entries WHERE list = $list ORDER BY rowid", transaction);
            entries.Parameters.AddWithValue("$list", list);
            using var reader = entries.ExecuteReader();
            using var hash = new CanonicalForm.WatchlistDigest();
            count = 0;
            while (reader.Read())
            {
                hash.Add(reader.GetString(0));
                count++;
            }
            digest = hash.Finish();
        }
        return CanonicalForm.WatchlistLoad(loadId, list, source, loadedAt, count, digest);
    }

    public Task<IReadOnlyList<WatchlistEntry>> EntriesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command("SELECT body FROM watchlist_entries ORDER BY list, entry_id");
        using var reader = command.ExecuteReader();
        var result = new List<WatchlistEntry>();
        while (reader.Read())
        {
            result.Add(JsonSerializer.Deserialize<WatchlistEntry>(reader.GetString(0), DomainJson.Options)!);
        }
        return Task.FromResult<IReadOnlyList<WatchlistEntry>>(result);
    }

    public Task<IReadOnlyList<WatchlistInfo>> ListsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command("SELECT list, source, entry_count, loaded_at, (SELECT COUNT(*) FROM watchlist_loads l WHERE l.list = w.list) FROM watchlists w ORDER BY list");
        using var reader = command.ExecuteReader();
        var result = new List<WatchlistInfo>();
        while (reader.Read())
        {
            result.Add(new WatchlistInfo(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture), Math.Max(1, reader.GetInt32(4))));
        }
        return Task.FromResult<IReadOnlyList<WatchlistInfo>>(result);
    }
}
