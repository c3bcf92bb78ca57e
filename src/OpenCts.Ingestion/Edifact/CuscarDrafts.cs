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
    public Dictionary<string, string> References = new(StringComparer.Ordinal);
    public VoyageDraft Voyage = new();
    public List<PartyDraft> Parties = [];
    public List<GoodsDraft> Goods = [];
    public List<EquipmentDraft> Equipment = [];
    public decimal? ControlGrossKg;
    public decimal? ControlPackages;
    public SegmentPlace? ControlPlace;
}
