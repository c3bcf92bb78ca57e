using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Ingestion.Quality;

namespace OpenCts.Ingestion.Edifact;

/// <summary>The CUSCAR grammar: reads the segments of one message (between UNH and UNT) into consignment drafts.</summary>
/// <remarks>
/// The segment groups of D.95B to D.11A differ in detail, so the reader follows the group a segment opens (TDT, EQD,
/// CNI, GID) rather than one directory's exact table: a segment applies to the innermost group open. Segments it has no
/// field for are kept, as text, in <see cref="Unmapped"/>.
/// </remarks>
internal sealed class CuscarMessageReader(EdifactTokenizer t, EdifactIssues issues)
{
    private enum Scope { Header, Equipment, Consignment, Goods, ConsignmentEquipment }

    private readonly DraftPool<PartyDraft> _parties = new(() => new PartyDraft());
    private readonly DraftPool<EquipmentDraft> _equipments = new(() => new EquipmentDraft());
    private readonly DraftPool<GoodsDraft> _goodsItems = new(() => new GoodsDraft());
    private readonly DraftPool<ConsignmentDraft> _consignments = new(() => new ConsignmentDraft());
    private Scope _scope = Scope.Header;
    private PartyDraft? _party;
    private EquipmentDraft? _equipment;
    private GoodsDraft? _goods;
    private ConsignmentDraft? _consignment;
    private bool _mainTransportSeen;
    private readonly List<DataQualityFinding> _faults = [];

    /// <summary>Forgets the message read (once it is built), to read the next one with the same drafts.</summary>
    public void Reset()
    {
        _parties.ReturnAll();
        _equipments.ReturnAll();
        _goodsItems.ReturnAll();
        _consignments.ReturnAll();
        _scope = Scope.Header;
        _party = null;
        _equipment = null;
        _goods = null;
        _consignment = null;
        _mainTransportSeen = false;
        FunctionCode = null;
        HasBeginning = false;
        Direction = null;
        Voyage.Reset();
        Parties.Clear();
        Equipment.Clear();
        Consignments.Clear();
        Unmapped.Clear();
        Findings.Clear();
        ControlGrossKg = null;
        ControlPackages = null;
        ControlPlace = null;
    }

    public string? FunctionCode { get; private set; }

    public bool HasBeginning { get; private set; }

    public Direction? Direction { get; private set; }

    public VoyageDraft Voyage { get; } = new();

    public List<PartyDraft> Parties { get; } = [];

    public List<EquipmentDraft> Equipment { get; } = [];

    public List<ConsignmentDraft> Consignments { get; } = [];

    public List<string> Unmapped { get; } = [];

    /// <summary>Faults in values given for the whole message (a place of loading before the first CNI), which hold for each consignment.</summary>
    public List<DataQualityFinding> Findings { get; } = [];

    public decimal? ControlGrossKg { get; private set; }

    public decimal? ControlPackages { get; private set; }

    public SegmentPlace? ControlPlace { get; private set; }

    /// <summary>Reads the current segment of the tokenizer, numbered from UNH = 1.</summary>
    public void Read(int n)
    {
        var mapped = t.Tag switch
        {
            "BGM" => Beginning(n),
            "DTM" => Date(n),
            "RFF" => Reference(n),
            "NAD" => NameAndAddress(n),
            "CTA" => _party is not null,
            "COM" => Communication(n),
            "TDT" => Transport(n),
            "LOC" => Location(n),
            "GIS" => Indicator(n),
            "EQD" => EquipmentDetails(n),
            "SEL" => Seal(n),
            "CNI" => ConsignmentInformation(n),
            "GID" => GoodsItem(n),
            "FTX" => FreeText(n),
            "MEA" => Measurement(n),
            "PIA" => ProductId(n),
            "MOA" => Amount(n),
            "CUX" => Currency(n),
            "SGP" => SplitGoods(n),
            "CNT" => ControlTotal(n),
            _ => false,
        };
        if (t.Tag is not ("CTA" or "COM"))
        {
            _party = t.Tag == "NAD" ? _party : null;
        }
        if (!mapped)
        {
            Unmapped.Add(UnmappedText(n));
        }
    }

