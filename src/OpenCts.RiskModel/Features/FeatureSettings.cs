using OpenCts.Domain.Common;
using static OpenCts.RiskModel.Features.DeclarationField;

namespace OpenCts.RiskModel.Features;

/// <summary>Which features a model computes from a declaration, and how the encodings are fitted.</summary>
/// <param name="Groups">The field groups that get a fraud-rate encoding and a frequency count.</param>
/// <param name="Smoothing">Pseudo-rows at the prior rate added to every group, so rare keys stay near the prior.</param>
/// <param name="Folds">Folds of the out-of-fold encoding of training rows.</param>
/// <param name="TimeFeatures">Whether day of week, day of month and month are features.</param>
public sealed record FeatureSettings(ValueList<EncodingGroup> Groups, double Smoothing = 5, int Folds = 5, bool TimeFeatures = true)
{
    /// <summary>The groups the issue names: parties, office, HS levels, countries and two pairs.</summary>
    public static ValueList<EncodingGroup> BasicGroups { get; } =
    [
        EncodingGroup.Of(Importer), EncodingGroup.Of(Declarant), EncodingGroup.Of(Seller), EncodingGroup.Of(Courier),
        EncodingGroup.Of(Office), EncodingGroup.Of(Hs6), EncodingGroup.Of(Hs4), EncodingGroup.Of(Hs2),
        EncodingGroup.Of(Origin), EncodingGroup.Of(Departure), EncodingGroup.Of(TaxType), EncodingGroup.Of(OriginIndicator),
        EncodingGroup.Of(ImportType), EncodingGroup.Of(ImportUse), EncodingGroup.Of(PaymentType), EncodingGroup.Of(TransportMode),
        EncodingGroup.Of(Importer, Hs6), EncodingGroup.Of(Hs6, Origin),
    ];

    /// <summary>The basic groups plus the product-and-route combinations that carry most of the signal on valid.</summary>
    public static ValueList<EncodingGroup> ExtendedGroups { get; } =
    [
        .. BasicGroups,
        EncodingGroup.Of(Declarant, Hs6), EncodingGroup.Of(Importer, Seller), EncodingGroup.Of(Hs6, Departure),
        EncodingGroup.Of(Hs6, TaxType), EncodingGroup.Of(Hs4, Origin), EncodingGroup.Of(Origin, Departure),
        EncodingGroup.Of(Hs6, Origin, TaxType), EncodingGroup.Of(Hs6, Origin, Departure),
        EncodingGroup.Of(Hs6, Origin, Departure, TaxType), EncodingGroup.Of(Hs6, Origin, TaxType, TaxRate),
    ];

    /// <summary>The settings chosen on the 2021-Q1 validation period.</summary>
    public static FeatureSettings Default { get; } = new(ExtendedGroups);
}
