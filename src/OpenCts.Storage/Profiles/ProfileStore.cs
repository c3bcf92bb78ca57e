using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenCts.Domain.Profiles;
using OpenCts.Domain.Serialization;

namespace OpenCts.Storage.Profiles;

/// <summary>Risk profiles with every version kept: a change to a profile is a new version, never an overwrite.</summary>
public sealed class ProfileStore
{
    private readonly CtsStore _store;

    internal ProfileStore(CtsStore store) => _store = store;

    public IRecordJournal? Journal { get; set; }

    /// <summary>Saves a profile as a new version when it differs from the latest one; returns the version in force.</summary>
    public RiskProfile Save(RiskProfile profile)
    {
        using var transaction = _store.Connection.BeginTransaction();
        RiskProfile? latest = null;
        using (var find = _store.Command("SELECT body FROM profiles WHERE id = $id ORDER BY version DESC LIMIT 1", transaction))
        {
            find.Parameters.AddWithValue("$id", profile.Id);
            if (find.ExecuteScalar() is string body)
            {
                latest = JsonSerializer.Deserialize<RiskProfile>(body, DomainJson.Options);
            }
        }
        if (latest is not null && latest == profile with { Version = latest.Version })
        {
            return latest;
        }
        var saved = profile with { Version = (latest?.Version ?? 0) + 1 };
        var json = JsonSerializer.Serialize(saved, DomainJson.Options);
        using (var insert = _store.Command("INSERT INTO profiles (id, version, body, status, saved_at) VALUES ($id, $version, $body, $status, $at)", transaction))
        {
            insert.Parameters.AddWithValue("$id", saved.Id);
            insert.Parameters.AddWithValue("$version", saved.Version);
            insert.Parameters.AddWithValue("$body", json);
            insert.Parameters.AddWithValue("$status", saved.Status.ToString());
            insert.Parameters.AddWithValue("$at", _store.Now());
            insert.ExecuteNonQuery();
        }
        Journal?.Record(transaction, RecordKinds.Profile, $"{saved.Id}@{saved.Version.ToString(CultureInfo.InvariantCulture)}", ReadCanonical(saved.Id, saved.Version, transaction)!);
        transaction.Commit();
        return saved;
    }

    /// <summary>The canonical bytes of one profile version, as the ledger commits to them; null if it is gone.</summary>
    public byte[]? ReadCanonical(string id, int version, Microsoft.Data.Sqlite.SqliteTransaction? transaction = null)
    {
        using var command = _store.Command("SELECT status, saved_at, body FROM profiles WHERE id = $id AND version = $version", transaction);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$version", version);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Encoding.UTF8.GetBytes(string.Join('\n', id, version, reader.GetString(0), reader.GetString(1), reader.GetString(2))) : null;
    }

    /// <summary>The latest version of every profile.</summary>
    public IReadOnlyList<RiskProfile> Latest()
    {
        using var command = _store.Command("SELECT body FROM profiles p WHERE version = (SELECT MAX(version) FROM profiles q WHERE q.id = p.id) ORDER BY id");
        using var reader = command.ExecuteReader();
        var result = new List<RiskProfile>();
        while (reader.Read())
        {
            result.Add(JsonSerializer.Deserialize<RiskProfile>(reader.GetString(0), DomainJson.Options)!);
        }
        return result;
    }

    /// <summary>The profiles in force at an instant: active and inside their validity window.</summary>
    public IReadOnlyList<RiskProfile> InForce(DateTimeOffset instant) => Latest().Where(p => p.IsInForceAt(instant)).ToList();
}
