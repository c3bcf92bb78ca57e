using System.Globalization;
using System.Text.Json;
using OpenCts.Domain.Profiles;
using OpenCts.Domain.Serialization;
using OpenCts.Storage.Profiles;

namespace OpenCts.Storage.Postgres.Profiles;

/// <summary>Risk profiles with every version kept: a change to a profile is a new version, never an overwrite.</summary>
internal sealed class PostgresProfileStore(PostgresStore store) : IProfileStore
{
    private readonly PostgresStore _store = store;

    public Task<RiskProfile> SaveAsync(RiskProfile profile, CancellationToken cancellationToken) =>
        _store.WriteAsync(work => Save(work, profile, null, cancellationToken), cancellationToken);

    public Task<RiskProfile> SaveAsync(RiskProfile profile, int expectedVersion, CancellationToken cancellationToken) =>
        _store.WriteAsync(work => Save(work, profile, expectedVersion, cancellationToken), cancellationToken);

    private async ValueTask<RiskProfile> Save(UnitOfWork work, RiskProfile profile, int? expectedVersion, CancellationToken cancellationToken)
    {
        RiskProfile? latest = null;
        if (await _store.ScalarAsync("SELECT body FROM profiles WHERE id = @id ORDER BY version DESC LIMIT 1", work, cancellationToken, ("id", profile.Id)).ConfigureAwait(false) is string body)
        {
            latest = JsonSerializer.Deserialize<RiskProfile>(body, DomainJson.Options);
        }
        ProfileVersions.ThrowIfMoved(profile.Id, latest, expectedVersion);
        if (latest is not null && latest == profile with { Version = latest.Version })
        {
            return latest;
        }
        var saved = profile with { Version = (latest?.Version ?? 0) + 1 };
        await _store.ExecuteAsync("INSERT INTO profiles (id, version, body, status, saved_at) VALUES (@id, @version, @body, @status, @at)", work, cancellationToken,
            ("id", saved.Id), ("version", saved.Version), ("body", JsonSerializer.Serialize(saved, DomainJson.Options)), ("status", saved.Status.ToString()), ("at", _store.Now())).ConfigureAwait(false);
        var canonical = await ReadCanonicalAsync(saved.Id, saved.Version, work, cancellationToken).ConfigureAwait(false);
        await _store.Journal.RecordAsync(work, RecordKinds.Profile, $"{saved.Id}@{saved.Version.ToString(CultureInfo.InvariantCulture)}", canonical!, cancellationToken).ConfigureAwait(false);
        return saved;
    }

    /// <summary>The canonical bytes of one profile version, as the ledger commits to them; null if it is gone.</summary>
    internal async Task<byte[]?> ReadCanonicalAsync(string id, int version, UnitOfWork? work, CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync("SELECT status, saved_at, body FROM profiles WHERE id = @id AND version = @version",
            r => CanonicalForm.Profile(id, version, r.GetString(0), r.GetString(1), r.GetString(2)),
            work, cancellationToken, ("id", id), ("version", version)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<RiskProfile>> LatestAsync(CancellationToken cancellationToken) =>
        BodiesAsync("SELECT body FROM profiles p WHERE version = (SELECT MAX(version) FROM profiles q WHERE q.id = p.id) ORDER BY id", cancellationToken);

    public Task<IReadOnlyList<RiskProfile>> VersionsAsync(string id, CancellationToken cancellationToken) =>
        BodiesAsync("SELECT body FROM profiles WHERE id = @id ORDER BY version", cancellationToken, ("id", id));

    private async Task<IReadOnlyList<RiskProfile>> BodiesAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        await _store.ListAsync(sql, r => JsonSerializer.Deserialize<RiskProfile>(r.GetString(0), DomainJson.Options)!, null, cancellationToken, parameters).ConfigureAwait(false);
}
