using OpenCts.Domain.Common;

namespace OpenCts.Domain.Consignments;

/// <summary>
/// What the e-commerce indicators read from every stored consignment before the first one is assessed: each goods
/// line's description and HS code, for the classifier, and the instants its 30-day windows can end at.
/// </summary>
/// <remarks>
/// A store can read this from a body without building the consignment (<see cref="Serialization.ConsignmentBinary.ReadOutline"/>):
/// the build visits the whole history, and decoding every party, place and value only to drop them was most of that read.
/// </remarks>
/// <param name="Departure">The consignment's departure.</param>
/// <param name="EstimatedArrival">Its estimated arrival.</param>
/// <param name="ReceivedAt">When its message was received, if its provenance is kept.</param>
/// <param name="Goods">Its goods lines, in order.</param>
public sealed record ConsignmentOutline(DateTimeOffset? Departure, DateTimeOffset? EstimatedArrival, DateTimeOffset? ReceivedAt, ValueList<GoodsLine> Goods)
{
    /// <summary>The outline of a consignment in hand.</summary>
    public static ConsignmentOutline Of(Consignment consignment)
    {
        ArgumentNullException.ThrowIfNull(consignment);
        return new(consignment.Departure, consignment.EstimatedArrival, consignment.Provenance?.ReceivedAt,
            new ValueList<GoodsLine>(consignment.Goods.Select(g => new GoodsLine(g.Description, g.HsCode?.Value))));
    }
}

/// <summary>A goods line as the classifier learns it.</summary>
/// <param name="Description">The description, as <see cref="GoodsItem.Description"/> holds it (empty when none was given).</param>
/// <param name="HsCode">The HS code's digits, or null.</param>
public readonly record struct GoodsLine(string Description, string? HsCode);
