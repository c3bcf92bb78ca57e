using System.Globalization;
using OpenCts.Domain.Profiles;

namespace OpenCts.Storage.Profiles;

/// <summary>The expected-version check both backends make inside a profile's write.</summary>
public static class ProfileVersions
{
    /// <summary>Refuses a conditional save when the latest stored version is not the one the change was made from.</summary>
    /// <param name="id">The profile.</param>
    /// <param name="latest">The latest version, read inside the write; null when the profile has none.</param>
    /// <param name="expectedVersion">The version the change was made from; null for an unconditional save.</param>
    /// <exception cref="StoreConflictException">The latest version is another one.</exception>
    public static void ThrowIfMoved(string id, RiskProfile? latest, int? expectedVersion)
    {
        if (expectedVersion is { } expected && (latest?.Version ?? 0) != expected)
        {
            throw new StoreConflictException(string.Create(CultureInfo.InvariantCulture,
                $"profile {id} changed at the same time: it is at version {latest?.Version ?? 0} ({latest?.Status.ToString() ?? "none"}), not {expected}; read it again and decide on what it is now"));
        }
    }
}
