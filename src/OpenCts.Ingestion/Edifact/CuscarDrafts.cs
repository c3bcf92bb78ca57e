using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;

namespace OpenCts.Ingestion.Edifact;

/// <summary>Where a draft was read, so that a model error found later still names its segment.</summary>
internal readonly record struct SegmentPlace(int Number, string Tag, int Offset);

/// <summary>The transport details of a message (TDT group) or of one consignment.</summary>
internal sealed class VoyageDraft
{
    public TransportMode? Mode;
    public string? Reference;
    public string? CarrierCode;
    public string? CarrierName;
    public string? MeansId;
    public bool MeansIsImo;
    public string? MeansName;
    public UnLocode? Loading;
    public int LoadingRank = int.MaxValue;
    public UnLocode? Discharge;
    public UnLocode? FinalDestination;
    public int FinalRank = int.MaxValue;
    public List<CountryCode> Route = [];
    public DateTimeOffset? Departure;
    public bool DepartureEstimated;
    public DateTimeOffset? Arrival;
    public bool ArrivalEstimated;
    public string? Currency;
}

internal sealed class PartyDraft
{
    public required PartyRole Role;
    public required SegmentPlace Place;
    public string? Name;
    public string? IdentifierScheme;
    public string? Identifier;
    public string? Street;
    public string? City;
    public string? Postcode;
    public CountryCode? Country;
    public string? Phone;
    public string? Email;
}

internal sealed class EquipmentDraft
{
    public required ContainerNumber Number;
    public required SegmentPlace Place;
    public string? SizeType;
    public List<string> Seals = [];
}

internal sealed class GoodsDraft
{
    public required SegmentPlace Place;
    public int? Sequence;
    public int? Packages;
    public string? PackageType;
    public List<string> Description = [];
    public HsCode? HsCode;
    public decimal? GrossKg;
    public decimal? NetKg;
    public decimal? Value;
    public string? Currency;
    public SegmentPlace? ValuePlace;
    public CountryCode? Origin;
    public List<string> Containers = [];
}

internal sealed class ConsignmentDraft
{
    public required SegmentPlace Place;
    public string? Number;
    public DocumentReferences References = new();
    public VoyageDraft Voyage = new();
    public List<PartyDraft> Parties = [];
    public List<GoodsDraft> Goods = [];
    public List<EquipmentDraft> Equipment = [];
    public decimal? ControlGrossKg;
    public decimal? ControlPackages;
    public SegmentPlace? ControlPlace;
}

/// <summary>The document numbers a CNI group names by RFF qualifier; the first of each qualifier counts.</summary>
/// <remarks>A handful of entries at most, so a list beats a dictionary on allocation.</remarks>
internal sealed class DocumentReferences
{
    private readonly List<(string Qualifier, string Number)> _items = new(2);

    public void TryAdd(string qualifier, string number)
    {
        if (!ContainsKey(qualifier))
        {
            _items.Add((qualifier, number));
        }
    }

    public bool ContainsKey(string qualifier) => TryGetValue(qualifier, out _);

    public bool TryGetValue(string qualifier, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? number)
    {
        foreach (var (q, n) in _items)
        {
            if (string.Equals(q, qualifier, StringComparison.Ordinal))
            {
                number = n;
                return true;
            }
        }
        number = null;
        return false;
    }

    public string? GetValueOrDefault(string qualifier) => TryGetValue(qualifier, out var n) ? n : null;

    public string this[string qualifier] => GetValueOrDefault(qualifier) ?? throw new KeyNotFoundException(qualifier);
}
