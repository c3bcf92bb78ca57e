using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;

namespace OpenCts.Ingestion.Samples;

/// <summary>A risk the generator planted in a consignment, written beside the data as ground truth.</summary>
/// <param name="Category">The threat category an analyst would file it under.</param>
/// <param name="Scenario">What was planted, such as <c>cocaine-in-fruit</c>.</param>
public sealed record PlantedRisk(ThreatCategory Category, string Scenario);

/// <summary>A generated consignment and, when one was planted, its risk.</summary>
public sealed record GeneratedConsignment(Consignment Consignment, PlantedRisk? Risk);

/// <summary>Settings of the synthetic stream.</summary>
/// <param name="Start">Departures fall in the 30 days before this instant; arrivals mostly after it.</param>
/// <param name="RiskShare">The share of consignments with a planted risk.</param>
public sealed record SampleOptions(DateTimeOffset Start, double RiskShare = 0.04);

/// <summary>
/// Writes a realistic synthetic stream of advance cargo data into the Netherlands: sea bills of lading with
/// containers, master and house air waybills, postal items and express parcels, with real UN/LOCODEs, HS codes,
/// carriers and plausible masses and values, and a few planted risky consignments.
/// </summary>
/// <remarks>The same seed and options give the same stream, so tests and benchmarks can rely on it.</remarks>
public sealed class SampleGenerator
{
    private static readonly DateTimeOffset DefaultStart = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Scenarios = ["cocaine-in-fruit", "undervalued-electronics", "counterfeit-parcel", "dual-use-diversion", "listed-party", "split-parcels-under-de-minimis"];

    private readonly Random _random;
    private readonly SampleOptions _options;
    private readonly string[] _shippers;
    private readonly string[] _consignees;

    public SampleGenerator(int seed, SampleOptions? options = null)
    {
        _random = new Random(seed);
        _options = options ?? new SampleOptions(DefaultStart);
        _shippers = Enumerable.Range(0, 1500).Select(_ => CompanyName()).Distinct(StringComparer.Ordinal).ToArray();
        _consignees = Enumerable.Range(0, 2500).Select(_ => CompanyName()).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The consignments alone, for benchmarks and tests.</summary>
    public IReadOnlyList<Consignment> Generate(int count) => GenerateWithTruth(count).Select(g => g.Consignment).ToList();

    /// <summary>The consignments with the risks planted in some of them.</summary>
    public IEnumerable<GeneratedConsignment> GenerateWithTruth(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var planted = _random.NextDouble() < _options.RiskShare ? Scenarios[_random.Next(Scenarios.Length)] : null;
            yield return planted switch
            {
                "cocaine-in-fruit" => new(CocaineInFruit(), new(ThreatCategory.Narcotics, planted)),
                "undervalued-electronics" => new(UndervaluedElectronics(), new(ThreatCategory.RevenueAndValuation, planted)),
                "counterfeit-parcel" => new(CounterfeitParcel(), new(ThreatCategory.Ipr, planted)),
                "dual-use-diversion" => new(DualUseDiversion(), new(ThreatCategory.StrategicAndDualUse, planted)),
                "listed-party" => new(ListedParty(), new(ThreatCategory.WeaponsAndSecurity, planted)),
                "split-parcels-under-de-minimis" => new(UnderDeMinimis(), new(ThreatCategory.RevenueAndValuation, planted)),
                _ => new(Ordinary(), null),
            };
        }
    }

    private Consignment Ordinary()
    {
        var roll = _random.NextDouble();
        return roll switch
        {
            < 0.40 => SeaBill(Pick(Catalogue.SeaGoods), origin: null),
            < 0.60 => AirWaybill(Pick(Catalogue.AirGoods), house: _random.NextDouble() < 0.5),
            < 0.80 => Parcel(Pick(Catalogue.ParcelGoods), postal: true, valueFactor: 1),
            _ => Parcel(Pick(Catalogue.ParcelGoods), postal: false, valueFactor: 1),
        };
    }

    private Consignment CocaineInFruit()
    {
        var fruit = Catalogue.SeaGoods[_random.Next(2)];
        var consignment = SeaBill(fruit, origin: Pick(["EC", "CO", "PE"]));
        var consignee = NewParty(PartyRole.Consignee, CompanyName(), "NL", withEori: false);
        var parties = consignment.Parties.Where(p => p.Role is not (PartyRole.Consignee or PartyRole.NotifyParty)).Append(consignee).Append(consignee with { Role = PartyRole.NotifyParty });
        return consignment with { Parties = new(parties), Route = [CountryCode.Parse("PA"), CountryCode.Parse("NL")] };
    }

