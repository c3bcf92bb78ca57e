namespace OpenCts.Storage.Users;

/// <summary>One version of a user account: its role, whether it is disabled, and the hashes of its credentials.</summary>
/// <param name="Name">The sign-in name, unique without regard to case.</param>
/// <param name="Role">One of the roles the server knows (analyst, targeter, supervisor, examiner, submitter, auditor, admin).</param>
/// <param name="Disabled">A disabled account cannot sign in or call the API.</param>
/// <param name="PasswordHash">The PBKDF2 hash of the password, with its parameters and salt; null when the account uses an API key.</param>
/// <param name="ApiKeyId">The public part of the API key, by which it is looked up; null without one.</param>
/// <param name="ApiKeyHash">The SHA-256 hash of the secret part of the API key; null without one.</param>
/// <param name="ChangedBy">Who made this version.</param>
/// <param name="ChangedAt">When.</param>
public sealed record UserAccount(
    string Name,
    string Role,
    bool Disabled,
    string? PasswordHash,
    string? ApiKeyId,
    string? ApiKeyHash,
    string ChangedBy,
    DateTimeOffset ChangedAt);

/// <summary>User accounts, every change kept as a new version and journaled (credential hashes are kept, never journaled).</summary>
public interface IUserStore
{
    /// <summary>Saves a new version of an account, journaled.</summary>
    Task SaveAsync(UserAccount account, CancellationToken cancellationToken);

    /// <summary>Saves a new version of an account only while its latest version is still <paramref name="expected"/> (null: the name has no account yet), journaled.</summary>
    /// <remarks>The check and the insert are one write, so two creations of one name, or two changes made from the same version, keep exactly one.</remarks>
    /// <exception cref="StoreConflictException">The latest version is no longer the expected one; nothing was saved.</exception>
    Task SaveAsync(UserAccount account, UserAccount? expected, CancellationToken cancellationToken);

    /// <summary>The latest version of an account by name (without regard to case), or null.</summary>
    Task<UserAccount?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>The latest version of the account whose API key has this public id, or null.</summary>
    Task<UserAccount?> FindByApiKeyAsync(string apiKeyId, CancellationToken cancellationToken);

    /// <summary>The latest version of every account, by name.</summary>
    Task<IReadOnlyList<UserAccount>> AllAsync(CancellationToken cancellationToken);
}
