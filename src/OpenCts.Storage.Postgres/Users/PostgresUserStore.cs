using System.Globalization;
using Npgsql;
using OpenCts.Storage.Users;

namespace OpenCts.Storage.Postgres.Users;

/// <summary>User accounts as versions: a change is a new row, so the ledger's leaf of each version can be read back unchanged.</summary>
/// <remarks>Names are compared without regard to case as <c>lower(name)</c>, byte by byte.</remarks>
internal sealed class PostgresUserStore(PostgresStore store) : IUserStore
{
    private const string Columns = "name, role, disabled, password_hash, api_key_id, api_key_hash, changed_by, changed_at";

    private readonly PostgresStore _store = store;

    public Task SaveAsync(UserAccount account, CancellationToken cancellationToken) =>
        _store.WriteAsync(work => Save(work, account, cancellationToken), cancellationToken);

    public Task SaveAsync(UserAccount account, UserAccount? expected, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            var latest = await _store.ListAsync(
                $"SELECT {Columns} FROM user_versions WHERE lower(name) COLLATE \"C\" = lower(@n) COLLATE \"C\" ORDER BY id DESC LIMIT 1",
                Read, work, cancellationToken, ("n", account.Name)).ConfigureAwait(false);
            UserVersions.ThrowIfMoved(account.Name, latest.Count == 0 ? null : latest[0], expected);
            return await Save(work, account, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private async ValueTask<long> Save(UnitOfWork work, UserAccount account, CancellationToken cancellationToken)
    {
        var id = (long)(await _store.ScalarAsync(
            $"INSERT INTO user_versions ({Columns}) VALUES (@n, @r, @d, @p, @ki, @kh, @by, @at) RETURNING id", work, cancellationToken,
            ("n", account.Name), ("r", account.Role), ("d", account.Disabled), ("p", account.PasswordHash), ("ki", account.ApiKeyId), ("kh", account.ApiKeyHash),
            ("by", account.ChangedBy), ("at", account.ChangedAt.ToString("O", CultureInfo.InvariantCulture))).ConfigureAwait(false))!;
        await _store.JournalAsync(work, RecordKinds.User, id, (await ReadCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>The canonical bytes of a version: who, what role, disabled or not, which kind of credential; never the hashes.</summary>
    internal async Task<byte[]?> ReadCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync(
            "SELECT name, role, disabled, password_hash IS NOT NULL, api_key_id, changed_by, changed_at FROM user_versions WHERE id = @id",
            r => CanonicalForm.User(id, r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetBoolean(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5), r.GetString(6)),
            work, cancellationToken, ("id", id)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<UserAccount?> FindAsync(string name, CancellationToken cancellationToken) =>
        OneAsync($"SELECT {Columns} FROM user_versions WHERE lower(name) COLLATE \"C\" = lower(@n) COLLATE \"C\" ORDER BY id DESC LIMIT 1", cancellationToken, ("n", name));

    public async Task<UserAccount?> FindByApiKeyAsync(string apiKeyId, CancellationToken cancellationToken)
    {
        // The latest version of the account that once had this key: a reset key no longer matches its latest version.
        var account = await OneAsync(
            $"""
            SELECT {Columns} FROM user_versions WHERE id = (
                SELECT MAX(v.id) FROM user_versions v
                WHERE lower(v.name) COLLATE "C" = (SELECT lower(name) COLLATE "C" FROM user_versions WHERE api_key_id = @k LIMIT 1))
            """, cancellationToken, ("k", apiKeyId)).ConfigureAwait(false);
        return account is not null && string.Equals(account.ApiKeyId, apiKeyId, StringComparison.Ordinal) ? account : null;
    }

    public async Task<IReadOnlyList<UserAccount>> AllAsync(CancellationToken cancellationToken) =>
        await _store.ListAsync(
            $"SELECT {Columns} FROM user_versions WHERE id IN (SELECT MAX(id) FROM user_versions GROUP BY lower(name) COLLATE \"C\") ORDER BY lower(name) COLLATE \"C\"",
            Read, null, cancellationToken).ConfigureAwait(false);

    private async Task<UserAccount?> OneAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var rows = await _store.ListAsync(sql, Read, null, cancellationToken, parameters).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static UserAccount Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetBoolean(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetString(6),
        DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture));
}