    private Consignment UndervaluedElectronics()
    {
        var phone = Catalogue.SeaGoods.First(g => g.Hs == "851713");
        var consignment = SeaBill(phone, origin: "CN");
        var goods = consignment.Goods.Select(g => g with { Value = new Money(Math.Round(g.GrossMassKg * (decimal)(2 + _random.NextDouble() * 6), 2), g.Value!.Value.Currency) });
        return consignment with { Goods = new(goods) };
    }

    private Consignment CounterfeitParcel()
    {
        var goods = Pick(Catalogue.ParcelGoods.Where(g => g.Hs is "640411" or "610910" or "711719").ToArray());
        var luxury = goods with { Hs = Pick(["420221", "910211", "640399"]), Description = Pick(["Gift", "Sample, no commercial value", "Bag accessories", "Watch strap gift"]) };
        return Parcel(luxury, postal: false, valueFactor: 0.03, origin: Pick(["CN", "HK", "TR"]));
    }

    private Consignment DualUseDiversion()
    {
        var goods = Pick(Catalogue.AirGoods.Where(g => g.Hs is "854231" or "902789" or "880730").ToArray());
        var waybill = AirWaybill(goods, house: true);
        var seller = NewParty(PartyRole.Consignor, CompanyName(), "NL", withEori: true);
        var consignee = NewParty(PartyRole.Consignee, CompanyName(), Pick(["AE", "TR", "AM", "KG"]), withEori: false);
        return waybill with
        {
            Direction = Direction.Export,
            Parties = [seller, consignee],
            PlaceOfLoading = UnLocode.Parse("NLAMS"),
            PlaceOfDischarge = UnLocode.Parse(Pick(["AEDXB", "TRIST"])),
            FinalDestination = UnLocode.Parse(Pick(["RUMOW", "IRTHR", "BYMSQ"])),
            Route = [CountryCode.Parse("NL"), consignee.Country!.Value],
        };
    }

    private Consignment ListedParty()
    {
        var (name, country) = Pick(Catalogue.ListedSubjects);
        var disguised = _random.Next(4) switch
        {
            0 => name.ToUpperInvariant(),
            1 => name.Replace(" Ltd", " Limited", StringComparison.Ordinal).Replace(" LLC", " L.L.C.", StringComparison.Ordinal),
            2 => Typo(name),
            _ => name,
        };
        var consignment = _random.NextDouble() < 0.5 ? SeaBill(Pick(Catalogue.SeaGoods), origin: null) : AirWaybill(Pick(Catalogue.AirGoods), house: false);
        var shipper = NewParty(PartyRole.Consignor, disguised, country, withEori: false);
        var parties = consignment.Parties.Where(p => p.Role != PartyRole.Consignor).Prepend(shipper);
        return consignment with { Parties = new(parties) };
    }

    private Consignment UnderDeMinimis()
    {
        var goods = Pick(Catalogue.ParcelGoods.Where(g => g.Hs is "851762" or "850760" or "851830").ToArray());
        var parcel = Parcel(goods with { KgLow = 6, KgHigh = 14 }, postal: true, valueFactor: 1);
        var item = parcel.Goods[0];
        return parcel with { Goods = [item with { Value = new Money(Math.Round(140m + (decimal)_random.NextDouble() * 9.9m, 2), CurrencyCode.Parse("EUR")) }] };
    }

