using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using OpenCts.Domain.Values;

namespace OpenCts.Commerce.Valuation;

/// <summary>What one customs administration sets for the e-commerce indicators: its currency, de minimis thresholds, VAT and duty rates.</summary>
/// <remarks>
/// Read from a JSON file (<c>data/commerce/settings.json</c> is an illustrative default, docs/ecommerce.md#settings).
/// Duty rates are given by HS chapter (2 digits) or heading (4 digits); the longest prefix of a code wins, and a code
/// no rate names takes <see cref="DefaultDutyRate"/>. The rates are what revenue at risk is computed at: a flat rate
/// per chapter is an estimate of the tariff, not the tariff.
/// </remarks>
public sealed record CommerceSettings
{
    private readonly FrozenDictionary<string, double> _dutyRates = FrozenDictionary<string, double>.Empty;

    /// <summary>The administration the settings are for, as a person names it.</summary>
    public string Administration { get; init; } = "";

    /// <summary>The currency every national amount is in.</summary>
    public required CurrencyCode NationalCurrency { get; init; }

    /// <summary>The line value, in the national currency, at or below which no customs duty is collected.</summary>
    public double DutyDeMinimis { get; init; }

    /// <summary>The line value at or below which no import VAT is collected (0: VAT on every parcel, as in the EU since 2021).</summary>
    public double VatDeMinimis { get; init; }

    /// <summary>The import VAT rate, charged on the value plus duty (0.21 for 21 %).</summary>
    public double VatRate { get; init; }

    /// <summary>The duty rate of a code that no chapter or heading rate names.</summary>
    public double DefaultDutyRate { get; init; }

    /// <summary>Duty rates by HS chapter (2 digits) or heading (4 digits).</summary>
    public IReadOnlyDictionary<string, double> DutyRates
    {
        get => _dutyRates;
        init => _dutyRates = value.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Past lines needed under a key before a reference value is claimed for it.</summary>
    public int MinimumHistory { get; init; } = ReferenceValues.DefaultMinimumHistory;

    /// <summary>Unit values kept per key (the reservoir's size): the memory bound of the reference values.</summary>
    public int SampleSize { get; init; } = ReferenceValues.DefaultSampleSize;

    /// <summary>The duty rate of an HS code (4 digits or more): its heading's rate, else its chapter's, else the default.</summary>
    public double DutyRate(ReadOnlySpan<char> hs)
    {
        var lookup = _dutyRates.GetAlternateLookup<ReadOnlySpan<char>>();
        if (hs.Length >= 4 && lookup.TryGetValue(hs[..4], out var heading))
        {
            return heading;
        }
        return hs.Length >= 2 && lookup.TryGetValue(hs[..2], out var chapter) ? chapter : DefaultDutyRate;
    }

    /// <summary>Reads a settings file; a wrong or missing value raises a <see cref="CommerceFileException"/> naming its line and field.</summary>
    public static CommerceSettings Load(string path)
    {
        using var file = JsonFile.Read(path);
        return Read(file);
    }

    /// <summary>Reads settings from JSON text, naming <paramref name="fileName"/> in errors.</summary>
    public static CommerceSettings Parse(string json, string fileName = "settings.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        using var file = JsonFile.Parse(fileName, System.Text.Encoding.UTF8.GetBytes(json));
        return Read(file);
    }

    private static CommerceSettings Read(JsonFile file)
    {
        var root = file.Root;
        file.OnlyFields(root, "$", "administration", "nationalCurrency", "dutyDeMinimis", "vatDeMinimis", "vatRate", "defaultDutyRate", "dutyRates", "referenceValues");
        var administration = root.TryGetProperty("administration", out _) ? file.Text(root, "$", "administration") : "";
        var currencyText = file.Text(root, "$", "nationalCurrency");
        if (!CurrencyCode.TryParse(currencyText, out var currency, out var error))
        {
            throw file.Error("$.nationalCurrency", error);
        }
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        if (root.TryGetProperty("dutyRates", out var dutyRates))
        {
            if (dutyRates.ValueKind != JsonValueKind.Object)
            {
                throw file.Error("$.dutyRates", "must be an object of rates by chapter or heading, such as {\"61\": 0.12}");
            }
            foreach (var rate in dutyRates.EnumerateObject())
            {
                if (rate.Name.Length is not (2 or 4) || !rate.Name.All(char.IsAsciiDigit))
                {
                    throw file.Error("$.dutyRates." + rate.Name, "is not an HS chapter (2 digits) or heading (4 digits)");
                }
                rates[rate.Name] = file.Number(dutyRates, "$.dutyRates", rate.Name, 0, 1);
            }
        }
        int minimumHistory = ReferenceValues.DefaultMinimumHistory, sampleSize = ReferenceValues.DefaultSampleSize;
        if (root.TryGetProperty("referenceValues", out var reference))
        {
            file.OnlyFields(reference, "$.referenceValues", "minimumHistory", "sampleSize");
            minimumHistory = file.Integer(reference, "$.referenceValues", "minimumHistory", 1, 100_000, ReferenceValues.DefaultMinimumHistory);
            sampleSize = file.Integer(reference, "$.referenceValues", "sampleSize", 16, 65_536, ReferenceValues.DefaultSampleSize);
            if (minimumHistory > sampleSize)
            {
                throw file.Error("$.referenceValues.minimumHistory", string.Create(CultureInfo.InvariantCulture, $"{minimumHistory} exceeds the sample size {sampleSize}"));
            }
        }
        return new CommerceSettings
        {
            Administration = administration,
            NationalCurrency = currency.Value,
            DutyDeMinimis = file.Number(root, "$", "dutyDeMinimis", 0, 1e9, 0),
            VatDeMinimis = file.Number(root, "$", "vatDeMinimis", 0, 1e9, 0),
            VatRate = file.Number(root, "$", "vatRate", 0, 1),
            DefaultDutyRate = file.Number(root, "$", "defaultDutyRate", 0, 1),
            DutyRates = rates,
            MinimumHistory = minimumHistory,
            SampleSize = sampleSize,
        };
    }
}
