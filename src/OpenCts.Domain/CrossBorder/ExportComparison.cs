using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;

namespace OpenCts.Domain.CrossBorder;

/// <summary>
/// The exporting administration's record of the same shipment, checked against its log and compared with the
/// import consignment field by field: what the profile language reads as <c>export.*</c>.
/// </summary>
/// <param name="Administration">Who exported: the exporting administration's log name.</param>
/// <param name="Verified">True when the proof bundle verified against that administration's key and witnesses.</param>
/// <param name="ValueDifference">Import value minus export value, relative to the export value (-0.6: declared 60 % lower on import); null when not comparable (no values or other currencies).</param>
/// <param name="MassDifference">Import gross mass minus export gross mass, relative to the export mass.</param>
/// <param name="PackagesDifference">Import packages minus export packages.</param>
/// <param name="HsMismatch">True when an HS subheading declared on import was not declared on export, or the reverse.</param>
/// <param name="PartyMismatch">True when the consignor or consignee differs between the two records.</param>
/// <param name="Differences">Each difference found, as text an officer reads.</param>
public sealed record ExportComparison(
    string Administration,
    bool Verified,
    double? ValueDifference,
    double? MassDifference,
    int PackagesDifference,
    bool HsMismatch,
    bool PartyMismatch,
    ValueList<string> Differences);

/// <summary>Compares an import consignment with the exporting administration's record of it.</summary>
public static class ExportComparer
{
    public static ExportComparison Compare(Consignment import, Consignment export, string administration, bool verified)
    {
        var differences = new List<string>();
        var valueDifference = Relative(TotalValue(import), TotalValue(export));
        if (valueDifference is { } v && Math.Abs(v) > 0.001)
        {
            differences.Add($"value: {TotalValue(import)!.Value.Amount:0.##} on import, {TotalValue(export)!.Value.Amount:0.##} on export ({v:+0.#%;-0.#%})");
        }
        var massDifference = Relative(import.TotalGrossMassKg, export.TotalGrossMassKg);
        if (massDifference is { } m && Math.Abs(m) > 0.001)
        {
            differences.Add($"gross mass: {import.TotalGrossMassKg:0.##} kg on import, {export.TotalGrossMassKg:0.##} kg on export ({m:+0.#%;-0.#%})");
        }
        var packages = import.Goods.Sum(g => g.Packages) - export.Goods.Sum(g => g.Packages);
        if (packages != 0)
        {
            differences.Add($"packages: {packages:+0;-0} on import");
        }
        var importHs = import.Goods.Where(g => g.HsCode is not null).Select(g => g.HsCode!.Value.Subheading).ToHashSet(StringComparer.Ordinal);
        var exportHs = export.Goods.Where(g => g.HsCode is not null).Select(g => g.HsCode!.Value.Subheading).ToHashSet(StringComparer.Ordinal);
        var hsMismatch = importHs.Count > 0 && exportHs.Count > 0 && !importHs.SetEquals(exportHs);
        if (hsMismatch)
        {
            differences.Add($"HS subheadings: {string.Join(" ", importHs.Order(StringComparer.Ordinal))} on import, {string.Join(" ", exportHs.Order(StringComparer.Ordinal))} on export");
        }
        var partyMismatch = false;
        foreach (var role in new[] { PartyRole.Consignor, PartyRole.Consignee })
        {
            var a = import.PartyIn(role)?.Name;
            var b = export.PartyIn(role)?.Name;
            if (a is not null && b is not null && !string.Equals(Normalise(a), Normalise(b), StringComparison.Ordinal))
            {
                partyMismatch = true;
                differences.Add($"{JsonNameOf(role)}: '{a}' on import, '{b}' on export");
            }
        }
        if (!verified)
        {
            differences.Insert(0, "the export record's proof did not verify");
        }
        return new ExportComparison(administration, verified, valueDifference, massDifference, packages, hsMismatch, partyMismatch, new ValueList<string>(differences));
    }

    private static Values.Money? TotalValue(Consignment c)
    {
        Values.CurrencyCode? currency = null;
        var total = 0m;
        foreach (var item in c.Goods)
        {
            if (item.Value is not { } value || (currency is { } cur && cur != value.Currency))
            {
                return null;
            }
            currency = value.Currency;
            total += value.Amount;
        }
        return currency is { } code ? new Values.Money(total, code) : null;
    }

    private static double? Relative(Values.Money? import, Values.Money? export) =>
        import is { } i && export is { } e && i.Currency == e.Currency ? Relative(i.Amount, e.Amount) : null;

    private static double? Relative(decimal import, decimal export) => export == 0 ? null : (double)((import - export) / export);

    private static string Normalise(string name) =>
        new string(name.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();

    private static string JsonNameOf(PartyRole role) => role == PartyRole.Consignor ? "consignor" : "consignee";
}
