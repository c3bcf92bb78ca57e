using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenCts.Domain.Profiles;
using OpenCts.Domain.Serialization;
using OpenCts.Storage.Profiles;

namespace OpenCts.Storage.Sqlite.Profiles;

/// <summary>Risk profiles with every version kept: a change to a profile is a new version, never an overwrite.</summary>
internal sealed class SqliteProfileStore(SqliteStore store) : IProfileStore
{
    private readonly SqliteStore _store = store;

    public Task<RiskProfile> SaveAsync(RiskProfile profile, CancellationToken cancellationToken) =>
        _store.WriteAsync((work, transaction) => Save(work, transaction, profile, null, cancellationToken), cancellationToken);

    public Task<RiskProfile> SaveAsync(RiskProfile profile, int expectedVersion, CancellationToken cancellationToken) =>
        _store.WriteAsync((work, transaction) => Save(work, transaction, profile, expectedVersion, cancellationToken), cancellationToken);

    private async ValueTask<RiskProfile> Save(UnitOfWork work, Microsoft.Data.Sqlite.SqliteTransaction transaction, RiskProfile profile, int? expectedVersion, CancellationToken cancellationToken)
    {
        RiskProfile? latest = null;
        using (var find = _store.Command("SELECT body FROM profiles WHERE id = $id ORDER BY version DESC LIMIT 1", transaction))
        {
            find.Parameters.AddWithValue("$id", profile.Id);
            if (find.ExecuteScalar() is string body)
            {
                latest = JsonSerializer.Deserialize<RiskProfile>(body, DomainJson.Options);
            }
        }
        ProfileVersions.ThrowIfMoved(profile.Id, latest, expectedVersion);
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
        await _store.JournalAsync(work, RecordKinds.Profile, $"{saved.Id}@{saved.Version.ToString(CultureInfo.InvariantCulture)}", ReadCanonical(saved.Id, saved.Version, transaction)!, cancellationToken).ConfigureAwait(false);
        return saved;
    }

    /// <summary>The canonical bytes of one profile version, as the ledger commits to them; null if it is gone.</summary>
    internal byte[]? ReadCanonical(string id, int version, Microsoft.Data.Sqlite.SqliteTransaction? transaction = null)
    {
        using var command = _store.Command("SELECT status, saved_at, body FROM profiles WHERE id = $id AND version = $version", transaction);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$version", version);
        using var reader = command.ExecuteReader();
        return reader.Read() ? CanonicalForm.Profile(id, version, reader.GetString(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    /// <summary>The latest version of every profile.</summary>
    public Task<IReadOnlyList<RiskProfile>> LatestAsync(CancellationToken cancellationToken) =>
        Bodies("SELECT body FROM profiles p WHERE version = (SELECT MAX(version) FROM profiles q WHERE q.id = p.id) ORDER BY id", null, cancellationToken);

    public Task<IReadOnlyList<RiskProfile>> VersionsAsync(string id, CancellationToken cancellationToken) =>
        Bodies("SELECT body FROM profiles WHERE id = $id ORDER BY version", id, cancellationToken);

    private Task<IReadOnlyList<RiskProfile>> Bodies(string sql, string? id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command(sql);
        if (id is not null)
        {
            command.Parameters.AddWithValue("$id", id);
        }
        using var reader = command.ExecuteReader();
        var result = new List<RiskProfile>();
        while (reader.Read())
        {
            result.Add(JsonSerializer.Deserialize<RiskProfile>(reader.GetString(0), DomainJson.Options)!);
        }
        return Task.FromResult<IReadOnlyList<RiskProfile>>(result);
    }
}