    private Consignment SeaBill(Commodity commodity, string? origin)
    {
        var carrier = Pick(Catalogue.OceanCarriers);
        var loading = origin is null ? Pick(Catalogue.SeaPortsOfLoading) : Catalogue.SeaPortsOfLoading.First(p => p.Locode.StartsWith(origin, StringComparison.Ordinal));
        var goodsOrigin = origin ?? (commodity.Origins.Contains(loading.Locode[..2]) ? loading.Locode[..2] : Pick(commodity.Origins));
        var containers = Enumerable.Range(0, 1 + _random.Next(_random.NextDouble() < 0.8 ? 1 : 4)).Select(_ => Container(carrier.Prefix)).ToArray();
        var items = Enumerable.Range(1, 1 + _random.Next(3)).Select(i => Goods(i, commodity, goodsOrigin, containers.Length, containers.Select(c => c.ContainerNumber.Value))).ToArray();
        var departure = Departure();
        var transshipment = _random.NextDouble() < 0.3 ? Pick(Catalogue.TransshipmentPorts) : null;
        var route = transshipment is null ? [CountryCode.Parse(loading.Locode[..2]), CountryCode.Parse("NL")] : new[] { CountryCode.Parse(loading.Locode[..2]), CountryCode.Parse(transshipment.Locode[..2]), CountryCode.Parse("NL") };
        var consigneeName = Pick(_consignees);
        return new Consignment(
            new TransportDocument($"{carrier.Code}{_random.Next(100_000_000, 999_999_999)}", TransportDocumentKind.OceanBillOfLading),
            Direction.Import,
            TransportMode.Sea,
            [
                NewParty(PartyRole.Consignor, Pick(_shippers), goodsOrigin, withEori: false),
                NewParty(PartyRole.Consignee, consigneeName, "NL", withEori: true),
                NewParty(PartyRole.NotifyParty, _random.NextDouble() < 0.6 ? consigneeName : CompanyName() + " Customs Brokers", "NL", withEori: true),
            ],
            new(items),
            new Carrier(carrier.Name, carrier.Code),
            new Conveyance(Pick(Catalogue.VesselNames), Imo(), $"{_random.Next(100, 999)}{Pick(["W", "E", "N", "S"])}"),
            UnLocode.Parse(loading.Locode),
            UnLocode.Parse(Pick(Catalogue.SeaPortsOfDischarge).Locode),
            UnLocode.Parse(Pick(Catalogue.Destinations).Locode),
            new(route.Distinct()),
            departure,
            departure.AddDays(18 + _random.Next(20)),
            containers);
    }

    private Consignment AirWaybill(Commodity commodity, bool house)
    {
        var airline = Pick(Catalogue.Airlines);
        var from = Pick(Catalogue.Airports);
        var origin = commodity.Origins.Contains(from.Locode[..2]) ? from.Locode[..2] : Pick(commodity.Origins);
        var master = AirWaybillNumber(airline.Prefix);
        var departure = Departure();
        var items = new[] { Goods(1, commodity, origin, 1, []) };
        return new Consignment(
            house ? new TransportDocument($"H{_random.Next(10_000_000, 99_999_999)}", TransportDocumentKind.HouseAirWaybill, master) : new TransportDocument(master, TransportDocumentKind.MasterAirWaybill),
            Direction.Import,
            TransportMode.Air,
            [NewParty(PartyRole.Consignor, Pick(_shippers), origin, withEori: false), NewParty(PartyRole.Consignee, Pick(_consignees), "NL", withEori: true)],
            items,
            new Carrier(airline.Name, airline.Code),
            new Conveyance(flightNumber: $"{airline.Code}{_random.Next(100, 9999)}"),
            UnLocode.Parse(from.Locode),
            UnLocode.Parse("NLAMS"),
            UnLocode.Parse(Pick(Catalogue.Destinations).Locode),
            [CountryCode.Parse(from.Locode[..2]), CountryCode.Parse("NL")],
            departure,
            departure.AddHours(8 + _random.Next(30)));
    }

    private Consignment Parcel(Commodity commodity, bool postal, double valueFactor, string? origin = null)
    {
        var from = origin ?? Pick(commodity.Origins);
        var operatorInfo = postal ? Catalogue.ParcelOperators[0] : Pick(Catalogue.ParcelOperators[1..]);
        var departure = Departure();
        var item = Goods(1, commodity, from, 1, [], valueFactor, currency: "EUR");
        var person = $"{Pick(Catalogue.FirstNames)} {Pick(Catalogue.LastNames)}";
        var number = postal ? $"{Pick(["LX", "RB", "UA", "LP"])}{_random.Next(10_000_000, 99_999_999)}{from}" : $"{_random.Next(1_000_000_000, int.MaxValue)}";
        return new Consignment(
            new TransportDocument(number, postal ? TransportDocumentKind.PostalItem : TransportDocumentKind.ExpressParcel),
            Direction.Import,
            postal ? TransportMode.Postal : TransportMode.Air,
            [
                NewParty(PartyRole.Consignor, _random.NextDouble() < 0.7 ? Pick(_shippers) : $"{Pick(Catalogue.FirstNames)} {Pick(Catalogue.LastNames)}", from, withEori: false),
                new Party(PartyRole.Consignee, person, DutchAddress(), email: $"{person.Replace(" ", ".", StringComparison.Ordinal).ToLowerInvariant()}@example.nl"),
            ],
            [item],
            new Carrier(operatorInfo.Name, operatorInfo.Code),
            placeOfLoading: UnLocode.Parse(Catalogue.Airports.FirstOrDefault(a => a.Locode.StartsWith(from, StringComparison.Ordinal))?.Locode ?? "CNSHA"),
            placeOfDischarge: UnLocode.Parse("NLAMS"),
            route: [CountryCode.Parse(from), CountryCode.Parse("NL")],
            departure: departure,
            estimatedArrival: departure.AddDays(2 + _random.Next(8)));
    }

