using System.Globalization;
using OpenCts.Domain.Commerce;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;

namespace OpenCts.Ingestion.Samples.Ecommerce;

/// <summary>
/// Writes a synthetic stream of e-commerce parcels into the Netherlands (postal items and express parcels from sellers
/// abroad to buyers at home), with platform orders for a share of them and planted splitting rings, undervalued,
/// misdescribed and counterfeit brand lines, each recorded in the ground truth.
/// </summary>
/// <remarks>
/// <para>The same seed, options and count give the same stream. The stream is lazy and keeps no table of its people:
/// a repeat buyer, a ring's receiver and a seller are drawn again from their numbers, so a million parcels take the
/// memory of one.</para>
/// <para>Parcels depart in stream order over <see cref="EcommerceOptions.WindowDays"/> days. Each splitting ring
/// receives its parcels within a burst of <see cref="RingBurstDays"/> days, each declared at 80 to 149 EUR, so any two
/// of them together exceed the <see cref="DeMinimisEur"/> threshold within 30 days.</para>
/// </remarks>
public sealed class EcommerceGenerator
{
    /// <summary>The de minimis threshold a splitting ring keeps each parcel under.</summary>
    public const decimal DeMinimisEur = 150m;

    /// <summary>The days within which each splitting ring receives all its parcels.</summary>
    public const int RingBurstDays = 24;

    /// <summary>Parcels per splitting ring on average.</summary>
    public const int ParcelsPerRing = 10;

    private const ulong MainStream = 0x4D41_494E;
    private const ulong LabelStream = 0x4C41_4245;
    private static readonly Dictionary<string, EcomGoods> GoodsByKey = EcommerceCatalogue.Goods.ToDictionary(g => g.Key, StringComparer.Ordinal);
    private static readonly (string Name, string Code)[] Express = [("DHL Express", "DHL"), ("FedEx Express", "FDX"), ("UPS", "UPS")];
    private static readonly CountryCode Netherlands = CountryCode.Parse("NL");
    private static readonly UnLocode Schiphol = UnLocode.Parse("NLAMS");