    /// <summary>"segment n: " and the segment as text; the same segment at the same place in many messages is one string.</summary>
    private string UnmappedText(int n)
    {
        var raw = t.RawSegment;
        Span<byte> text = stackalloc byte[RepeatedText.MaxLength];
        // The plain case, printable ASCII ending in the terminator, needs no decoding and no trimming.
        if (raw.Length > 0 && raw.Length <= RepeatedText.MaxLength - 20 && raw[^1] is > (byte)' ' and < 0x7F && System.Text.Ascii.IsValid(raw) &&
            "segment "u8.TryCopyTo(text) && n.TryFormat(text[8..], out var digits, default, System.Globalization.CultureInfo.InvariantCulture))
        {
            var at = 8 + digits;
            text[at++] = (byte)':';
            text[at++] = (byte)' ';
            raw.CopyTo(text[at..]);
            return RepeatedText.Of(text[..(at + raw.Length)]);
        }
        return $"segment {n}: {System.Text.Encoding.UTF8.GetString(raw).TrimEnd()}";
    }

    private SegmentPlace Place(int n) => new(n, t.Tag, t.SegmentStart);

    private VoyageDraft CurrentVoyage => _consignment?.Voyage ?? Voyage;

    private List<DataQualityFinding> CurrentFindings => _consignment?.Findings ?? Findings;

    private bool Beginning(int n)
    {
        if (HasBeginning)
        {
            issues.Error(issues.Here(n), "a message has one BGM; this is a second");
            return true;
        }
        HasBeginning = true;
        FunctionCode = t.Code(3);
        if (FunctionCode is not (null or CuscarCodes.FunctionOriginal or CuscarCodes.FunctionCancellation or CuscarCodes.FunctionReplace or "4" or "3" or "6" or "7" or "31" or "47"))
        {
            issues.Warning(issues.Here(n, 3, 1), $"message function '{FunctionCode}' is not one OpenCTS knows (9 original, 5 replacement, 4 change, 1 cancellation); the message is read as an original");
        }
        return true;
    }

    private bool Date(int n)
    {
        var qualifier = t.Code(1, 1);
        var arrival = qualifier is CuscarCodes.ArrivalEstimated or CuscarCodes.ArrivalActual;
        var departure = qualifier is CuscarCodes.DepartureEstimated or CuscarCodes.DepartureActual;
        if (!arrival && !departure)
        {
            return false;
        }
        var format = t.Code(1, 3);
        if (!EdifactValues.TryParsePlainDate(t.Plain(1, 2), format, out var value))
        {
            var text = t.Text(1, 2);
            if (!EdifactValues.TryParseDate(text, format, out value, out var expected))
            {
                issues.Error(issues.Here(n, 1, 2), $"'{text}' is not a date; expected {expected}");
                return true;
            }
        }
        var voyage = CurrentVoyage;
        var estimated = qualifier is CuscarCodes.ArrivalEstimated or CuscarCodes.DepartureEstimated;
        // An estimate is what a targeting officer plans with; an actual time only fills in when no estimate was sent.
        if (arrival && (voyage.Arrival is null || (estimated && !voyage.ArrivalEstimated)))
        {
            voyage.Arrival = value;
            voyage.ArrivalEstimated = estimated;
        }
        else if (departure && (voyage.Departure is null || (estimated && !voyage.DepartureEstimated)))
        {
            voyage.Departure = value;
            voyage.DepartureEstimated = estimated;
        }
        return true;
    }

    private bool Reference(int n)
    {
        if (_consignment is null || _scope is Scope.Goods or Scope.ConsignmentEquipment)
        {
            return false;
        }
        var qualifier = t.Code(1, 1);
        var number = t.Shared(1, 2);
        if (qualifier is null || number is null)
        {
            issues.Error(issues.Here(n, 1, qualifier is null ? 1 : 2), "a reference needs a qualifier and a number (RFF+BM:number)");
            return true;
        }
        var known = qualifier is CuscarCodes.BillOfLading or CuscarCodes.HouseBillOfLading or CuscarCodes.MasterBillOfLading
            or CuscarCodes.AirWaybill or CuscarCodes.HouseWaybill || CuscarCodes.OtherDocumentOf(qualifier) is not null;
        if (!known)
        {
            return false;
        }
        _consignment.References.TryAdd(qualifier, number.Trim());
        return true;
    }

    private bool NameAndAddress(int n)
    {
        var code = t.Code(1, 1);
        var role = CuscarCodes.RoleOf(code);
        if (role is null)
        {
            _party = null;
            return false;
        }
        var party = _parties.Take();
        party.Role = role.Value;
        party.Place = Place(n);
        party.Identifier = t.Text(2, 1);
        party.IdentifierScheme = t.Shared(2, 2);
        party.Name = Join(4, 1, 5);
        party.Street = Join(5, 1, 4);
        if (party.Name is null)
        {
            // Unstructured name and address (C058): the first line is the name, the rest the street.
            party.Name = t.Shared(3, 1);
            party.Street ??= Join(3, 2, 5);
        }
        party.City = t.Shared(6);
        party.Postcode = t.Shared(8);
        var country = t.Shared(9);
        if (country is not null)
        {
            _faults.Clear();
            party.Country = DataQualityCheck.Country(country, "country", _faults);
            party.CountryFault = _faults.Count > 0 ? _faults[0] : null;
        }
        if (party.Name is null && party.Identifier is null)
        {
            issues.Error(issues.Here(n, 4, 1), "the party has neither a name (C080) nor an identifier (C082)");
        }
        _party = party;
        if (_consignment is null)
        {
            Parties.Add(party);
        }
        else
        {
            _consignment.Parties.Add(party);
        }
        return true;
    }