    private GoodsItem Goods(int sequence, Commodity c, string origin, int packagesFactor, IEnumerable<string> containers, double valueFactor = 1, string currency = "USD")
    {
        var kg = Math.Round((decimal)(c.KgLow + _random.NextDouble() * (c.KgHigh - c.KgLow)) * packagesFactor, 2);
        var perKg = c.UsdPerKgLow + _random.NextDouble() * (c.UsdPerKgHigh - c.UsdPerKgLow);
        var value = Math.Round(kg * (decimal)(perKg * valueFactor), 2);
        var packages = c.PackageType == "PK" ? 1 : Math.Max(1, (int)(kg / (decimal)(5 + _random.Next(40))));
        var hs = _random.NextDouble() < 0.5 ? c.Hs + _random.Next(10, 99).ToString("00") : c.Hs;
        return new GoodsItem(sequence, HsCode.Parse(hs), c.Description, packages, c.PackageType, kg, Math.Round(kg * 0.92m, 2), new Money(Math.Max(value, 1), CurrencyCode.Parse(currency)), CountryCode.Parse(origin), new(containers));
    }

    private Party NewParty(PartyRole role, string name, string country, bool withEori)
    {
        var code = CountryCode.Parse(country);
        var address = country == "NL" ? DutchAddress() : new Address($"{_random.Next(1, 400)} {Pick(Catalogue.CompanyWords)} Road", Pick(["Industrial Zone", "Free Zone", "Port Area", "Central District"]), null, code);
        ValueList<PartyIdentifier> ids = withEori ? [new PartyIdentifier("EORI", $"{country}{_random.Next(100_000_000, 999_999_999)}")] : default;
        return new Party(role, name, address, code, ids, $"+{_random.Next(10, 99)} {_random.Next(100_000_000, 999_999_999)}");
    }

    private Address DutchAddress() =>
        new($"{Pick(Catalogue.Streets)} {_random.Next(1, 300)}", Pick(Catalogue.DutchCities), $"{_random.Next(1000, 9999)} {(char)('A' + _random.Next(26))}{(char)('A' + _random.Next(26))}", CountryCode.Parse("NL"));

    private Equipment Container(string ownerPrefix)
    {
        var prefix = $"{ownerPrefix}U{_random.Next(0, 999_999):000000}";
        for (var digit = 0; digit < 10; digit++)
        {
            if (ContainerNumber.TryParse(prefix + digit, out var number, out _))
            {
                return new Equipment(number.Value, Pick(["22G1", "42G1", "45G1", "45R1"]), [$"{ownerPrefix}{_random.Next(1_000_000, 9_999_999)}"]);
            }
        }
        throw new InvalidOperationException("ISO 6346 always has one check digit");
    }

    private ImoNumber Imo()
    {
        var six = _random.Next(900_000, 999_999).ToString("000000");
        for (var digit = 0; digit < 10; digit++)
        {
            if (ImoNumber.TryParse(six + digit, out var imo, out _))
            {
                return imo.Value;
            }
        }
        throw new InvalidOperationException("an IMO number always has one check digit");
    }

    private string AirWaybillNumber(string prefix)
    {
        // The eighth digit of an air waybill serial is the first seven modulo 7.
        var serial = _random.Next(1_000_000, 9_999_999);
        return $"{prefix}-{serial}{serial % 7}";
    }

    private DateTimeOffset Departure() => _options.Start.AddDays(-_random.Next(0, 30)).AddMinutes(_random.Next(0, 24 * 60)) is var d ? new DateTimeOffset(d.Ticks - d.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero) : default;

    private string CompanyName() => $"{Pick(Catalogue.CompanyWords)} {Pick(Catalogue.CompanyTrades)} {Pick(Catalogue.CompanyForms)}";

    private string Typo(string name)
    {
        var i = 1 + _random.Next(name.Length - 2);
        return name[..i] + name[(i + 1)..];
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
