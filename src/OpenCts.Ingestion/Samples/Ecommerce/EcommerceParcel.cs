using OpenCts.Domain.Commerce;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;

namespace OpenCts.Ingestion.Samples.Ecommerce;

/// <summary>What was planted in one goods line.</summary>
public enum PlantedLine
{
    /// <summary>An honest line: declared at its normal value, described as what it is.</summary>
    None,

    /// <summary>Declared at 5 to 25% of its normal value; the platform order shows the full price paid.</summary>
    Undervalued,

    /// <summary>Described as one kind of goods and declared under the HS heading of another.</summary>
    Misdescribed,

    /// <summary>Names a protected brand or a look-alike, far below its floor, from an origin the brand does not authorise.</summary>
    FakeBrand,

    /// <summary>Genuine brand goods: authorised origin, above the floor. Must not be flagged.</summary>
    GenuineBrand,
}

/// <summary>The ground truth of one goods line.</summary>
/// <param name="Sequence">The line's item number in the consignment.</param>
/// <param name="Planted">What was planted in it.</param>
/// <param name="Brand">The protected brand it names or imitates (as registered, such as <c>Lumora</c> for <c>Lum0ra</c>), or null.</param>
/// <param name="DeclaredEur">The declared value in euros.</param>
/// <param name="NormalEur">What the goods are normally worth, in euros (for a misdescribed line, the goods described).</param>
/// <param name="PaidEur">What the buyer paid for the line, in euros.</param>
public sealed record LineTruth(int Sequence, PlantedLine Planted, string? Brand, decimal DeclaredEur, decimal NormalEur, decimal PaidEur)
{
    public bool Undervalued => Planted == PlantedLine.Undervalued;

    public bool Misdescribed => Planted == PlantedLine.Misdescribed;

    public bool FakeBrand => Planted == PlantedLine.FakeBrand;

    public bool GenuineBrand => Planted == PlantedLine.GenuineBrand;
}

/// <summary>The ground truth of one parcel: who is really behind its parties, its ring, and its lines.</summary>
/// <param name="ConsignorId">The true firm behind the consignor (and the order's seller): <c>F-0123</c>.</param>
/// <param name="ConsigneeId">The true person behind the consignee (and the order's buyer): <c>P-0000123</c>, or <c>P-R00012</c> for a ring's receiver.</param>
/// <param name="RingId">The splitting ring the parcel belongs to (<c>R-00012</c>), or null.</param>
/// <param name="DeclaredEur">The parcel's declared value in euros, at the generator's fixed rates.</param>
/// <param name="Lines">One entry per goods line, in order.</param>
public sealed record ParcelTruth(string ConsignorId, string ConsigneeId, string? RingId, decimal DeclaredEur, ValueList<LineTruth> Lines);

/// <summary>A generated parcel, its platform order when it has one, and its ground truth.</summary>
/// <param name="Consignment">The parcel as the postal operator or express carrier declares it.</param>
/// <param name="Order">The platform order, whose tracking number is the parcel's document number; null for parcels without one.</param>
/// <param name="Truth">What was planted and who is who.</param>
public sealed record EcommerceParcel(Consignment Consignment, PlatformOrder? Order, ParcelTruth Truth);
