using System.Globalization;
using System.Text;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Profiles;

namespace OpenCts.Bench.Quality.Profiles;

/// <summary>The criteria on one goods item of a <see cref="MixRule"/>: all must hold for the same item.</summary>
public sealed record MixItemRule(
    IReadOnlyList<string>? HsPrefixes = null,
    IReadOnlyList<string>? Origins = null,
    double? MaxValuePerKg = null,
    double? MaxValue = null,
    double? MinGrossMass = null);

/// <summary>A generated risk profile in a structured form that renders to the profile language and to the peer engines alike.</summary>
/// <remarks>Every field set is one more criterion joined by <c>and</c>; the benchmark compares engines on exactly these criteria.</remarks>
public sealed record MixRule(
    string Id,
    ThreatCategory Category,
    ProfileAction Action,
    double Weight,
    string? Mode = null,
    string? Direction = null,
    IReadOnlyList<string>? ConsignorCountries = null,
    IReadOnlyList<string>? PassesThrough = null,
    IReadOnlyList<string>? DestinationCountries = null,
    bool ConsigneeWithoutEori = false,
    double? MaxDaysToArrival = null,
    double? MinTotalValue = null,
    MixItemRule? Item = null)
{
    /// <summary>The criteria in the profile language.</summary>
    public string Criteria()
    {
        var parts = new List<string>();
        if (Mode is not null)
        {
            parts.Add($"mode == \"{Mode}\"");
        }
        if (Direction is not null)
        {
            parts.Add($"direction == \"{Direction}\"");
        }
        if (ConsignorCountries is not null)
        {
            parts.Add($"consignor.country in {List(ConsignorCountries)}");
        }
        if (PassesThrough is not null)
        {
            parts.Add($"passesThrough({List(PassesThrough)})");
        }
        if (DestinationCountries is not null)
        {
            parts.Add($"finalDestination.country in {List(DestinationCountries)}");
        }
        if (ConsigneeWithoutEori)
        {
            parts.Add("consignee.eori == null");
        }
        if (MaxDaysToArrival is { } days)
        {
            parts.Add($"daysToArrival < {Number(days)}");
        }
        if (MinTotalValue is { } total)
        {
            parts.Add($"totalValue > {Number(total)}");
        }
        if (Item is { } item)
        {
            var itemParts = new List<string>();
            if (item.HsPrefixes is not null)
            {
                itemParts.Add($"goods.hs startsWith {List(item.HsPrefixes)}");
            }
            if (item.Origins is not null)
            {
                itemParts.Add($"goods.origin in {List(item.Origins)}");
            }
            if (item.MaxValuePerKg is { } perKg)
            {
                itemParts.Add($"goods.valuePerKg < {Number(perKg)}");
            }
            if (item.MaxValue is { } value)
            {
                itemParts.Add($"goods.value < {Number(value)}");
            }
            if (item.MinGrossMass is { } mass)
            {
                itemParts.Add($"goods.grossMass > {Number(mass)}");
            }
            parts.Add("any goods: " + string.Join(" and ", itemParts));
        }
        return string.Join(" and ", parts);
    }

    /// <summary>The rule as an active risk profile.</summary>
    public RiskProfile ToProfile() => new(Id, $"{Category} {Id}", Category, Criteria(), Weight, Action, "benchmark");

    private static string List(IReadOnlyList<string> items)
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < items.Count; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append('"').Append(items[i]).Append('"');
        }
        return text.Append(']').ToString();
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