    private bool Communication(int n)
    {
        if (_party is null)
        {
            return false;
        }
        // Shared: the same contact comes back with the same party in many messages.
        var number = t.Shared(1, 1);
        switch (t.Code(1, 2))
        {
            case "TE":
                _party.Phone ??= number;
                return true;
            case "EM":
                _party.Email ??= number;
                return true;
            default:
                return false;
        }
    }

    private bool Transport(int n)
    {
        var stage = t.Code(1);
        var voyage = CurrentVoyage;
        // The main carriage (stage 20) is the crossing; other stages are kept as unmapped segments.
        if (stage is not (null or CuscarCodes.MainCarriage) || (_consignment is null && _mainTransportSeen))
        {
            _scope = _consignment is null ? Scope.Header : Scope.Consignment;
            return false;
        }
        _mainTransportSeen |= _consignment is null;
        _scope = _consignment is null ? Scope.Header : Scope.Consignment;
        voyage.Reference = t.Shared(2);
        var mode = t.Code(3, 1);
        if (mode is not null)
        {
            if ((EdifactValues.TryParsePlainInt(t.Plain(3, 1), out var m) || EdifactValues.TryParseInt(mode, out m)) && Enum.IsDefined((TransportMode)m))
            {
                voyage.Mode = (TransportMode)m;
            }
            else
            {
                issues.Error(issues.Here(n, 3, 1), $"'{mode}' is not a mode of transport; expected a code of UN/ECE Recommendation 19 (1 sea, 2 rail, 3 road, 4 air, 5 mail, 6 multimodal, 7 fixed installation, 8 inland water)");
            }
        }
        voyage.CarrierCode = t.Shared(5, 1);
        voyage.CarrierName = t.Shared(5, 4);
        voyage.MeansId = t.Shared(8, 1);
        voyage.MeansIsImo = t.Is(8, 2, "146"u8);
        voyage.MeansName = t.Shared(8, 4);
        return true;
    }

    private bool Location(int n)
    {
        var qualifier = t.Code(1, 1);
        var code = t.Shared(2, 1);
        if (_scope == Scope.Goods)
        {
            if (qualifier != CuscarCodes.CountryOfOrigin)
            {
                return false;
            }
            _goods!.Origin = DataQualityCheck.Country(code, "origin", _goods.Findings) ?? _goods.Origin;
            return true;
        }
        var voyage = CurrentVoyage;
        switch (qualifier)
        {
            case CuscarCodes.PortOfLoading or CuscarCodes.OriginalPortOfLoading or CuscarCodes.PlaceOfDeparture:
                var rank = qualifier == CuscarCodes.PortOfLoading ? 0 : qualifier == CuscarCodes.OriginalPortOfLoading ? 1 : 2;
                if (ReadLocode(code, "placeOfLoading") is { } loading && rank < voyage.LoadingRank)
                {
                    voyage.Loading = loading;
                    voyage.LoadingRank = rank;
                }
                return true;
            case CuscarCodes.PortOfDischarge:
                voyage.Discharge = ReadLocode(code, "placeOfDischarge") ?? voyage.Discharge;
                return true;
            case CuscarCodes.PlaceOfDestination or CuscarCodes.PlaceOfDelivery or CuscarCodes.UltimateDestination:
                var finalRank = qualifier == CuscarCodes.PlaceOfDestination ? 0 : qualifier == CuscarCodes.PlaceOfDelivery ? 1 : 2;
                if (ReadLocode(code, "finalDestination") is { } final && finalRank < voyage.FinalRank)
                {
                    voyage.FinalDestination = final;
                    voyage.FinalRank = finalRank;
                }
                return true;
            case CuscarCodes.Routing or CuscarCodes.PlaceOfTransshipment:
                // A routing country is written as its ISO code; a transshipment port as a UN/LOCODE, of which the country counts.
                var country = code is { Length: 5 } ? code[..2] : code;
                if (CountryCode.TryParse(country, out var routed, out var routeError))
                {
                    voyage.Route.Add(routed.Value);
                }
                else
                {
                    CurrentFindings.Add(new("route", code, DataQualityRules.CountryUnknown, routeError + "; expected a country code or a UN/LOCODE; the country is left out of the route"));
                }
                return true;
            default:
                return false;
        }
    }

