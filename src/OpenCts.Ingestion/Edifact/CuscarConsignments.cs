using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.Ingestion.Quality;

namespace OpenCts.Ingestion.Edifact;

/// <summary>Lists and values kept from one message to the next while an interchange is built.</summary>
/// <remarks>
/// The lists are copied into the model's immutable lists, so they are only scratch. The values are immutable and shared
/// by consecutive consignments that have the same: a manifest's consignments mostly travel on one voyage, by one carrier
/// and one route, and every one of them is kept until the file is read.
/// </remarks>
internal sealed class ConsignmentScratch
{
    public readonly List<Consignment> Built = [];
    public readonly List<Party> Parties = [];
    public readonly List<GoodsItem> Goods = [];
    public readonly List<Equipment> Equipment = [];
    public readonly List<DataQualityFinding> Findings = [];

    /// <summary>Routes and carriers seen lately, by a hash of their content; a slot holding another replaces it, so the tables never grow.</summary>
    /// <remarks>
    /// A manifest mixes modes and carriers from one consignment to the next, so a cache of the last one alone rarely hits;
    /// a few slots keep the handful a file has.
    /// </remarks>
    private readonly ValueList<CountryCode>[] _routes = new ValueList<CountryCode>[64];
    private readonly Carrier?[] _carriers = new Carrier?[64];

    /// <summary>The same immutable list as the last time the same countries came, else a new one.</summary>
    public ValueList<CountryCode> RouteOf(List<CountryCode> countries)
    {
        if (countries.Count == 0)
        {
            return ValueList<CountryCode>.Empty;
        }
        var hash = countries.Count;
        foreach (var c in countries)
        {
            hash = hash * 31 + StringComparer.Ordinal.GetHashCode(c.Value);
        }
        var slot = (int)((uint)hash % (uint)_routes.Length);
        if (_routes[slot] is { Count: > 0 } cached && SameItems(cached, countries))
        {
            return cached;
        }
        ValueList<CountryCode> route = countries;
        _routes[slot] = route;
        return route;
    }

    /// <summary>The same carrier as the last time the same name and code came, else a new one.</summary>
    public Carrier CarrierOf(string name, string? code)
    {
        var slot = (int)((uint)HashCode.Combine(StringComparer.Ordinal.GetHashCode(name), code is null ? 0 : StringComparer.Ordinal.GetHashCode(code)) % (uint)_carriers.Length);
        if (_carriers[slot] is { } cached && string.Equals(cached.Name, name, StringComparison.Ordinal) && string.Equals(cached.Code, code?.ToUpperInvariant(), StringComparison.Ordinal))
        {
            return cached;
        }
        var carrier = new Carrier(name, code);
        _carriers[slot] = carrier;
        return carrier;
    }

    /// <summary>The same conveyance as the last time the same name, IMO number, voyage, flight and vehicle came, else a new one.</summary>
    public Conveyance ConveyanceOf(string? name, ImoNumber? imo, string? voyage, string? flight, string? vehicle)
    {
        var key = (name, imo, voyage, flight, vehicle);
        ref var slot = ref _conveyances[(int)((uint)key.GetHashCode() % (uint)_conveyances.Length)];
        if (slot.Value is { } cached && slot.Key.Equals(key))
        {
            return cached;
        }
        var conveyance = new Conveyance(name, imo, voyage, flight, vehicle);
        slot = (key, conveyance);
        return conveyance;
    }

    /// <summary>Conveyances by what the message gave for them (before the model trims and upper-cases it).</summary>
    private readonly ((string? Name, ImoNumber? Imo, string? Voyage, string? Flight, string? Vehicle) Key, Conveyance? Value)[] _conveyances = new ((string?, ImoNumber?, string?, string?, string?), Conveyance?)[64];

    /// <summary>The same immutable list as the last goods item's when it names the same containers, else a new one.</summary>
    /// <remarks>The goods items of a consignment are mostly stuffed in the same containers.</remarks>
    public ValueList<string> ContainersOf(List<string> containers)
    {
        if (containers.Count == 0)
        {
            return ValueList<string>.Empty;
        }
        if (_lastContainers.Count > 0 && SameItems(_lastContainers, containers))
        {
            return _lastContainers;
        }
        _lastContainers = containers;
        return _lastContainers;
    }

    private ValueList<string> _lastContainers;

