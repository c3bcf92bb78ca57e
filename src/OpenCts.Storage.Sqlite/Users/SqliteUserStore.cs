using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using OpenCts.Storage.Users;

namespace OpenCts.Storage.Sqlite.Users;

/// <summary>User accounts as versions: a change is a new row, so the ledger's leaf of each version can be read back unchanged.</summary>
internal sealed class SqliteUserStore(SqliteStore store) : IUserStore
{
    private const string Columns = "name, role, disabled, password_hash, api_key_id, api_key_hash, changed_by, changed_at";

    private readonly SqliteStore _store = store;

    public Task SaveAsync(UserAccount account, CancellationToken cancellationToken) =>
        _store.WriteAsync((work, transaction) => Save(work, transaction, account, cancellationToken), cancellationToken);

    public Task SaveAsync(UserAccount account, UserAccount? expected, CancellationToken cancellationToken) =>
        _store.WriteAsync((work, transaction) =>
        {
            using var find = _store.Command($"SELECT {Columns} FROM user_versions WHERE name = $n COLLATE NOCASE ORDER BY id DESC LIMIT 1", transaction);
            find.Parameters.AddWithValue("$n", account.Name);
            UserVersions.ThrowIfMoved(account.Name, ReadOne(find), expected);
            return Save(work, transaction, account, cancellationToken);
        }, cancellationToken);

    private async ValueTask<long> Save(UnitOfWork work, SqliteTransaction transaction, UserAccount account, CancellationToken cancellationToken)
    {
        using var command = _store.Command(
            $"INSERT INTO user_versions ({Columns}) VALUES ($n, $r, $d, $p, $ki, $kh, $by, $at) RETURNING id", transaction);
        command.Parameters.AddWithValue("$n", account.Name);
        command.Parameters.AddWithValue("$r", account.Role);
        command.Parameters.AddWithValue("$d", account.Disabled ? 1 : 0);
        command.Parameters.AddWithValue("$p", (object?)account.PasswordHash ?? DBNull.Value);
        command.Parameters.AddWithValue("$ki", (object?)account.ApiKeyId ?? DBNull.Value);
        command.Parameters.AddWithValue("$kh", (object?)account.ApiKeyHash ?? DBNull.Value);
        command.Parameters.AddWithValue("$by", account.ChangedBy);
        command.Parameters.AddWithValue("$at", account.ChangedAt.ToString("O", CultureInfo.InvariantCulture));
        var id = (long)command.ExecuteScalar()!;
        await _store.JournalAsync(work, RecordKinds.User, id, ReadCanonical(id, transaction)!, cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>The canonical bytes of a version: who, what role, disabled or not, which kind of credential; never the hashes.</summary>
    internal byte[]? ReadCanonical(long id, SqliteTransaction? transaction = null)
    {
        using var command = _store.Command("SELECT name, role, disabled, password_hash IS NOT NULL, api_key_id, changed_by, changed_at FROM user_versions WHERE id = $id", transaction);
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        return CanonicalForm.User(id, reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0, reader.GetBoolean(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetString(6));
    }

    public Task<UserAccount?> FindAsync(string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command($"SELECT {Columns} FROM user_versions WHERE name = $n COLLATE NOCASE ORDER BY id DESC LIMIT 1");
        command.Parameters.AddWithValue("$n", name);
        return Task.FromResult(ReadOne(command));
    }

    public Task<UserAccount?> FindByApiKeyAsync(string apiKeyId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // The latest version of the account that once had this key: a reset key no longer matches its latest version.
        using var command = _store.Command(
            $"SELECT {Columns} FROM user_versions WHERE id = (SELECT MAX(v.id) FROM user_versions v WHERE v.name = (SELECT name FROM user_versions WHERE api_key_id = $k LIMIT 1) COLLATE NOCASE)");
        command.Parameters.AddWithValue("$k", apiKeyId);
        var account = ReadOne(command);
        return Task.FromResult(account is not null && string.Equals(account.ApiKeyId, apiKeyId, StringComparison.Ordinal) ? account : null);
    }

    public Task<IReadOnlyList<UserAccount>> AllAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command(
            $"SELECT {Columns} FROM user_versions WHERE id IN (SELECT MAX(id) FROM user_versions GROUP BY name COLLATE NOCASE) ORDER BY name COLLATE NOCASE");
        using var reader = command.ExecuteReader();
        var result = new List<UserAccount>();
        while (reader.Read())
        {
            result.Add(Read(reader));
        }
        return Task.FromResult<IReadOnlyList<UserAccount>>(result);
    }

    private static UserAccount? ReadOne(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static UserAccount Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetInt64(2) != 0,
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetString(6),
        DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture));
}
