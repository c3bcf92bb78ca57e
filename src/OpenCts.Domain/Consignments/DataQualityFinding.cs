namespace OpenCts.Domain.Consignments;

/// <summary>A fault in the content of a consignment as the sender gave it, kept on the consignment instead of refusing it.</summary>
/// <remarks>
/// Advance data is never dropped for its content: a placeholder HS code or a missing description is recorded here and the
/// consignment is assessed all the same. Poor data is itself a risk indicator, which profiles read through
/// <c>dataQuality.count</c> and <c>dataQuality.has("goods.hsCode")</c>.
/// </remarks>
/// <param name="Path">The field in the consignment model, such as <c>goods[0].hsCode</c> or <c>placeOfLoading</c> (indices from 0).</param>
/// <param name="Value">The value as the sender wrote it, or null when it was missing.</param>
/// <param name="Rule">The rule it breaks, one of <see cref="DataQualityRules"/>, such as <c>hs-unknown</c>.</param>
/// <param name="Message">What is wrong, for people.</param>
public sealed record DataQualityFinding(string Path, string? Value, string Rule, string Message)
{
    public override string ToString() => $"{Path}: {Rule}: {Message}";
}

/// <summary>The stable names of the data-quality rules, as findings, profiles and documentation use them.</summary>
public static class DataQualityRules
{
    /// <summary>An HS code that does not exist in HS 2022, placeholders such as 000000 included, or that is not 6 to 10 digits.</summary>
    public const string HsUnknown = "hs-unknown";

    /// <summary>A port, airport or other place that is not in UN/LOCODE, or an airport code no table knows.</summary>
    public const string PlaceUnknown = "place-unknown";

    /// <summary>A country code that is not ISO 3166-1 alpha-2.</summary>
    public const string CountryUnknown = "country-unknown";

    /// <summary>A goods item without a description.</summary>
    public const string DescriptionMissing = "description-missing";

    /// <summary>A description that names no goods, such as GIFT, PARTS or SAID TO CONTAIN (<see cref="GoodsDescriptions"/>).</summary>
    public const string DescriptionVague = "description-vague";

    /// <summary>A container number whose ISO 6346 check digit is wrong, or that is not a container number at all.</summary>
    public const string ContainerCheckDigit = "container-check-digit";

    /// <summary>An IMO ship number whose check digit is wrong, or that is not seven digits.</summary>
    public const string ImoCheckDigit = "imo-check-digit";

    /// <summary>A currency that is not an ISO 4217 code in use.</summary>
    public const string CurrencyUnknown = "currency-unknown";

    /// <summary>A house filing whose master filing, or a consolidated master filing whose house filings, were not received by the filing deadline.</summary>
    /// <remarks>Not found in the content of a message: OpenCTS adds it when assessing, from the filings linked by master document number.</remarks>
    public const string CounterpartMissing = "counterpart-missing";
}