    /// <summary>A place as a UN/LOCODE; one that is none is left out with a finding.</summary>
    private UnLocode? ReadLocode(string? code, string path) => DataQualityCheck.Place(code, path, CurrentFindings);

    private bool Indicator(int n)
    {
        var direction = CuscarCodes.DirectionOf(t.Code(1, 1));
        if (direction is null || _consignment is not null)
        {
            return false;
        }
        Direction = direction;
        return true;
    }

    private bool EquipmentDetails(int n)
    {
        var qualifier = t.Code(1);
        if (qualifier is not ("CN" or null))
        {
            _equipment = null;
            return false;
        }
        var text = ContainerText(2, 1);
        // A container whose check digit fails is kept as given; one that is no container number is left out. Either is a finding.
        if (DataQualityCheck.Container(text ?? "", "equipment", CurrentFindings) is not { } number)
        {
            if (text is null)
            {
                issues.Error(issues.Here(n, 2, 1), "container number '' must have 11 characters (4 letters, 6 digits, check digit)");
            }
            _equipment = null;
            return true;
        }
        _lastContainer = number.Value;
        _equipment = _equipments.Take();
        _equipment.Number = number;
        _equipment.Place = Place(n);
        _equipment.SizeType = t.Shared(3, 1);
        if (_consignment is null)
        {
            Equipment.Add(_equipment);
            _scope = Scope.Equipment;
        }
        else
        {
            _consignment.Equipment.Add(_equipment);
            _scope = Scope.ConsignmentEquipment;
        }
        return true;
    }

    private bool Seal(int n)
    {
        if (_equipment is null || _scope is not (Scope.Equipment or Scope.ConsignmentEquipment))
        {
            return false;
        }
        var seal = t.Text(1, 1);
        if (seal is null)
        {
            issues.Error(issues.Here(n, 1, 1), "a SEL segment needs the seal number (9308)");
            return true;
        }
        _equipment.Seals.Add(seal);
        return true;
    }

    private bool ConsignmentInformation(int n)
    {
        _consignment = _consignments.Take();
        _consignment.Place = Place(n);
        _consignment.Number = t.Shared(2, 1)?.Trim();
        Consignments.Add(_consignment);
        _scope = Scope.Consignment;
        _goods = null;
        _equipment = null;
        return true;
    }

    private bool GoodsItem(int n)
    {
        if (_consignment is null)
        {
            issues.Error(issues.Here(n), "a goods item (GID) must follow the consignment (CNI) it belongs to");
            return true;
        }
        _goods = _goodsItems.Take();
        _goods.Place = Place(n);
        _scope = Scope.Goods;
        if (EdifactValues.TryParsePlainInt(t.Plain(1), out var s) && s >= 1)
        {
            _goods.Sequence = s;
        }
        else if (t.Text(1) is { } sequence)
        {
            if (EdifactValues.TryParseInt(sequence, out s) && s >= 1)
            {
                _goods.Sequence = s;
            }
            else
            {
                issues.Error(issues.Here(n, 1, 1), $"'{sequence}' is not a goods item number; expected a whole number from 1");
            }
        }
        if (EdifactValues.TryParsePlainInt(t.Plain(2, 1), out var plainPackages))
        {
            _goods.Packages = plainPackages;
        }
        else if (t.Text(2, 1) is { } packages)
        {
            if (EdifactValues.TryParseInt(packages, out var p))
            {
                _goods.Packages = p;
            }
            else
            {
                issues.Error(issues.Here(n, 2, 1), $"'{packages}' is not a number of packages; expected a whole number");
            }
        }
        _goods.PackageType = t.Code(2, 2);
        _consignment.Goods.Add(_goods);
        return true;
    }

    private bool FreeText(int n)
    {
        if (_scope != Scope.Goods || t.Code(1) != "AAA")
        {
            return false;
        }
        for (var c = 1; c <= 5; c++)
        {
            if (t.Shared(4, c) is { } line)
            {
                _goods!.Description.Add(line.Trim());
            }
        }
        return true;
    }

