namespace OpenCts.Domain.Commerce;

/// <summary>
/// What OpenCTS knows about a party beyond this one document, once its record is linked to an entity (the same
/// person or firm behind many names, addresses, phones and e-mails): what the profile language reads as
/// <c>consignee.entity.*</c> and <c>consignee.address.parcels30d</c>.
/// </summary>
/// <param name="EntityId">The entity's stable identifier, such as <c>E-000123</c>.</param>
/// <param name="FirstSeenDays">Days from the entity's first consignment to this one (0 for a first appearance).</param>
/// <param name="Consignments">Consignments linked to the entity, this one included.</param>
/// <param name="Examined">Of those, how many were examined.</param>
/// <param name="Seizures">Of those, how many examinations found something (a seizure or a revenue finding).</param>
/// <param name="NameVariants">Distinct normalised names the entity has used.</param>
/// <param name="Parcels30d">Consignments of the entity over the 30 days that end at this one, this one included.</param>
/// <param name="Value30d">Their declared value in the national currency.</param>
/// <param name="AddressParcels30d">Consignments to or from the same normalised address over those 30 days, whoever is named.</param>
public sealed record EntityFacts(
    string EntityId,
    double FirstSeenDays,
    int Consignments,
    int Examined,
    int Seizures,
    int NameVariants,
    int Parcels30d,
    double Value30d,
    int AddressParcels30d);

/// <summary>
/// What OpenCTS derives for one goods line from history and from outside data: what the profile language reads as
/// <c>goods.valuePercentile</c>, <c>goods.platformPrice</c>, <c>goods.predictedHs4</c>, <c>goods.iprBrand</c> and the like.
/// </summary>
/// <remarks>A number that cannot be computed is NaN, so that every comparison with it is false.</remarks>
/// <param name="ValuePercentile">Where the declared unit value falls among past unit values of the same HS6 and origin, 0 to 100; NaN without enough history.</param>
/// <param name="RevenueAtRisk">Duty and VAT, in the national currency, that would be due at the reference value but are not at the declared one; 0 when declared at or above it.</param>
/// <param name="PlatformPrice">What the buyer paid on the platform for the parcel, in the national currency; NaN without a platform order.</param>
/// <param name="DeclaredToPaidRatio">Declared value over the price paid (0.1: declared at a tenth); NaN without a platform order.</param>
/// <param name="PredictedHs4">The HS heading the goods description reads as, or null when the classifier cannot tell.</param>
/// <param name="HsAgreement">How well the declared HS code agrees with the description, 0 to 1; NaN without a declared code or a prediction.</param>
/// <param name="IprBrand">The protected brand the description names (spelling variants and look-alikes included), or null.</param>
/// <param name="IprSuspect">True when that brand is declared below its price floor, from an origin or by a manufacturer it has not authorised.</param>
public sealed record GoodsFacts(
    double ValuePercentile,
    double RevenueAtRisk,
    double PlatformPrice,
    double DeclaredToPaidRatio,
    string? PredictedHs4,
    double HsAgreement,
    string? IprBrand,
    bool IprSuspect)
{
    /// <summary>A line nothing is known about.</summary>
    public static GoodsFacts None { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN, null, double.NaN, null, false);
}

/// <summary>The e-commerce indicators of a consignment: its parties' entities; the goods lines' facts sit on each <see cref="Consignments.GoodsItem"/>.</summary>
/// <remarks>Not part of what a sender sends: OpenCTS attaches it before assessment, as it attaches an export record.</remarks>
public sealed record CommerceFacts(EntityFacts? Consignor, EntityFacts? Consignee, EntityFacts? Notify);
