using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.Ingestion.Quality;

namespace OpenCts.Ingestion.Iata;

/// <summary>What an IATA message says about one waybill, before it becomes a consignment.</summary>
internal sealed class AirWaybillDraft
{
    public required string Number;
    public string? MasterNumber;
    public required string Place;
    public string? Origin;
    public string? Destination;
    public string? FlightNumber;
    public string? CarrierCode;
    public DateTimeOffset? Departure;
    public DateTimeOffset? Arrival;
    public int Pieces;
    public decimal GrossKg;
    public List<AirPartyDraft> Parties = [];
    public List<AirItemDraft> Items = [];
}

internal sealed class AirPartyDraft
{
    public required PartyRole Role;
    public string? Name;
    public string? Street;
    public string? City;
    public string? Postcode;
    public string? Country;
    public string? Phone;
    public string? Email;
    public string? Account;
}

internal sealed class AirItemDraft
{
    public int? Pieces;
    public decimal? GrossKg;
    public List<string> Description = [];
    public string? HsCode;
    public string? Origin;
}

/// <summary>Builds consignments from waybill drafts; model errors and unknown airports are reported at the draft's place.</summary>
/// <remarks>Faults in the content (an HS code HS 2022 lacks, no goods description, an unknown airport) become the consignment's data-quality findings.</remarks>
internal static class AirWaybills
{
    public static Consignment? Build(AirWaybillDraft d, AirportCodes airports, Provenance provenance, List<IngestionIssue> issues)
    {
        try
        {
            var kind = d.MasterNumber is null ? TransportDocumentKind.MasterAirWaybill : TransportDocumentKind.HouseAirWaybill;
            var document = new TransportDocument(d.Number, kind, d.MasterNumber);
            var findings = new List<DataQualityFinding>();
            var parties = new List<Party>();
            foreach (var p in d.Parties)
            {
                if (p.Name is null)
                {
                    continue;
                }
                var country = DataQualityCheck.Country(p.Country, $"parties[{parties.Count}].country", findings);
                var address = p.Street is null && p.City is null && p.Postcode is null ? null : new Address(p.Street, p.City, p.Postcode, country);
                ValueList<PartyIdentifier> ids = p.Account is null ? default : [new PartyIdentifier("ACCOUNT", p.Account)];
                parties.Add(new Party(p.Role, p.Name, address, country, ids, p.Phone, p.Email));
            }
            var items = d.Items.Count > 0 ? d.Items : [new AirItemDraft()];
            var goods = new List<GoodsItem>();
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var single = items.Count == 1;
                goods.Add(new GoodsItem(
                    i + 1,
                    DataQualityCheck.HsCode(item.HsCode, $"goods[{i}].hsCode", findings),
                    item.Description.Count > 0 ? string.Join(' ', item.Description) : null,
                    item.Pieces ?? (single ? d.Pieces : 0),
                    null,
                    item.GrossKg ?? (single ? d.GrossKg : 0),
                    null,
                    null,
                    DataQualityCheck.Country(item.Origin, $"goods[{i}].origin", findings)));
            }
            var carrier = d.CarrierCode ?? (d.FlightNumber is { Length: >= 2 } f ? f[..2] : null);
            var consignment = new Consignment(
                document,
                Direction.Import,
                TransportMode.Air,
                parties,
                goods,
                carrier is null ? null : new Carrier(carrier, carrier),
                d.FlightNumber is null ? null : new Conveyance(flightNumber: d.FlightNumber),
                Airport(d.Origin, "origin", "placeOfLoading", d, airports, issues, findings),
                Airport(d.Destination, "destination", "placeOfDischarge", d, airports, issues, findings),
                null,
                default,
                d.Departure,
                d.Arrival,
                default,
                provenance);
            return DataQualityCheck.Apply(consignment, findings);
        }
        catch (DomainException e)
        {
            issues.Add(new(IssueSeverity.Error, d.Place, $"waybill {d.Number}: {e.Message}"));
            return null;
        }
    }

    private static UnLocode? Airport(string? iata, string what, string path, AirWaybillDraft d, AirportCodes airports, List<IngestionIssue> issues, List<DataQualityFinding> findings)
    {
        if (iata is null)
        {
            return null;
        }
        var code = airports.Find(iata);
        if (code is null)
        {
            issues.Add(new(IssueSeverity.Warning, d.Place, $"waybill {d.Number}: the {what} airport '{iata}' has no known UN/LOCODE; the place is left empty"));
            findings.Add(new(path, iata, DataQualityRules.PlaceUnknown, $"the {what} airport '{iata}' has no known UN/LOCODE; the place is left empty"));
        }
        return code;
    }
}
