namespace OpenCts.RiskModel.Declarations;

/// <summary>One import declaration line as the risk model sees it: who, what, from where, how much.</summary>
/// <remarks>
/// The columns follow the Korea Customs Service layout of the customs-declarations data set, so the same record
/// serves training files and live consignments (which fill what they know and leave the rest <see cref="Unknown"/>).
/// </remarks>
public sealed record Declaration(
    string Id,
    DateOnly Date,
    string Office,
    string ProcessType,
    string ImportType,
    string ImportUse,
    string PaymentType,
    string TransportMode,
    string Declarant,
    string Importer,
    string Seller,
    string Courier,
    string Hs6,
    string Departure,
    string Origin,
    double TaxRate,
    string TaxType,
    string OriginIndicator,
    double NetMassKg,
    double ItemPrice)
{
    /// <summary>The value of a column that the source of a declaration does not have.</summary>
    public const string Unknown = "unknown";
}

/// <summary>A declaration with what its examination found.</summary>
/// <param name="Declaration">The declaration.</param>
/// <param name="Fraud">True when the examination found any irregularity.</param>
/// <param name="CriticalFraud">True when the irregularity was judged critical.</param>
public sealed record ExaminedDeclaration(Declaration Declaration, bool Fraud, bool CriticalFraud)
{
    /// <summary>The label the model is trained on.</summary>
    public bool Label(ModelTarget target) => target == ModelTarget.CriticalFraud ? CriticalFraud : Fraud;
}

/// <summary>Which examination finding the model learns to predict.</summary>
public enum ModelTarget
{
    /// <summary>Any irregularity found.</summary>
    Fraud,

    /// <summary>Only irregularities judged critical.</summary>
    CriticalFraud,
}
