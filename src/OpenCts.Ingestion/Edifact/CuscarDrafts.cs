using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;

namespace OpenCts.Ingestion.Edifact;

/// <summary>Where a draft was read, so that a model error found later still names its segment.</summary>
internal readonly record struct SegmentPlace(int Number, string Tag, int Offset);

/// <summary>Drafts kept from one message to the next, so that reading a message allocates only what its consignments keep.</summary>
/// <remarks>Every draft is dropped once its message is built; the next message takes them again, reset.</remarks>
internal sealed class DraftPool<T>(Func<T> create)
    where T : class, IDraft
{
    private readonly List<T> _drafts = [];
    private int _used;

    /// <summary>A draft as new.</summary>
    public T Take()
    {
        if (_used == _drafts.Count)
        {
            _drafts.Add(create());
        }
        var draft = _drafts[_used++];
        draft.Reset();
        return draft;
    }

    /// <summary>Gives back every draft taken (the message they were read for is built).</summary>
    public void ReturnAll() => _used = 0;
}

internal interface IDraft
{
    void Reset();
}

/// <summary>The transport details of a message (TDT group) or of one consignment.</summary>
internal sealed class VoyageDraft : IDraft
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

    public void Reset()
    {
        Mode = null;
        Reference = CarrierCode = CarrierName = MeansId = MeansName = Currency = null;
        MeansIsImo = false;
        Loading = Discharge = FinalDestination = null;
        LoadingRank = FinalRank = int.MaxValue;
        Route.Clear();
        Departure = Arrival = null;
        DepartureEstimated = ArrivalEstimated = false;
    }
}

internal sealed class PartyDraft : IDraft
{
    public PartyRole Role;
    public SegmentPlace Place;
    public string? Name;
    public string? IdentifierScheme;
    public string? Identifier;
    public string? Street;
    public string? City;
    public string? Postcode;
    public CountryCode? Country;
    public string? Phone;
    public string? Email;

    /// <summary>A country as sent that is no ISO 3166-1 code, left out of <see cref="Country"/>; it becomes a finding once the party has its place in a consignment.</summary>
    public DataQualityFinding? CountryFault;

    public void Reset()
    {
        Role = default;
        Place = default;
        CountryFault = null;
        Name = IdentifierScheme = Identifier = Street = City = Postcode = Phone = Email = null;
        Country = null;
    }
}

internal sealed class EquipmentDraft : IDraft
{
    public ContainerNumber Number;
    public SegmentPlace Place;
    public string? SizeType;
    public List<string> Seals = [];

    public void Reset()
    {
        Number = default;
        Place = default;
        SizeType = null;
        Seals.Clear();
    }
}

internal sealed class GoodsDraft : IDraft
{
    public SegmentPlace Place;
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

    /// <summary>Faults in the item's values, with paths within the item (<c>hsCode</c>).</summary>
    public List<DataQualityFinding> Findings = [];

    public void Reset()
    {
        Findings.Clear();
        Place = default;
        Sequence = Packages = null;
        PackageType = Currency = null;
        Description.Clear();
        HsCode = null;
        GrossKg = NetKg = Value = null;
        ValuePlace = null;
        Origin = null;
        Containers.Clear();
    }
}

internal sealed class ConsignmentDraft : IDraft
{
    public SegmentPlace Place;
    public string? Number;
    public DocumentReferences References = new();
    public VoyageDraft Voyage = new();
    public List<PartyDraft> Parties = [];
    public List<GoodsDraft> Goods = [];
    public List<EquipmentDraft> Equipment = [];
    public decimal? ControlGrossKg;
    public decimal? ControlPackages;
    public SegmentPlace? ControlPlace;

    /// <summary>Faults in the consignment's own values, with paths within the consignment (<c>placeOfLoading</c>).</summary>
    public List<DataQualityFinding> Findings = [];

    public void Reset()
    {
        Findings.Clear();
        Place = default;
        Number = null;
        References.Clear();
        Voyage.Reset();
        Parties.Clear();
        Goods.Clear();
        Equipment.Clear();
        ControlGrossKg = ControlPackages = null;
        ControlPlace = null;
    }
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

    public void Clear() => _items.Clear();

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
