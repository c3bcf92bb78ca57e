using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpenCts.Domain.Serialization;
using OpenCts.Domain.Traders;
using OpenCts.Domain.Watchlists;

namespace OpenCts.Storage.Watchlists;

/// <summary>Watch lists, the allow-list of confirmed false positives, named reference lists and trusted traders.</summary>
public sealed class WatchlistStore
{
    private readonly CtsStore _store;

    internal WatchlistStore(CtsStore store) => _store = store;

    public IRecordJournal? Journal { get; set; }

    /// <summary>Replaces a whole list with a new load of it, in one transaction.</summary>
    public void Replace(string list, string source, IReadOnlyCollection<WatchlistEntry> entries) => Replace([(list, source, entries)]);

    /// <summary>Replaces several lists loaded together, in one transaction: all of them or none.</summary>
    public void Replace(IReadOnlyList<(string List, string Source, IReadOnlyCollection<WatchlistEntry> Entries)> lists)
    {
        using var transaction = _store.Connection.BeginTransaction();
        foreach (var (list, source, entries) in lists)
        {
            ReplaceOne(list, source, entries, transaction);
        }
        transaction.Commit();
    }

    private void ReplaceOne(string list, string source, IReadOnlyCollection<WatchlistEntry> entries, Microsoft.Data.Sqlite.SqliteTransaction transaction)
    {
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
        var listParameter = insert.Parameters.AddWithValue("$list", list);
        var id = insert.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
        var body = insert.Parameters.Add("$body", Microsoft.Data.Sqlite.SqliteType.Text);
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in entries)
        {
            if (!string.Equals(entry.List, list, StringComparison.Ordinal))
            {
                throw new ArgumentException($"entry {entry.Id} belongs to list '{entry.List}', not '{list}'", nameof(entries));
            }
            id.Value = entry.Id;
            var json = JsonSerializer.Serialize(entry, DomainJson.Options);
            body.Value = json;
            insert.ExecuteNonQuery();
            digest.AppendData(Encoding.UTF8.GetBytes(json + "\n"));
        }
        using var load = _store.Command(
            "INSERT INTO watchlist_loads (list, source, loaded_at, entry_count, digest) VALUES ($list, $source, $at, $count, $digest) RETURNING id", transaction);
        load.Parameters.AddWithValue("$list", list);
        load.Parameters.AddWithValue("$source", source);
        load.Parameters.AddWithValue("$at", _store.Now());
        load.Parameters.AddWithValue("$count", entries.Count);
        load.Parameters.AddWithValue("$digest", Convert.ToHexStringLower(digest.GetHashAndReset()));
        var loadId = (long)load.ExecuteScalar()!;
        Journal?.Record(transaction, RecordKinds.Watchlist, loadId.ToString(CultureInfo.InvariantCulture), ReadCanonical(loadId, transaction)!);
    }

    /// <summary>The canonical bytes of one load of a list, as the ledger commits to them; null if it is gone.</summary>
    /// <remarks>For the latest load of a list the digest is recomputed from the stored entries, so an edited entry shows as an altered record.</remarks>
    public byte[]? ReadCanonical(long loadId, Microsoft.Data.Sqlite.SqliteTransaction? transaction = null)
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
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            count = 0;
            while (reader.Read())
            {
                hash.AppendData(Encoding.UTF8.GetBytes(reader.GetString(0) + "\n"));
                count++;
            }
            digest = Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        return Encoding.UTF8.GetBytes(string.Join('\n', loadId, list, source, loadedAt, count, digest));
    }

    /// <summary>Every entry of every list.</summary>
    public IReadOnlyList<WatchlistEntry> Entries()
    {
        using var command = _store.Command("SELECT body FROM watchlist_entries ORDER BY list, entry_id");
        using var reader = command.ExecuteReader();
        var result = new List<WatchlistEntry>();
        while (reader.Read())
        {
            result.Add(JsonSerializer.Deserialize<WatchlistEntry>(reader.GetString(0), DomainJson.Options)!);
        }
        return result;
    }

    /// <summary>The loaded lists with their source and size.</summary>
    public IReadOnlyList<(string List, string Source, int Entries, DateTimeOffset LoadedAt)> Lists()
    {
        using var command = _store.Command("SELECT list, source, entry_count, loaded_at FROM watchlists ORDER BY list");
        using var reader = command.ExecuteReader();
        var result = new List<(string, string, int, DateTimeOffset)>();
        while (reader.Read())
        {
            result.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture)));
        }
        return result;
    }

    public void Allow(AllowListEntry entry)
    {
        using var command = _store.Command(
            "INSERT OR REPLACE INTO allow_list (party_name, list, entry_id, decided_by, why, decided_at) VALUES ($p, $l, $e, $by, $why, $at)");
        command.Parameters.AddWithValue("$p", entry.PartyName);
        command.Parameters.AddWithValue("$l", entry.List);
        command.Parameters.AddWithValue("$e", entry.EntryId);
        command.Parameters.AddWithValue("$by", entry.DecidedBy);
        command.Parameters.AddWithValue("$why", entry.Why);
        command.Parameters.AddWithValue("$at", entry.DecidedAt.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<AllowListEntry> AllowList()
    {
        using var command = _store.Command("SELECT party_name, list, entry_id, decided_by, why, decided_at FROM allow_list");
        using var reader = command.ExecuteReader();
        var result = new List<AllowListEntry>();
        while (reader.Read())
        {
            result.Add(new AllowListEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture)));
        }
        return result;
    }

    /// <summary>Replaces a named reference list (such as <c>high-risk-origins</c>) used by <c>list("...")</c> in profiles.</summary>
    public void SetReferenceList(string name, IEnumerable<string> values)
    {
        using var transaction = _store.Connection.BeginTransaction();
        using (var delete = _store.Command("DELETE FROM reference_lists WHERE name = $n", transaction))
        {
            delete.Parameters.AddWithValue("$n", name);
            delete.ExecuteNonQuery();
        }
        using var insert = _store.Command("INSERT OR IGNORE INTO reference_lists (name, value) VALUES ($n, $v)", transaction);
        insert.Parameters.AddWithValue("$n", name);
        var value = insert.Parameters.Add("$v", Microsoft.Data.Sqlite.SqliteType.Text);
        foreach (var v in values)
        {
            value.Value = v;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public IReadOnlyDictionary<string, IReadOnlySet<string>> ReferenceLists()
    {
        using var command = _store.Command("SELECT name, value FROM reference_lists");
        using var reader = command.ExecuteReader();
        var lists = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var name = reader.GetString(0);
            if (!lists.TryGetValue(name, out var set))
            {
                lists[name] = set = new HashSet<string>(StringComparer.Ordinal);
            }
            set.Add(reader.GetString(1));
        }
        return lists.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value, StringComparer.Ordinal);
    }

    public void ReplaceTrustedTraders(IEnumerable<TrustedTrader> traders)
    {
        using var transaction = _store.Connection.BeginTransaction();
        using (var delete = _store.Command("DELETE FROM trusted_traders", transaction))
        {
            delete.ExecuteNonQuery();
        }
        using var insert = _store.Command(
            "INSERT OR REPLACE INTO trusted_traders (scheme, identifier, name, programme, valid_from, valid_to) VALUES ($s, $i, $n, $p, $f, $t)", transaction);
        foreach (var trader in traders)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$s", trader.Scheme);
            insert.Parameters.AddWithValue("$i", trader.Identifier);
            insert.Parameters.AddWithValue("$n", trader.Name);
            insert.Parameters.AddWithValue("$p", trader.Programme);
            insert.Parameters.AddWithValue("$f", (object?)trader.ValidFrom?.ToString("O", CultureInfo.InvariantCulture) ?? DBNull.Value);
            insert.Parameters.AddWithValue("$t", (object?)trader.ValidTo?.ToString("O", CultureInfo.InvariantCulture) ?? DBNull.Value);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public IReadOnlyList<TrustedTrader> TrustedTraders()
    {
        using var command = _store.Command("SELECT scheme, identifier, name, programme, valid_from, valid_to FROM trusted_traders");
        using var reader = command.ExecuteReader();
        var result = new List<TrustedTrader>();
        while (reader.Read())
        {
            result.Add(new TrustedTrader(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
                reader.IsDBNull(5) ? null : DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture)));
        }
        return result;
    }
}
