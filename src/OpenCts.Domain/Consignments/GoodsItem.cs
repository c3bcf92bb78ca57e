using OpenCts.Domain.Common;
using OpenCts.Domain.Values;

namespace OpenCts.Domain.Consignments;

/// <summary>One line of goods in a consignment: what it is, how much, what it is worth and where it was made.</summary>
public sealed record GoodsItem
{
    public GoodsItem(
        int sequence,
        HsCode? hsCode,
        string? description,
        int packages,
        string? packageType,
        decimal grossMassKg,
        decimal? netMassKg,
        Money? value,
        CountryCode? origin,
        ValueList<string> containers = default)
    {
        Sequence = sequence;
        HsCode = hsCode;
        Description = description ?? "";
        Packages = packages;
        PackageType = packageType;
        GrossMassKg = grossMassKg;
        NetMassKg = netMassKg;
        Value = value;
        Origin = origin;
        Containers = containers;
        if (netMassKg > grossMassKg)
        {
            throw new DomainException("netMassKg", $"net mass {netMassKg} kg exceeds gross mass {grossMassKg} kg");
        }
    }

    /// <summary>The item number on the document, from 1.</summary>
    public int Sequence { get; init => field = value >= 1 ? value : throw new DomainException("sequence", $"{value} must be 1 or more"); }

    public HsCode? HsCode { get; init; }

    /// <summary>The description of the goods; empty when the sender gave none, which the consignment's data-quality findings record.</summary>
    public string Description { get; init => field = DescriptionOf(value); } = "";

    /// <summary>A description as a goods line holds it: trimmed, and empty when blank.</summary>
    internal static string DescriptionOf(string? value) => Guard.Optional(value, "description", 1024) ?? "";

    /// <summary>True when the description names no goods, such as GIFT or SAID TO CONTAIN (<see cref="GoodsDescriptions"/>).</summary>
    public bool DescriptionVague => GoodsDescriptions.IsVague(Description);

    public int Packages { get; init => field = Guard.NotNegative(value, "packages"); }

    /// <summary>UN/ECE Recommendation 21 package type code, such as <c>CT</c> (carton) or <c>PK</c>.</summary>
    public string? PackageType { get; init => field = Guard.Optional(value, "packageType", 8); }

    public decimal GrossMassKg { get; init => field = Guard.NotNegative(value, "grossMassKg"); }

    public decimal? NetMassKg { get; init => field = value is { } v ? Guard.NotNegative(v, "netMassKg") : null; }

    /// <summary>The declared or invoice value of the line.</summary>
    public Money? Value { get; init; }

    /// <summary>The country of origin of the goods.</summary>
    public CountryCode? Origin { get; init; }

    /// <summary>The container numbers this item is stuffed in, when the document says so.</summary>
    public ValueList<string> Containers { get; init; }

    /// <summary>Reference value, platform order, predicted heading and brand of the line, when the e-commerce indicators were computed.</summary>
    /// <remarks>Not part of what a sender sends: OpenCTS attaches it before assessment.</remarks>
    public Commerce.GoodsFacts? Commerce { get; init; }

    /// <summary>Declared value per kilogram of gross mass; null without a value or a mass.</summary>
    public decimal? ValuePerKg => Value is { } v && GrossMassKg > 0 ? v.Amount / GrossMassKg : null;
}