    private bool Measurement(int n)
    {
        if (_scope != Scope.Goods)
        {
            return false;
        }
        var property = t.Code(2, 1);
        var gross = property is "G" or "AAD" or "AAB" or "AAG" or "AAE";
        var net = property is "AAL" or "AAC" or "N" or "AAF";
        if (!gross && !net)
        {
            return false;
        }
        var unit = t.Code(3, 1);
        var perUnit = CuscarCodes.KilogramsPer(unit);
        if (perUnit is null)
        {
            issues.Error(issues.Here(n, 3, 1), $"'{unit}' is not a unit of mass; expected KGM, TNE, GRM or LBR");
            return true;
        }
        if (!TryDecimal(3, 2, out var value) || value < 0)
        {
            issues.Error(issues.Here(n, 3, 2), $"'{t.Text(3, 2)}' is not a weight; expected a number not below zero");
            return true;
        }
        var kg = Math.Round(value * perUnit.Value, 3);
        if (gross)
        {
            _goods!.GrossKg = kg;
        }
        else
        {
            _goods!.NetKg = kg;
        }
        return true;
    }

    private bool ProductId(int n)
    {
        if (_scope != Scope.Goods || t.Code(2, 2) is not (null or "HS" or "CC" or "CG"))
        {
            return false;
        }
        var text = t.Shared(2, 1);
        // A code HS 2022 lacks is kept as given and found when the consignment is checked; one that is not 6 to 10 digits is left out.
        _goods!.HsCode = DataQualityCheck.HsCode(text ?? "", "hsCode", _goods.Findings) ?? _goods.HsCode;
        return true;
    }

    private bool Amount(int n)
    {
        if (_scope != Scope.Goods)
        {
            return false;
        }
        if (!TryDecimal(1, 2, out var amount) || amount < 0)
        {
            issues.Error(issues.Here(n, 1, 2), $"'{t.Text(1, 2)}' is not an amount; expected a number not below zero");
            return true;
        }
        _goods!.Value = amount;
        _goods.Currency = t.Code(1, 3);
        _goods.ValuePlace = Place(n);
        return true;
    }

    private bool Currency(int n)
    {
        if (_scope is Scope.Equipment or Scope.ConsignmentEquipment || t.Shared(1, 2) is not { } currency)
        {
            return false;
        }
        CurrentVoyage.Currency = currency;
        return true;
    }

    private bool SplitGoods(int n)
    {
        if (_scope != Scope.Goods)
        {
            return false;
        }
        if (ContainerText(1, 1) is not { } container)
        {
            issues.Error(issues.Here(n, 1, 1), "a split goods placement (SGP) names its container (8260)");
            return true;
        }
        _lastContainer = container.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        _goods!.Containers.Add(_lastContainer);
        return true;
    }

    /// <summary>The container number last read (EQD or SGP), as kept.</summary>
    private string? _lastContainer;

    /// <summary>A container number's text; the same string as the container last read when the bytes are the same.</summary>
    /// <remarks>A container comes back in the SGP of each goods item stuffed in it and in its EQD: one string serves them all.</remarks>
    private string? ContainerText(int element, int component) =>
        _lastContainer is { } last && System.Text.Ascii.Equals(t.Plain(element, component), last) && last.Length > 0 ? last : t.Text(element, component);

    private bool ControlTotal(int n)
    {
        var qualifier = t.Code(1, 1);
        if (qualifier is not ("7" or "11"))
        {
            return false;
        }
        if (!TryDecimal(1, 2, out var value))
        {
            // A count is never a reason to refuse advance data.
            issues.Warning(issues.Here(n, 1, 2), $"'{t.Text(1, 2)}' is not a control total; it is not checked");
            return true;
        }
        if (qualifier == "7" && CuscarCodes.KilogramsPer(t.Code(1, 3)) is { } perUnit)
        {
            value *= perUnit;
        }
        if (_consignment is null)
        {
            if (qualifier == "7")
            {
                ControlGrossKg = value;
            }
            else
            {
                ControlPackages = value;
            }
            ControlPlace = Place(n);
        }
        else if (qualifier == "7")
        {
            _consignment.ControlGrossKg = value;
            _consignment.ControlPlace = Place(n);
        }
        else
        {
            _consignment.ControlPackages = value;
            _consignment.ControlPlace = Place(n);
        }
        return true;
    }

    private bool TryDecimal(int element, int component, out decimal value) =>
        EdifactValues.TryParsePlainDecimal(t.Plain(element, component), out value) || EdifactValues.TryParseDecimal(t.Text(element, component), out value);

    private string? Join(int element, int first, int last)
    {
        if (t.TryJoinShared(element, first, last, out var shared))
        {
            return shared;
        }
        string? joined = null;
        for (var c = first; c <= last; c++)
        {
            if (t.Text(element, c) is { } part && part.Trim() is { Length: > 0 } trimmed)
            {
                joined = joined is null ? trimmed : joined + " " + trimmed;
            }
        }
        return joined;
    }
}
