using OpenCts.RiskModel.Declarations;

namespace OpenCts.RiskModel.Features;

/// <summary>A categorical column of a declaration, or a part of one (HS4, HS2), that encodings group by.</summary>
public enum DeclarationField
{
    Importer,
    Declarant,
    Seller,
    Courier,
    Office,
    Hs6,
    Hs4,
    Hs2,
    Origin,
    Departure,
    TaxType,
    TaxRate,
    OriginIndicator,
    ImportType,
    ImportUse,
    PaymentType,
    TransportMode,
    ProcessType,
}

/// <summary>Reads <see cref="DeclarationField"/> values into a key without allocating.</summary>
internal static class DeclarationFields
{
    /// <summary>How many fields there are; field hashes are indexed by the enum value.</summary>
    public static int Count { get; } = Enum.GetValues<DeclarationField>().Length;

    public static ulong HashOf(Declaration d, DeclarationField field)
    {
        var key = default(CategoryKey);
        AppendTo(ref key, d, field);
        return key.Value;
    }

    public static void AppendTo(ref CategoryKey key, Declaration d, DeclarationField field)
    {
        switch (field)
        {
            case DeclarationField.Importer: key.Add(d.Importer); break;
            case DeclarationField.Declarant: key.Add(d.Declarant); break;
            case DeclarationField.Seller: key.Add(d.Seller); break;
            case DeclarationField.Courier: key.Add(d.Courier); break;
            case DeclarationField.Office: key.Add(d.Office); break;
            case DeclarationField.Hs6: key.Add(d.Hs6); break;
            case DeclarationField.Hs4: key.Add(d.Hs6.AsSpan(0, Math.Min(4, d.Hs6.Length))); break;
            case DeclarationField.Hs2: key.Add(d.Hs6.AsSpan(0, Math.Min(2, d.Hs6.Length))); break;
            case DeclarationField.Origin: key.Add(d.Origin); break;
            case DeclarationField.Departure: key.Add(d.Departure); break;
            case DeclarationField.TaxType: key.Add(d.TaxType); break;
            case DeclarationField.TaxRate: key.Add(d.TaxRate); break;
            case DeclarationField.OriginIndicator: key.Add(d.OriginIndicator); break;
            case DeclarationField.ImportType: key.Add(d.ImportType); break;
            case DeclarationField.ImportUse: key.Add(d.ImportUse); break;
            case DeclarationField.PaymentType: key.Add(d.PaymentType); break;
            case DeclarationField.TransportMode: key.Add(d.TransportMode); break;
            case DeclarationField.ProcessType: key.Add(d.ProcessType); break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "not a declaration field");
        }
    }
}
