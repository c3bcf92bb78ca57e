namespace OpenCts.Storage.Subscriptions;

/// <summary>Who wants which red-lane alerts: a user or a group (a role), by threat category, port and profile (each optional).</summary>
/// <param name="Id">The subscription's id.</param>
/// <param name="User">The user it is for; null for a group.</param>
/// <param name="Group">The group (a role) it is for; null for a user.</param>
/// <param name="Category">A threat category, such as <c>narcotics</c>; null for any.</param>
/// <param name="Port">The UN/LOCODE of the port of discharge; null for any.</param>
/// <param name="Profile">A profile id; null for any.</param>
/// <param name="CreatedBy">Who made it.</param>
/// <param name="CreatedAt">When.</param>
public sealed record Subscription(long Id, string? User, string? Group, string? Category, string? Port, string? Profile, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>Alert subscriptions: each one and each removal journaled.</summary>
public interface ISubscriptionStore
{
    /// <summary>Adds a subscription (its id is given by the store) and returns it.</summary>
    Task<Subscription> AddAsync(Subscription subscription, CancellationToken cancellationToken);

    /// <summary>Removes a subscription; false when there is none in force with that id.</summary>
    Task<bool> RemoveAsync(long id, string removedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Every subscription in force, oldest first.</summary>
    Task<IReadOnlyList<Subscription>> InForceAsync(CancellationToken cancellationToken);
}
