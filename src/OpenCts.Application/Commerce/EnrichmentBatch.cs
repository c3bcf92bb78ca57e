using OpenCts.Domain.Commerce;
using OpenCts.Domain.Consignments;

namespace OpenCts.Application.Commerce;

/// <summary>A batch made ready for enriching by <see cref="CommerceHost.PrepareAsync"/>: the indicators it was prepared with, its consignments in the order of their instants, their platform orders, and each one's preparation where one was made.</summary>
/// <param name="indicators">The indicators the batch was prepared with, which enrich it.</param>
/// <param name="ordered">The consignments by document key, in the order of their instants.</param>
/// <param name="orders">Their platform orders, by tracking number.</param>
/// <param name="prepared">By the place in <paramref name="ordered"/>; all null when the indicators knew the whole batch as it was prepared.</param>
/// <param name="now">The instant the batch was ordered at, for a consignment without an instant of its own.</param>
public sealed class EnrichmentBatch(
    CommerceIndicators indicators,
    (string DocumentKey, Consignment Consignment)[] ordered,
    IReadOnlyDictionary<string, PlatformOrder> orders,
    PreparedConsignment?[] prepared,
    DateTimeOffset now)
{
    internal CommerceIndicators Indicators => indicators;

    internal (string DocumentKey, Consignment Consignment)[] Ordered => ordered;

    internal IReadOnlyDictionary<string, PlatformOrder> Orders => orders;

    internal PreparedConsignment?[] Prepared => prepared;

    internal DateTimeOffset Now => now;

    /// <summary>How many consignments the batch holds.</summary>
    public int Count => ordered.Length;
}