    /// <summary>The same immutable list as the last time the same segments were left unmapped, else a new one.</summary>
    /// <remarks>The texts are mostly shared strings (<see cref="RepeatedText"/>), so the slot is found from their identities without reading them.</remarks>
    public ValueList<string> UnmappedOf(List<string> segments)
    {
        if (segments.Count == 0)
        {
            return ValueList<string>.Empty;
        }
        var hash = segments.Count;
        foreach (var text in segments)
        {
            hash = hash * 31 + System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(text);
        }
        var slot = (int)((uint)hash % (uint)_unmapped.Length);
        if (_unmapped[slot] is { Count: > 0 } cached && SameItems(cached, segments))
        {
            return cached;
        }
        ValueList<string> list = segments;
        _unmapped[slot] = list;
        return list;
    }

    private readonly ValueList<string>[] _unmapped = new ValueList<string>[64];

    private static bool SameItems<T>(ValueList<T> list, List<T> items)
    {
        if (list.Count != items.Count)
        {
            return false;
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(list[i], items[i]))
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>Turns the drafts of one CUSCAR message into consignments of the model, message-level data filling what a consignment leaves out.</summary>
/// <remarks>One builder serves every message of a file, as the reader and the issues it reads from do: each message sets its <see cref="Provenance"/>.</remarks>
internal sealed class CuscarConsignments(CuscarMessageReader message, EdifactIssues issues, Direction defaultDirection, ConsignmentScratch scratch)
{
    /// <summary>Sender, message and time of receipt of the message being built.</summary>
    public Provenance? Provenance { get; set; }

    /// <summary>The consignments built, in a scratch list that the next message reuses.</summary>
    public List<Consignment> Build()
    {
        var built = scratch.Built;
        built.Clear();
        foreach (var draft in message.Consignments)
        {
            if (Build(draft) is { } consignment)
            {
                built.Add(consignment);
            }
        }
        return built;
    }

    /// <summary>The keys of the documents the message's CNI segments name, for a cancellation.</summary>
    public List<string> DocumentKeys()
    {
        var keys = new List<string>();
        foreach (var draft in message.Consignments)
        {
            if (Document(draft, ModeOf(draft)) is { } document)
            {
                keys.Add(document.Key);
            }
        }
        return keys;
    }

    /// <summary>Checks the message's own control totals (CNT before the first CNI) against all its consignments.</summary>
    public void CheckMessageTotals(IReadOnlyList<Consignment> built)
    {
        if (message.ControlPlace is not { } place)
        {
            return;
        }
        if (message.ControlGrossKg is { } gross)
        {
            var sum = 0m;
            foreach (var c in built)
            {
                sum += c.TotalGrossMassKg;
            }
            if (Math.Abs(sum - gross) > Math.Max(0.01m, gross * 0.001m))
            {
                issues.Warning(At(place), $"control total CNT+7 gives {gross} kg for the message; its consignments add up to {sum} kg");
            }
        }
        if (message.ControlPackages is { } packages)
        {
            var sum = 0;
            foreach (var c in built)
            {
                sum = checked(sum + PackagesOf(c.Goods));
            }
            if (sum != packages)
            {
                issues.Warning(At(place), $"control total CNT+11 gives {packages} packages for the message; its consignments add up to {sum}");
            }
        }
    }

    private Consignment? Build(ConsignmentDraft draft)
    {
        var mode = ModeOf(draft);
        var document = Document(draft, mode);
        if (document is null)
        {
            return null;
        }
        var v = draft.Voyage;
        var h = message.Voyage;
        if (Goods(draft, v.Currency ?? h.Currency) is not { } goods || Parties(draft) is not { } parties)
        {
            return null;
        }
        CheckTotals(draft, goods);
        try
        {
            var carrierCode = v.CarrierCode ?? h.CarrierCode;
            var carrierName = v.CarrierName ?? h.CarrierName;
            Party? carrierParty = null;
            foreach (var p in parties)
            {
                if (p.Role == PartyRole.Carrier)
                {
                    carrierParty = p;
                    break;
                }
            }
            var carrier = carrierName is not null || carrierCode is not null
                ? Carrier(carrierName ?? carrierCode!, carrierCode)
                : carrierParty is not null ? new Carrier(carrierParty.Name, carrierParty.Identifiers.Count > 0 ? carrierParty.Identifiers[0].Value : null) : null;
            var findings = Findings(draft);
            var consignment = new Consignment(
                document,
                message.Direction ?? defaultDirection,
                mode,
                parties,
                goods,
                carrier,
                Conveyance(draft, mode, findings),
                v.Loading ?? h.Loading,
                v.Discharge ?? h.Discharge,
                v.FinalDestination ?? h.FinalDestination,
                scratch.RouteOf(v.Route.Count > 0 ? v.Route : h.Route),
                v.Departure ?? h.Departure,
                v.Arrival ?? h.Arrival,
                Equipment(draft),
                Provenance);
            return DataQualityCheck.Apply(consignment, findings);
        }
        catch (DomainException e)
        {
            issues.Error(At(draft.Place), $"consignment {document.Number}: {e.Message}");
            return null;
        }
    }

    private Carrier Carrier(string name, string? code) => scratch.CarrierOf(name, code);

    private TransportMode ModeOf(ConsignmentDraft draft)
    {
        if ((draft.Voyage.Mode ?? message.Voyage.Mode) is { } mode)
        {
            return mode;
        }
        var r = draft.References;
        if (r.ContainsKey(CuscarCodes.AirWaybill) || r.ContainsKey(CuscarCodes.HouseWaybill))
        {
            return TransportMode.Air;
        }
        return r.ContainsKey("ZPI") ? TransportMode.Postal : TransportMode.Sea;
    }

    private TransportDocument? Document(ConsignmentDraft draft, TransportMode mode)
    {
        var r = draft.References;
        r.TryGetValue(CuscarCodes.MasterBillOfLading, out var masterBill);
        (TransportDocumentKind Kind, string? Number, string? Master) found;
        if (r.TryGetValue(CuscarCodes.HouseWaybill, out var house))
        {
            found = (TransportDocumentKind.HouseAirWaybill, house, r.GetValueOrDefault(CuscarCodes.AirWaybill) ?? masterBill);
        }
        else if (r.TryGetValue(CuscarCodes.HouseBillOfLading, out house))
        {
            found = (TransportDocumentKind.HouseBillOfLading, house, r.GetValueOrDefault(CuscarCodes.BillOfLading) ?? masterBill);
        }
        else if (r.TryGetValue(CuscarCodes.AirWaybill, out var awb))
        {
            found = (TransportDocumentKind.MasterAirWaybill, awb, masterBill);
        }
        else if (r.TryGetValue(CuscarCodes.BillOfLading, out var bill))
        {
            found = (TransportDocumentKind.OceanBillOfLading, bill, masterBill);
        }
        else if (OtherDocument(r) is { } other)
        {
            found = (other.Kind, other.Number, masterBill);
        }
        else
        {
            var kind = mode switch
            {
                TransportMode.Air => TransportDocumentKind.MasterAirWaybill,
                TransportMode.Postal => TransportDocumentKind.PostalItem,
                TransportMode.Road => TransportDocumentKind.RoadConsignmentNote,
                TransportMode.Rail => TransportDocumentKind.RailConsignmentNote,
                _ => TransportDocumentKind.OceanBillOfLading,
            };
            found = (kind, draft.Number, masterBill);
        }
        if (found.Number is null)
        {
            issues.Error(At(draft.Place, 2, 1), "the consignment names no transport document; expected its number in CNI element 2 or an RFF+BM, BH, AWB or HWB");
            return null;
        }
        try
        {
            return new TransportDocument(found.Number, found.Kind, found.Master);
        }
        catch (DomainException e)
        {
            issues.Error(At(draft.Place, 2, 1), e.Message);
            return null;
        }
    }

    /// <summary>The first document of a kind the UN list has no qualifier for, in the order of <see cref="CuscarCodes.OtherDocuments"/>.</summary>
    private static (TransportDocumentKind Kind, string Number)? OtherDocument(DocumentReferences r)
    {
        foreach (var (kind, code) in CuscarCodes.OtherDocuments)
        {
            if (r.TryGetValue(code, out var number))
            {
                return (kind, number);
            }
        }
        return null;
    }

    /// <summary>The faults found while reading: the message's (where the consignment does not give the value itself), its own, its items'.</summary>
    private List<DataQualityFinding> Findings(ConsignmentDraft draft, CuscarMessageReader message)
    {
        // Scratch: DataQualityCheck.Apply copies what it keeps.
        var findings = scratch.Findings;
        findings.Clear();
        var v = draft.Voyage;
        foreach (var f in message.Findings)
        {
            var overridden = f.Path switch
            {
                "placeOfLoading" => v.Loading is not null,
                "placeOfDischarge" => v.Discharge is not null,
                "finalDestination" => v.FinalDestination is not null,
                _ => false,
            };
            if (!overridden)
            {
                findings.Add(f);
            }
        }
        findings.AddRange(draft.Findings);
        findings.AddRange(_partyFindings);
        for (var i = 0; i < draft.Goods.Count; i++)
        {
            foreach (var f in draft.Goods[i].Findings)
            {
                findings.Add(f with { Path = $"goods[{i}].{f.Path}" });
            }
        }
        return findings;
    }

    private List<DataQualityFinding> Findings(ConsignmentDraft draft) => Findings(draft, message);

    private Conveyance? Conveyance(ConsignmentDraft draft, TransportMode mode, List<DataQualityFinding> findings)
    {
        var v = draft.Voyage;
        var h = message.Voyage;
        var reference = v.Reference ?? h.Reference;
        var meansId = v.MeansId ?? h.MeansId;
        var meansIsImo = v.MeansId is not null ? v.MeansIsImo : h.MeansIsImo;
        var name = v.MeansName ?? h.MeansName;
        ImoNumber? imo = null;
        string? vehicle = null;
        if (meansId is not null)
        {
            if (ImoNumber.TryParse(meansId, out var parsed))
            {
                imo = parsed;
            }
            else if (meansIsImo)
            {
                // Named as an IMO number: kept as given when seven digits (the check finds its check digit), else left out with a finding.
                imo = DataQualityCheck.Imo(meansId, "conveyance.imo", findings);
            }
            else if (mode is TransportMode.Road or TransportMode.Rail)
            {
                vehicle = meansId;
            }
        }
        var flight = mode == TransportMode.Air && LooksLikeFlight(reference) ? reference : null;
        var voyage = flight is null ? reference : null;
        if (name is null && imo is null && voyage is null && flight is null && vehicle is null)
        {
            return null;
        }
        return scratch.ConveyanceOf(name, imo, voyage, flight, vehicle);
    }

    private static bool LooksLikeFlight(string? reference)
    {
        var compact = reference?.Replace(" ", "", StringComparison.Ordinal);
        return compact is { Length: >= 3 and <= 10 } && compact.AsSpan(2).ContainsAnyInRange('0', '9');
    }

    /// <summary>Findings about the parties of the consignment being built, which only get their index as they are added.</summary>
    private readonly List<DataQualityFinding> _partyFindings = [];

    private ValueList<Party>? Parties(ConsignmentDraft draft)
    {
        var parties = scratch.Parties;
        parties.Clear();
        _partyFindings.Clear();
        var ok = true;
        foreach (var p in draft.Parties)
        {
            ok &= Add(parties, p);
        }
        // Parties named once for the whole message (a carrier, a common consignee) hold for every consignment that names none in that role.
        foreach (var p in message.Parties)
        {
            if (!HasRole(draft.Parties, p.Role))
            {
                ok &= Add(parties, p);
            }
        }
        return ok ? new ValueList<Party>(parties) : (ValueList<Party>?)null;
    }

    private static bool HasRole(List<PartyDraft> parties, PartyRole role)
    {
        foreach (var p in parties)
        {
            if (p.Role == role)
            {
                return true;
            }
        }
        return false;
    }

    private bool Add(List<Party> parties, PartyDraft p)
    {
        try
        {
            var address = p.Street is null && p.City is null && p.Postcode is null ? null : new Address(p.Street, p.City, p.Postcode, p.Country);
            ValueList<PartyIdentifier> ids = p.Identifier is null ? default : [new PartyIdentifier(p.IdentifierScheme ?? "ID", p.Identifier)];
            if (p.CountryFault is { } fault)
            {
                _partyFindings.Add(fault with { Path = $"parties[{parties.Count}].country" });
            }
            parties.Add(new Party(p.Role, p.Name ?? p.Identifier!, address, p.Country, ids, p.Phone, p.Email));
            return true;
        }
        catch (DomainException e)
        {
            issues.Error(At(p.Place), $"party {CuscarCodes.CodeOf(p.Role)}: {e.Message}");
            return false;
        }
    }

    private ValueList<GoodsItem>? Goods(ConsignmentDraft draft, string? defaultCurrency)
    {
        if (draft.Goods.Count == 0)
        {
            issues.Error(At(draft.Place), "the consignment has no goods item; expected a GID group after the CNI");
            return null;
        }
        var items = scratch.Goods;
        items.Clear();
        var ok = true;
        for (var i = 0; i < draft.Goods.Count; i++)
        {
            var g = draft.Goods[i];
            try
            {
                Money? value = null;
                if (g.Value is { } amount)
                {
                    var currency = g.Currency ?? defaultCurrency;
                    if (currency is null)
                    {
                        issues.Warning(At(g.ValuePlace!.Value, 1, 3), "the amount has no currency and no CUX names one; the value is left out");
                    }
                    else if (DataQualityCheck.Currency(currency, "value.currency", g.Findings) is { } code)
                    {
                        value = new Money(amount, code);
                    }
                }
                if (g.GrossKg is null)
                {
                    issues.Warning(At(g.Place), "the goods item has no gross weight (MEA+AAE+G); it is taken as 0 kg");
                }
                var description = g.Description.Count switch
                {
                    0 => null,
                    1 => g.Description[0],
                    _ => string.Join(' ', g.Description),
                };
                items.Add(new GoodsItem(g.Sequence ?? i + 1, g.HsCode, description, g.Packages ?? 0, g.PackageType, g.GrossKg ?? 0, g.NetKg, value, g.Origin, scratch.ContainersOf(g.Containers)));
            }
            catch (DomainException e)
            {
                var hint = e.Field == "description" ? "; expected FTX+AAA with the goods description" : "";
                issues.Error(At(g.Place), $"goods item {g.Sequence ?? i + 1}: {e.Message}{hint}");
                ok = false;
            }
        }
        return ok ? new ValueList<GoodsItem>(items) : (ValueList<GoodsItem>?)null;
    }

    private ValueList<Equipment> Equipment(ConsignmentDraft draft)
    {
        if (draft.Equipment.Count == 0 && message.Equipment.Count == 0)
        {
            return ValueList<Equipment>.Empty;
        }
        var list = scratch.Equipment;
        list.Clear();
        foreach (var e in draft.Equipment)
        {
            list.Add(new Equipment(e.Number, e.SizeType, ListOf(e.Seals)));
        }
        // Containers listed for the whole message belong to the consignments whose goods are placed in them, or all
        // to the only consignment.
        foreach (var e in message.Equipment)
        {
            var placed = message.Consignments.Count == 1 || PlacedIn(draft.Goods, e.Number.Value);
            if (placed && !Listed(list, e.Number))
            {
                list.Add(new Equipment(e.Number, e.SizeType, ListOf(e.Seals)));
            }
        }
        return list;
    }

    /// <summary>The model's list of the items; the empty list without copying (a copy goes through a temporary list).</summary>
    private static ValueList<T> ListOf<T>(List<T> items) => items.Count == 0 ? ValueList<T>.Empty : items;

    private static bool PlacedIn(List<GoodsDraft> goods, string container)
    {
        foreach (var g in goods)
        {
            if (g.Containers.Contains(container))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Listed(List<Equipment> list, ContainerNumber number)
    {
        foreach (var x in list)
        {
            if (x.ContainerNumber == number)
            {
                return true;
            }
        }
        return false;
    }

    private static int PackagesOf(ValueList<GoodsItem> goods)
    {
        var sum = 0;
        foreach (var g in goods)
        {
            sum = checked(sum + g.Packages);
        }
        return sum;
    }

    private void CheckTotals(ConsignmentDraft draft, ValueList<GoodsItem> goods)
    {
        if (draft.ControlGrossKg is { } gross)
        {
            var sum = 0m;
            foreach (var g in goods)
            {
                sum += g.GrossMassKg;
            }
            if (Math.Abs(sum - gross) > Math.Max(0.01m, gross * 0.001m))
            {
                issues.Warning(At(draft.ControlPlace ?? draft.Place), $"control total CNT+7 gives {gross} kg; the goods items add up to {sum} kg");
            }
        }
        if (draft.ControlPackages is { } packages)
        {
            var sum = PackagesOf(goods);
            if (sum != packages)
            {
                issues.Warning(At(draft.ControlPlace ?? draft.Place), $"control total CNT+11 gives {packages} packages; the goods items add up to {sum}");
            }
        }
    }

    private string At(SegmentPlace place, int element = 0, int component = 0) => issues.At(place.Number, place.Tag, place.Offset, element, component);
}
