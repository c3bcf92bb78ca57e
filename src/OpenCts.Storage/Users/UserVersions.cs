namespace OpenCts.Storage.Users;

/// <summary>The expected-version check both backends make inside an account's write.</summary>
public static class UserVersions
{
    /// <summary>Refuses a conditional save when the latest stored version of the account is not the one the change was made from.</summary>
    /// <param name="name">The account's name.</param>
    /// <param name="latest">The latest version, read inside the write; null when the name has no account.</param>
    /// <param name="expected">The version the change was made from; null when the change creates the account.</param>
    /// <exception cref="StoreConflictException">The latest version is another one.</exception>
    public static void ThrowIfMoved(string name, UserAccount? latest, UserAccount? expected)
    {
        if (latest == expected)
        {
            return;
        }
        throw new StoreConflictException(expected is null
            ? $"user {name} exists: it was created at the same time by {latest!.ChangedBy}"
            : latest is null
                ? $"user {name} no longer exists"
                : $"user {name} changed at the same time (by {latest.ChangedBy}); read it again and change what it is now");
    }
}