    private readonly int _seed;
    private readonly EcommerceOptions _options;
    private readonly Seller[] _sellers;
    private readonly Seller[] _counterfeitSellers;

    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="EcommerceOptions.Validate"/>).</exception>
    public EcommerceGenerator(int seed, EcommerceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _seed = seed;
        _options = options;
        _sellers = Sellers.All(seed);
        _counterfeitSellers = _sellers.Where(s => EcommerceCatalogue.CounterfeitOrigins.Contains(s.Country, StringComparer.Ordinal)).ToArray();
    }

    /// <summary>Euros per unit of a currency parcels are declared in (EUR, USD, CNY, GBP), at the generator's fixed rates.</summary>
    /// <exception cref="ArgumentException">A currency the generator does not use.</exception>
    public static decimal EurPerUnit(CurrencyCode currency)
    {
        foreach (var (code, rate, _) in EcommerceCatalogue.Currencies)
        {
            if (code == currency.Value)
            {
                return rate;
            }
        }
        throw new ArgumentException($"the generator declares no parcel in {currency}", nameof(currency));
    }

    /// <summary>How many splitting rings a stream of <paramref name="count"/> parcels has.</summary>
    public static int RingCount(int count, double ringShare) =>
        ringShare <= 0 || count == 0 ? 0 : Math.Max(1, (int)Math.Round(count * ringShare / ParcelsPerRing));

    /// <summary>The stream of <paramref name="count"/> parcels, lazily.</summary>
    public IEnumerable<EcommerceParcel> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Stream(count);
    }

    private IEnumerable<EcommerceParcel> Stream(int count)
    {
        var random = SampleRandom.For(_seed, MainStream, count);
        var rings = RingCount(count, _options.RingShare);
        var nextBuyer = 0L;
        for (var i = 0; i < count; i++)
        {
            var window = TimeSpan.FromDays(_options.WindowDays);
            var departure = _options.Start - window + window * ((i + random.NextDouble()) / count);
            int? ring = null;
            if (rings > 0 && random.Chance(_options.RingShare))
            {
                (ring, departure) = PickRing(departure, rings, random);
            }
            Buyer buyer;
            if (ring is { } r)
            {
                buyer = Buyers.RingReceiver(_seed, r);
            }
            else if (nextBuyer > 0 && random.Chance(_options.RepeatBuyerShare))
            {
                buyer = Buyers.Ordinary(_seed, nextBuyer - 1 - random.Next((int)Math.Min(nextBuyer, 3000)), _options.SharedAddressShare);
            }
            else
            {
                buyer = Buyers.Ordinary(_seed, nextBuyer++, _options.SharedAddressShare);
            }
            departure = new DateTimeOffset(departure.UtcTicks - departure.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
            yield return Parcel(i, departure, buyer, ring, random);
        }
    }

    /// <summary>A ring whose burst covers the departure, and the departure moved into the burst at the window's edges.</summary>
    private (int Ring, DateTimeOffset Departure) PickRing(DateTimeOffset departure, int rings, SampleRandom random)
    {
        var windowStart = _options.Start.AddDays(-_options.WindowDays);
        var span = _options.WindowDays - RingBurstDays;
        var days = (departure - windowStart).TotalDays;
        // Ring k's burst starts span * (k + 0.5) / rings days into the window: bursts are spread evenly, so the rings
        // covering a day are a run of consecutive numbers.
        var low = Math.Clamp((int)Math.Ceiling((days - RingBurstDays) / span * rings - 0.5), 0, rings - 1);
        var high = Math.Clamp((int)Math.Floor(days / span * rings - 0.5), 0, rings - 1);
        var ring = high < low ? low : low + random.Next(high - low + 1);
        var burstStart = windowStart.AddDays(span * (ring + 0.5) / rings);
        var inBurst = departure < burstStart ? burstStart : departure > burstStart.AddDays(RingBurstDays) ? burstStart.AddDays(RingBurstDays) : departure;
        return (ring, inBurst);
    }

    private EcommerceParcel Parcel(int index, DateTimeOffset departure, Buyer buyer, int? ring, SampleRandom random)
    {
        var (currencyCode, rate) = PickCurrency(random);
        var currency = CurrencyCode.Parse(currencyCode);
        var lineCount = ring is null ? (random.Chance(0.6) ? 1 : random.Next(2, 4)) : random.Next(1, 3);
        var plants = new PlantedLine[lineCount];
        for (var l = 0; l < lineCount; l++)
        {
            plants[l] = ring is null ? PickPlant(random) : PlantedLine.None;
        }
        var seller = plants.Contains(PlantedLine.FakeBrand) && _counterfeitSellers.Length > 0 ? random.Pick(_counterfeitSellers) : random.Pick(_sellers);
        var ringTotal = ring is null ? 0 : random.Between(80, 149);
        var lines = new LineDraft[lineCount];
        for (var l = 0; l < lineCount; l++)
        {
            lines[l] = ring is null ? Line(plants[l], seller, random) : RingLine(ringTotal / lineCount, seller, random);
        }

        var items = new GoodsItem[lineCount];
        var truths = new LineTruth[lineCount];
        var orderItems = new PlatformOrderItem[lineCount];
        var declaredEur = 0m;
        for (var l = 0; l < lineCount; l++)
        {
            var line = lines[l];
            var amount = Math.Max(0.01m, Math.Round((decimal)line.DeclaredEur / rate, 2));
            var gross = Math.Max(0.01m, Math.Round((decimal)line.Kg, 3));
            var hs = random.Chance(0.3) ? line.Hs + "00" : line.Hs;
            items[l] = new GoodsItem(l + 1, HsCode.Parse(hs), line.Description, 1, "PK", gross, Math.Round(gross * 0.9m, 3), new Money(amount, currency), CountryCode.Parse(line.Origin));
            var quantity = random.Chance(0.7) ? 1 : random.Next(2, 4);
            var unitPrice = Math.Max(0.01m, Math.Round((decimal)line.PaidEur / rate / quantity, 2));
            orderItems[l] = new PlatformOrderItem(line.Description, quantity, new Money(unitPrice, currency), random.Chance(0.5) ? HsCode.Parse(line.TrueHs) : null, line.BrandSpelling);
            var lineEur = Math.Round(amount * rate, 2);
            declaredEur += lineEur;
            truths[l] = new LineTruth(l + 1, line.Planted, line.Brand, lineEur, Math.Round((decimal)line.NormalEur, 2), Math.Round(quantity * unitPrice * rate, 2));
        }

        var postal = random.Chance(0.5);
        var (carrierName, carrierCode) = postal ? ("PostNL", "PNL") : random.Pick(Express);
        var number = postal ? PostalItemNumber(index, random, seller.Country) : ExpressNumber(index, carrierCode);
        var consignee = ring is null ? LabelVariants.Canonical(buyer, PartyRole.Consignee) : LabelVariants.Varied(buyer, PartyRole.Consignee, SampleRandom.For(_seed, LabelStream, index), vary: 0.6);
        var consignment = new Consignment(
            new TransportDocument(number, postal ? TransportDocumentKind.PostalItem : TransportDocumentKind.ExpressParcel),
            Direction.Import,
            postal ? TransportMode.Postal : TransportMode.Air,
            [seller.AsParty(PartyRole.Consignor, withPlatformId: false), consignee],
            [.. items],
            new Carrier(carrierName, carrierCode),
            placeOfLoading: UnLocode.Parse(seller.Airport),
            placeOfDischarge: Schiphol,
            route: [CountryCode.Parse(seller.Country), Netherlands],
            departure: departure,
            estimatedArrival: departure.AddDays(2 + random.Next(7)).AddHours(random.Next(24)));

        PlatformOrder? order = null;
        if (random.Chance(_options.OrderShare))
        {
            var shipping = random.Chance(0.6) ? Math.Round((decimal)random.Between(0, 8) / rate, 2) : (decimal?)null;
            var paid = orderItems.Sum(i => i.LineAmount) + (shipping ?? 0);
            order = new PlatformOrder(
                seller.Platform,
                $"{seller.Platform[..2].ToUpperInvariant()}{_seed & 0xFFFF:00000}-{index:00000000}",
                departure.AddHours(-random.Next(12, 6 * 24)),
                seller.AsParty(PartyRole.Seller, withPlatformId: true),
                LabelVariants.Canonical(buyer, PartyRole.Buyer),
                [.. orderItems],
                new Money(paid, currency),
                number,
                shipping is { } s ? new Money(s, currency) : null);
        }
        var truth = new ParcelTruth(seller.Id, buyer.Id, ring is { } k ? $"R-{k:00000}" : null, declaredEur, [.. truths]);
        return new EcommerceParcel(consignment, order, truth);
    }

    private PlantedLine PickPlant(SampleRandom random)
    {
        var roll = random.NextDouble();
        foreach (var (plant, share) in (ReadOnlySpan<(PlantedLine, double)>)[
            (PlantedLine.FakeBrand, _options.FakeBrandShare), (PlantedLine.GenuineBrand, _options.GenuineBrandShare),
            (PlantedLine.Undervalued, _options.UndervaluedShare), (PlantedLine.Misdescribed, _options.MisdescribedShare)])
        {
            if ((roll -= share) < 0)
            {
                return plant;
            }
        }
        return PlantedLine.None;
    }

    private static (string Code, decimal EurPerUnit) PickCurrency(SampleRandom random)
    {
        var roll = random.NextDouble();
        foreach (var (code, rate, share) in EcommerceCatalogue.Currencies)
        {
            if ((roll -= share) < 0)
            {
                return (code, rate);
            }
        }
        return ("EUR", 1m);
    }

    /// <summary>A line as planned, in euros, before it is written in the parcel's currency.</summary>
    private sealed record LineDraft(string Hs, string TrueHs, string Description, string Origin, double Kg, double DeclaredEur, double NormalEur, double PaidEur, PlantedLine Planted, string? Brand, string? BrandSpelling);

    private static LineDraft Line(PlantedLine plant, Seller seller, SampleRandom random)
    {
        switch (plant)
        {
            case PlantedLine.FakeBrand:
            {
                var brand = random.Pick(EcommerceCatalogue.Brands);
                var goods = GoodsByKey[brand.Goods];
                var spelling = random.Chance(0.6) ? random.Pick(brand.LookAlikes) : brand.Name;
                var origin = EcommerceCatalogue.CounterfeitOrigins.Contains(seller.Country, StringComparer.Ordinal) ? seller.Country : random.Pick(EcommerceCatalogue.CounterfeitOrigins);
                var declared = brand.FloorEur * random.Between(0.05, 0.4);
                return new(goods.Hs, goods.Hs, $"{spelling} {random.Pick(brand.Products)}", origin, Kg(goods, random), declared, brand.FloorEur, declared * random.Between(1.0, 1.3), plant, brand.Name, spelling);
            }
            case PlantedLine.GenuineBrand:
            {
                var brand = random.Pick(EcommerceCatalogue.Brands);
                var goods = GoodsByKey[brand.Goods];
                var declared = brand.FloorEur * random.Between(1.2, 3.0);
                return new(goods.Hs, goods.Hs, $"{brand.Name} {random.Pick(brand.Products)}", random.Pick(brand.AuthorisedOrigins), Kg(goods, random), declared, declared, declared, plant, brand.Name, brand.Name);
            }
            case PlantedLine.Misdescribed:
            {
                var (described, declaredHs) = random.Pick(EcommerceCatalogue.Misdescriptions);
                var goods = GoodsByKey[described];
                var kg = Kg(goods, random);
                var value = kg * PerKg(goods, random);
                return new(declaredHs, goods.Hs, random.Pick(goods.Descriptions), Origin(goods, seller, random), kg, value, value, value, plant, null, null);
            }
            default:
            {
                var goods = random.Pick(EcommerceCatalogue.Goods);
                var kg = Kg(goods, random);
                var value = kg * PerKg(goods, random);
                var declared = plant == PlantedLine.Undervalued ? value * random.Between(0.05, 0.25) : value;
                return new(goods.Hs, goods.Hs, random.Pick(goods.Descriptions), Origin(goods, seller, random), kg, declared, value, value, plant, null, null);
            }
        }
    }

    /// <summary>An honest line worth <paramref name="valueEur"/>: its mass follows from a normal value per kilogram, so it teaches the reference nothing wrong.</summary>
    private static LineDraft RingLine(double valueEur, Seller seller, SampleRandom random)
    {
        var goods = GoodsByKey[random.Pick(EcommerceCatalogue.RingGoods)];
        var kg = Math.Max(0.01, valueEur / PerKg(goods, random));
        return new(goods.Hs, goods.Hs, random.Pick(goods.Descriptions), Origin(goods, seller, random), kg, valueEur, valueEur, valueEur, PlantedLine.None, null, null);
    }

    private static double Kg(EcomGoods goods, SampleRandom random) => random.Between(goods.KgLow, goods.KgHigh);

    private static double PerKg(EcomGoods goods, SampleRandom random) => goods.MedianEurPerKg * Math.Exp(goods.Spread * random.Normal());

    private static string Origin(EcomGoods goods, Seller seller, SampleRandom random) =>
        goods.Origins.Contains(seller.Country, StringComparer.Ordinal) ? seller.Country : random.Pick(goods.Origins);

    /// <summary>A UPU S10 item number (two letters, eight digits, the check digit, the country of posting), unique per parcel of the stream.</summary>
    private string PostalItemNumber(int index, SampleRandom random, string country)
    {
        // Multiplying by a number prime to 10^8 maps each index below 10^8 to its own serial.
        var serial = (int)(((long)index * 7919 + (uint)_seed) % 100_000_000);
        var digits = serial.ToString("00000000", CultureInfo.InvariantCulture);
        ReadOnlySpan<int> weights = [8, 6, 4, 2, 3, 5, 9, 7];
        var sum = 0;
        for (var d = 0; d < 8; d++)
        {
            sum += (digits[d] - '0') * weights[d];
        }
        var check = 11 - sum % 11;
        check = check == 10 ? 0 : check == 11 ? 5 : check;
        return $"{random.Pick(["LX", "LP", "RB", "UA", "CP"])}{digits}{check}{country}";
    }

    private string ExpressNumber(int index, string carrier)
    {
        var serial = ((long)index * 7919 + (uint)_seed) % 1_000_000_000;
        return carrier switch
        {
            "DHL" => $"1{serial:000000000}",
            "FDX" => $"77{serial:0000000000}",
            _ => $"1Z{(uint)_seed % 1000:000}E{serial:0000000000}",
        };
    }
}
