using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.Ingestion.Reference;

namespace OpenCts.Ingestion.Quality;

/// <summary>The data-quality rules in one place: every format reads a sender's values through it and runs it on each consignment it builds.</summary>
/// <remarks>
/// A message whose structure can be read is always taken. A value the model cannot hold (an HS code of letters, a
/// place that is no UN/LOCODE) is left out with a finding as it is read; a value it can hold but that is wrong (an HS
/// code HS 2022 does not have, a container whose check digit fails, a vague description) is kept as given and found by
/// <see cref="Apply"/>. Rule names are those of <see cref="DataQualityRules"/>; <c>docs/data-quality.md</c> lists them.
/// </remarks>
public static class DataQualityCheck
{
    /// <summary>Reads an HS code: kept when it is 6 to 10 digits (whether HS 2022 has it is checked by <see cref="Apply"/>), else left out with a finding.</summary>
    public static HsCode? HsCode(string? text, string path, ICollection<DataQualityFinding> findings)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Domain.Values.HsCode.TryParseUnchecked(text, out var code))
        {
            return code;
        }
        findings.Add(new(path, text, DataQualityRules.HsUnknown, $"HS code '{text}' is not 6 to 10 digits; the code is left out"));
        return null;
    }

    /// <summary>Reads a UN/LOCODE: kept when well formed (whether the list has it is checked by <see cref="Apply"/>), else left out with a finding.</summary>
    public static UnLocode? Place(string? text, string path, ICollection<DataQualityFinding> findings)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (UnLocode.TryParse(text, out var place, out var error))
        {
            return place;
        }
        findings.Add(new(path, text, DataQualityRules.PlaceUnknown, error + "; the place is left out"));
        return null;
    }

    /// <summary>Reads an ISO 3166-1 country code, or leaves it out with a finding.</summary>
    public static CountryCode? Country(string? text, string path, ICollection<DataQualityFinding> findings)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (CountryCode.TryParse(text, out var country, out var error))
        {
            return country;
        }
        findings.Add(new(path, text, DataQualityRules.CountryUnknown, error + "; the country is left out"));
        return null;
    }

    /// <summary>Reads a currency: kept when three letters (whether ISO 4217 has it is checked by <see cref="Apply"/>), else left out with a finding.</summary>
    public static CurrencyCode? Currency(string? text, string path, ICollection<DataQualityFinding> findings)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (CurrencyCode.TryParseUnchecked(text, out var currency))
        {
            return currency;
        }
        findings.Add(new(path, text, DataQualityRules.CurrencyUnknown, $"currency '{text}' is not an ISO 4217 code; the value is left out"));
        return null;
    }

    /// <summary>Reads a container number: kept when shaped as ISO 6346 even if its check digit fails, else left out with a finding.</summary>
    public static ContainerNumber? Container(string? text, string path, ICollection<DataQualityFinding> findings)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (ContainerNumber.TryParseUnchecked(text, out var number, out var error))
        {
            return number;
        }
        findings.Add(new(path, text, DataQualityRules.ContainerCheckDigit, error + "; the container is left out"));
        return null;
    }

    /// <summary>Reads an IMO number: kept when seven digits even if its check digit fails, else left out with a finding.</summary>
    public static ImoNumber? Imo(string? text, string path, ICollection<DataQualityFinding> findings)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (ImoNumber.TryParseUnchecked(text, out var imo, out var error))
        {
            return imo;
        }
        findings.Add(new(path, text, DataQualityRules.ImoCheckDigit, error + "; the number is left out"));
        return null;
    }

    /// <summary>Checks a built consignment and returns it with its findings: those of values left out while reading, then those found now.</summary>
    /// <remarks>
    /// Findings the consignment already carries are replaced: they are always those of this check. A clean consignment
    /// that carries none is returned as it is, with no copy: every format calls this once per consignment it reads.
    /// </remarks>
    public static Consignment Apply(Consignment consignment, IEnumerable<DataQualityFinding>? dropped = null)
    {
        // The list is only made once there is a finding: most consignments have none.
        List<DataQualityFinding>? findings = dropped switch
        {
            null => null,
            ICollection<DataQualityFinding> { Count: 0 } => null,
            _ => new List<DataQualityFinding>(dropped),
        };
        Place(consignment.PlaceOfLoading, "placeOfLoading", ref findings);
        Place(consignment.PlaceOfDischarge, "placeOfDischarge", ref findings);
        Place(consignment.FinalDestination, "finalDestination", ref findings);
        if (consignment.Conveyance?.Imo is { HasValidCheckDigit: false } imo)
        {
            Add(ref findings, new("conveyance.imo", imo.Value, DataQualityRules.ImoCheckDigit, $"IMO number '{imo.Value}' fails its check digit"));
        }
        var equipment = consignment.Equipment;
        for (var i = 0; i < equipment.Count; i++)
        {
            var number = equipment[i].ContainerNumber;
            if (!number.HasValidCheckDigit)
            {
                Add(ref findings, new($"equipment[{i}].containerNumber", number.Value, DataQualityRules.ContainerCheckDigit, $"container number '{number.Value}' fails the ISO 6346 check digit"));
            }
        }
        var goods = consignment.Goods;
        for (var i = 0; i < goods.Count; i++)
        {
            Goods(goods[i], i, equipment, ref findings);
        }
        if (findings is null)
        {
            return consignment.DataQuality.Count == 0 ? consignment : consignment with { DataQuality = Domain.Common.ValueList<DataQualityFinding>.Empty };
        }
        return consignment with { DataQuality = Distinct(findings) };
    }

    private static void Add(ref List<DataQualityFinding>? findings, DataQualityFinding finding) => (findings ??= []).Add(finding);

    private static void Goods(GoodsItem item, int index, Domain.Common.ValueList<Equipment> equipment, ref List<DataQualityFinding>? findings)
    {
        if (item.HsCode is { } hs && !HsNomenclature.Contains(hs.Value))
        {
            Add(ref findings, new($"goods[{index}].hsCode", hs.Value, DataQualityRules.HsUnknown, $"HS code '{hs.Value}' is not a subheading of HS 2022"));
        }
        if (item.Description.Length == 0)
        {
            Add(ref findings, new($"goods[{index}].description", null, DataQualityRules.DescriptionMissing, "the goods item has no description"));
        }
        else if (item.DescriptionVague)
        {
            Add(ref findings, new($"goods[{index}].description", item.Description, DataQualityRules.DescriptionVague, $"'{item.Description}' does not say what the goods are"));
        }
        if (item.Value is { } value && !Currencies.Contains(value.Currency.Value))
        {
            Add(ref findings, new($"goods[{index}].value.currency", value.Currency.Value, DataQualityRules.CurrencyUnknown, $"currency '{value.Currency.Value}' is not an ISO 4217 code in use"));
        }
        for (var j = 0; j < item.Containers.Count; j++)
        {
            var text = item.Containers[j];
            if (ContainerNumber.TryParse(text, out _, out var error) ||
                (ContainerNumber.TryParseUnchecked(text, out var kept, out _) && Listed(equipment, kept.Value)))
            {
                // A container also listed as equipment has its finding there.
                continue;
            }
            Add(ref findings, new($"goods[{index}].containers[{j}]", text, DataQualityRules.ContainerCheckDigit, error));
        }
    }

    private static void Place(UnLocode? place, string path, ref List<DataQualityFinding>? findings)
    {
        // The embedded edition leaves some countries out; a place is only unknown where the list covers its country.
        if (place is { } code && UnLocodes.Covers(code.Country) && !UnLocodes.Contains(code))
        {
            Add(ref findings, new(path, code.Value, DataQualityRules.PlaceUnknown, $"'{code.Value}' is not a place in UN/LOCODE"));
        }
    }

    private static bool Listed(Domain.Common.ValueList<Equipment> equipment, ContainerNumber number)
    {
        foreach (var e in equipment)
        {
            if (e.ContainerNumber == number)
            {
                return true;
            }
        }
        return false;
    }

    private static Domain.Common.ValueList<DataQualityFinding> Distinct(List<DataQualityFinding> findings)
    {
        if (findings.Count == 0)
        {
            return Domain.Common.ValueList<DataQualityFinding>.Empty;
        }
        var seen = new HashSet<(string, string)>();
        var kept = new List<DataQualityFinding>(findings.Count);
        foreach (var f in findings)
        {
            if (seen.Add((f.Path, f.Rule)))
            {
                kept.Add(f);
            }
        }
        return new(kept);
    }
}
