namespace OpenCts.Storage.Commerce;

/// <summary>An order record from an e-commerce platform, kept as received (one order of the platform's file, as JSON).</summary>
/// <param name="Id">The store's id of this row.</param>
/// <param name="Platform">The platform that sent it.</param>
/// <param name="OrderNumber">The platform's order number.</param>
/// <param name="TrackingNumber">The parcel's tracking number: the transport document number it is linked to.</param>
/// <param name="Body">The order as JSON, in the OpenCTS platform-order layout (docs/platform-orders.md).</param>
/// <param name="ReceivedAt">When OpenCTS received it.</param>
public sealed record StoredPlatformOrder(long Id, string Platform, string OrderNumber, string TrackingNumber, string Body, DateTimeOffset ReceivedAt);

/// <summary>An analyst's decision on entity resolution: two entities are one, or some records are not the entity they were linked to.</summary>
/// <param name="Id">The store's id; decisions replay in this order.</param>
/// <param name="Kind"><c>merge</c> or <c>split</c>.</param>
/// <param name="EntityId">The entity decided on (for a merge, the one that absorbs the other).</param>
/// <param name="OtherEntityId">For a merge, the entity merged into <paramref name="EntityId"/>; null for a split.</param>
/// <param name="Records">For a split, the party records taken out, as <c>documentKey|role</c>; empty for a merge.</param>
/// <param name="Reason">Why, in the analyst's words.</param>
/// <param name="DecidedBy">Who decided.</param>
/// <param name="DecidedAt">When.</param>
public sealed record EntityDecision(long Id, string Kind, string EntityId, string? OtherEntityId, IReadOnlyList<string> Records, string Reason, string DecidedBy, DateTimeOffset DecidedAt)
{
    public const string Merge = "merge";
    public const string Split = "split";
}

/// <summary>What the e-commerce indicators keep beyond consignments: platform orders and analysts' entity decisions, each journaled.</summary>
public interface ICommerceStore
{
    /// <summary>Saves orders in one unit of work, each journaled; an order the platform sent before with the same body is not saved again.</summary>
    /// <returns>How many were new.</returns>
    Task<int> SaveOrdersAsync(IReadOnlyList<StoredPlatformOrder> orders, CancellationToken cancellationToken);

    /// <summary>The latest order of each platform and order number, oldest first.</summary>
    Task<IReadOnlyList<StoredPlatformOrder>> OrdersAsync(CancellationToken cancellationToken);

    /// <summary>The latest orders whose tracking number is one of these.</summary>
    Task<IReadOnlyList<StoredPlatformOrder>> OrdersByTrackingAsync(IReadOnlyCollection<string> trackingNumbers, CancellationToken cancellationToken);

    /// <summary>Saves a decision, journaled, and returns it with its id.</summary>
    Task<EntityDecision> SaveDecisionAsync(EntityDecision decision, CancellationToken cancellationToken);

    /// <summary>Every decision, in the order taken.</summary>
    Task<IReadOnlyList<EntityDecision>> DecisionsAsync(CancellationToken cancellationToken);
}
