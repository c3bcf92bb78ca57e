using OpenCts.Application.Common;
using OpenCts.Domain.Common;
using OpenCts.Storage;
using OpenCts.Storage.Users;

namespace OpenCts.Application.Users;

/// <summary>A user made or reset, with the credential shown once and never stored.</summary>
/// <param name="Account">The account as stored.</param>
/// <param name="Secret">The one-time password, or the API key.</param>
public sealed record IssuedCredential(UserAccount Account, string Secret);

/// <summary>A change to a user that cannot be made.</summary>
public sealed class UserAccountException(string message) : InvalidOperationException(message);

/// <summary>User accounts: creating them, their credentials, signing in, and the lock-out after repeated failures.</summary>
/// <remarks>
/// Every change is a new version of the account, journaled. A name that fails to sign in <see cref="MaxFailures"/> times
/// within <see cref="LockOut"/> is locked for that long, in this process (<see cref="SignInFailures"/>, bounded in size however
/// many names are tried); the rate limiter of the host slows guessing further.
/// </remarks>
public sealed class UserAccounts(ICtsStore store)
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan LockOut = TimeSpan.FromMinutes(5);

    /// <summary>How long an API key's account, once looked up, is trusted before it is read from the store again (<see cref="AuthenticateApiKeyAsync"/>).</summary>
    public static TimeSpan ApiKeyLookupLifetime => ApiKeyCache.Lifetime;

    private readonly SignInFailures _failures = new();
    private readonly ApiKeyCache _apiKeys = new();

    /// <summary>Creates a user with a one-time password, or with an API key.</summary>
    /// <exception cref="DomainException">The name or the role is not valid.</exception>
    /// <exception cref="UserAccountException">The name is taken.</exception>
    public async Task<IssuedCredential> AddAsync(string name, string role, bool apiKey, string actor, CancellationToken cancellationToken)
    {
        Fields.Required(name, "name", 64);
        if (name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new DomainException("name", $"'{name}' must not contain spaces");
        }
        if (!Roles.IsKnown(role))
        {
            throw new DomainException("role", $"'{role}' is not a role; one of {string.Join(", ", Roles.All)}");
        }
        if (await store.Users.FindAsync(name, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new UserAccountException($"user {name} exists");
        }
        return await IssueAsync(new UserAccount(name, role, false, null, null, null, actor, store.Clock.GetUtcNow()), null, apiKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the first admin when the store has no user at all; null when it has one.</summary>
    public async Task<IssuedCredential?> EnsureAdminAsync(CancellationToken cancellationToken)
    {
        if ((await store.Users.AllAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return null;
        }
        return await AddAsync("admin", Roles.Admin, apiKey: false, actor: "cts serve", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every user, latest version, by name.</summary>
    public Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken) => store.Users.AllAsync(cancellationToken);

    /// <summary>A user's latest version, or null.</summary>
    public Task<UserAccount?> FindAsync(string name, CancellationToken cancellationToken) => store.Users.FindAsync(name, cancellationToken);

    /// <summary>Disables a user: it can no longer sign in or call the API.</summary>
    public async Task<UserAccount> DisableAsync(string name, string actor, CancellationToken cancellationToken)
    {
        var account = await RequireAsync(name, cancellationToken).ConfigureAwait(false);
        var disabled = account with { Disabled = true, ChangedBy = actor, ChangedAt = store.Clock.GetUtcNow() };
        await SaveAsync(disabled, account, cancellationToken).ConfigureAwait(false);
        return disabled;
    }

    /// <summary>Issues a new credential of the kind the user has (a password or an API key), enables it, and clears any lock-out.</summary>
    public async Task<IssuedCredential> ResetAsync(string name, string actor, CancellationToken cancellationToken)
    {
        var account = await RequireAsync(name, cancellationToken).ConfigureAwait(false);
        _failures.Forget(account.Name);
        return await IssueAsync(account with { Disabled = false, ChangedBy = actor, ChangedAt = store.Clock.GetUtcNow() }, account, account.ApiKeyId is not null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The account a name and password sign in as, or null; a locked, disabled or unknown name never signs in.</summary>
    public async Task<UserAccount?> SignInAsync(string name, string password, CancellationToken cancellationToken)
    {
        var now = store.Clock.GetUtcNow();
        if (IsLockedOut(name, now))
        {
            Credentials.SpendPasswordTime(password);
            return null;
        }
        var account = await store.Users.FindAsync(name, cancellationToken).ConfigureAwait(false);
        if (account?.PasswordHash is not { } hash)
        {
            Credentials.SpendPasswordTime(password);
            Fail(name, now);
            return null;
        }
        if (!Credentials.VerifyPassword(password, hash) || account.Disabled)
        {
            Fail(name, now);
            return null;
        }
        _failures.Forget(name);
        return account;
    }

    /// <summary>Changes a signed-in user's password, given the current one; the new one must be at least 12 characters.</summary>
    /// <exception cref="DomainException">The current password is wrong or the new one too short; the field is named.</exception>
    public async Task ChangePasswordAsync(string name, string current, string replacement, CancellationToken cancellationToken)
    {
        if (replacement is null || replacement.Length < 12)
        {
            throw new DomainException("newPassword", "must be at least 12 characters");
        }
        var account = await SignInAsync(name, current, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException("password", "is not the current password");
        await SaveAsync(account with { PasswordHash = Credentials.HashPassword(replacement), ChangedBy = name, ChangedAt = store.Clock.GetUtcNow() }, account, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a name is locked out now after too many failed sign-ins.</summary>
    public bool IsLockedOut(string name, DateTimeOffset now) => _failures.IsLockedOut(name, now);

    /// <summary>The account an API key belongs to, or null when the key is unknown, replaced or its account disabled.</summary>
    /// <remarks>The look-up is kept for a second (<see cref="ApiKeyCache"/>); a change made by another process is seen here within that time.</remarks>
    public async Task<UserAccount?> AuthenticateApiKeyAsync(string key, CancellationToken cancellationToken)
    {
        if (!Credentials.TryParseApiKey(key, out var id, out var secret))
        {
            return null;
        }
        var account = _apiKeys.Find(id);
        if (account is null)
        {
            var generation = _apiKeys.Generation;
            account = await store.Users.FindByApiKeyAsync(id, cancellationToken).ConfigureAwait(false);
            if (account is not null)
            {
                _apiKeys.Keep(id, account, generation);
            }
        }
        if (account?.ApiKeyHash is not { } hash || !Credentials.VerifySecret(secret, hash) || account.Disabled)
        {
            return null;
        }
        return account;
    }

    private void Fail(string name, DateTimeOffset now) => _failures.Fail(name, now);

    private async Task<UserAccount> RequireAsync(string name, CancellationToken cancellationToken) =>
        await store.Users.FindAsync(name, cancellationToken).ConfigureAwait(false) ?? throw new UserAccountException($"user {name} does not exist");

    /// <summary>Saves a version made from <paramref name="expected"/> only while it is still the latest, so that of two changes (or creations) at once one is kept and the other refused.</summary>
    private async Task SaveAsync(UserAccount account, UserAccount? expected, CancellationToken cancellationToken)
    {
        try
        {
            await store.Users.SaveAsync(account, expected, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException e)
        {
            throw new UserAccountException(e.Message);
        }
        finally
        {
            _apiKeys.Clear();
        }
    }

    private async Task<IssuedCredential> IssueAsync(UserAccount account, UserAccount? expected, bool apiKey, CancellationToken cancellationToken)
    {
        string secret;
        if (apiKey)
        {
            var (key, id, hash) = Credentials.NewApiKey();
            secret = key;
            account = account with { PasswordHash = null, ApiKeyId = id, ApiKeyHash = hash };
        }
        else
        {
            secret = Credentials.NewPassword();
            account = account with { PasswordHash = Credentials.HashPassword(secret), ApiKeyId = null, ApiKeyHash = null };
        }
        await SaveAsync(account, expected, cancellationToken).ConfigureAwait(false);
        return new IssuedCredential(account, secret);
    }
}
