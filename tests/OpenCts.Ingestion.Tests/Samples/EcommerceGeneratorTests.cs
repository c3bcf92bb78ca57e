using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;
using OpenCts.Ingestion.Samples.Ecommerce;

namespace OpenCts.Ingestion.Tests.Ecommerce;

/// <summary>The synthetic e-commerce stream: deterministic, lazy, and with what it plants where the options say.</summary>
public class EcommerceGeneratorTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<List<EcommerceParcel>> Stream20k = new(() => new EcommerceGenerator(11, new EcommerceOptions(Start)).Generate(20_000).ToList());

    private static readonly string[] DescriptionsOfEarbudsPhonesAndWatches =
    [
        "Wireless earbuds", "Bluetooth headphones", "TWS earphones with charging case", "Over-ear headphones",
        "Smartphone 128GB", "Mobile phone, unlocked", "Android smartphone", "Wrist watch, quartz", "Analogue wrist watch, steel strap",
    ];

    private static decimal DeclaredEur(Consignment parcel) =>
        parcel.Goods.Sum(g => Math.Round(g.Value!.Value.Amount * EcommerceGenerator.EurPerUnit(g.Value.Value.Currency), 2));

    private static string Fingerprint(EcommerceParcel parcel) =>
        Convert.ToBase64String(ConsignmentJsonWriter.ToUtf8Bytes(parcel.Consignment)) + parcel.Order + parcel.Truth + string.Join(";", parcel.Truth.Lines);

    [Fact]
    public void The_same_seed_gives_the_same_stream_and_another_seed_another()
    {
        var options = new EcommerceOptions(Start);

        var first = new EcommerceGenerator(5, options).Generate(800).Select(Fingerprint).ToList();
        var again = new EcommerceGenerator(5, options).Generate(800).Select(Fingerprint).ToList();
        var other = new EcommerceGenerator(6, options).Generate(800).Select(Fingerprint).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Enumerating_the_same_generator_twice_gives_the_same_stream()
    {
        var generator = new EcommerceGenerator(5, new EcommerceOptions(Start));

        Assert.Equal(generator.Generate(300).Select(Fingerprint), generator.Generate(300).Select(Fingerprint));
    }

    [Fact]
    public void Parcels_are_postal_items_or_express_parcels_imported_into_the_Netherlands_over_the_window()
    {
        var stream = Stream20k.Value;

        Assert.All(stream, p =>
        {
            var c = p.Consignment;
            Assert.Equal(Direction.Import, c.Direction);
            Assert.True((c.Mode, c.Document.Kind) is (TransportMode.Postal, TransportDocumentKind.PostalItem) or (TransportMode.Air, TransportDocumentKind.ExpressParcel), c.Document.Key);
            Assert.Equal("NL", c.Consignee!.Country?.Value);
            Assert.NotEqual("NL", c.Consignor!.Country?.Value);
            Assert.InRange(c.Goods.Count, 1, 3);
            Assert.All(c.Goods, g => Assert.True(g.HsCode is not null && g.Value is not null && g.Origin is not null && g.GrossMassKg > 0 && g.Description.Length > 0));
            Assert.InRange(c.Departure!.Value, Start.AddDays(-60), Start);
        });
        Assert.Equal(stream.Count, stream.Select(p => p.Consignment.Document.Key).Distinct().Count());
        Assert.Equal(new[] { "CNY", "EUR", "GBP", "USD" }, stream.SelectMany(p => p.Consignment.Goods).Select(g => g.Value!.Value.Currency.Value).Distinct().Order());
        var days = stream.GroupBy(p => (int)(p.Consignment.Departure!.Value - Start.AddDays(-60)).TotalDays).ToList();
        Assert.Equal(60, days.Count);
        Assert.All(days, d => Assert.InRange(d.Count(), 250, 420));
    }

    [Fact]
    public void The_planted_shares_are_as_configured()
    {
        var stream = Stream20k.Value;
        var lines = stream.Where(p => p.Truth.RingId is null).SelectMany(p => p.Truth.Lines).ToList();

        Assert.InRange(stream.Count(p => p.Order is not null) / (double)stream.Count, 0.58, 0.62);
        Assert.InRange(stream.Count(p => p.Truth.RingId is not null) / (double)stream.Count, 0.045, 0.055);
        Assert.InRange(lines.Count(l => l.FakeBrand) / (double)lines.Count, 0.025, 0.035);
        Assert.InRange(lines.Count(l => l.GenuineBrand) / (double)lines.Count, 0.007, 0.013);
        Assert.InRange(lines.Count(l => l.Undervalued) / (double)lines.Count, 0.035, 0.045);
        Assert.InRange(lines.Count(l => l.Misdescribed) / (double)lines.Count, 0.016, 0.024);
    }

    [Fact]
    public void Other_shares_are_honoured_and_zero_shares_plant_nothing()
    {
        var options = new EcommerceOptions(Start) { OrderShare = 0.2, RingShare = 0, FakeBrandShare = 0, GenuineBrandShare = 0, UndervaluedShare = 0.3, MisdescribedShare = 0 };

        var stream = new EcommerceGenerator(2, options).Generate(5000).ToList();
        var lines = stream.SelectMany(p => p.Truth.Lines).ToList();

        Assert.InRange(stream.Count(p => p.Order is not null) / 5000.0, 0.18, 0.22);
        Assert.DoesNotContain(stream, p => p.Truth.RingId is not null);
        Assert.InRange(lines.Count(l => l.Undervalued) / (double)lines.Count, 0.27, 0.33);
        Assert.All(lines, l => Assert.True(l.Planted is PlantedLine.None or PlantedLine.Undervalued));
    }

    [Fact]
    public void Options_out_of_range_are_refused_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new EcommerceGenerator(1, new EcommerceOptions(Start) { OrderShare = 1.5 }));
        Assert.Equal("OrderShare", error.ParamName);
        Assert.Equal("WindowDays", Assert.Throws<ArgumentOutOfRangeException>(() => new EcommerceGenerator(1, new EcommerceOptions(Start) { WindowDays = 20 })).ParamName);
    }

    [Fact]
    public void Each_ring_parcel_is_under_the_threshold_and_each_ring_is_over_it_within_30_days()
    {
        var rings = Stream20k.Value.Where(p => p.Truth.RingId is not null).GroupBy(p => p.Truth.RingId!).ToList();

        Assert.Equal(EcommerceGenerator.RingCount(20_000, 0.05), rings.Count);
        Assert.All(rings.SelectMany(r => r), p => Assert.True(DeclaredEur(p.Consignment) < EcommerceGenerator.DeMinimisEur, $"{p.Consignment.Document.Key}: {DeclaredEur(p.Consignment)} EUR"));
        var multi = rings.Where(r => r.Count() >= 2).ToList();
        Assert.True(multi.Count >= rings.Count * 0.95, $"{multi.Count} of {rings.Count} rings have two parcels or more");
        Assert.All(multi, ring =>
        {
            var departures = ring.Select(p => p.Consignment.Departure!.Value).ToList();
            Assert.True(departures.Max() - departures.Min() <= TimeSpan.FromDays(30), $"{ring.Key} spans {departures.Max() - departures.Min()}");
            Assert.True(ring.Sum(p => DeclaredEur(p.Consignment)) > EcommerceGenerator.DeMinimisEur, ring.Key);
            Assert.Single(ring.Select(p => p.Truth.ConsigneeId).Distinct());
        });
    }

    [Fact]
    public void A_rings_receiver_appears_under_variants_of_name_address_phone_and_email()
    {
        var ringParcels = Stream20k.Value.Where(p => p.Truth.RingId is not null).Select(p => p.Consignment.Consignee!).ToList();
        var rings = Stream20k.Value.Where(p => p.Truth.RingId is not null).GroupBy(p => p.Truth.RingId!).Where(r => r.Count() >= 5).ToList();

        // Each part is varied on three parcels in five: a ring of five may by chance keep one part as it is, never all of them.
        Assert.All(rings, ring => Assert.True(ring.Select(p => p.Consignment.Consignee!).Distinct().Count() >= 2, $"{ring.Key}: one label only"));
        Assert.True(rings.Count(r => r.Select(p => p.Consignment.Consignee!.Name).Distinct().Count() >= 2) >= rings.Count * 0.9, "names vary");
        Assert.True(rings.Count(r => r.Select(p => p.Consignment.Consignee!.Phone).Distinct().Count() >= 2) >= rings.Count * 0.9, "phones vary");
        Assert.True(rings.Count(r => r.Select(p => p.Consignment.Consignee!.Email).Distinct().Count() >= 2) >= rings.Count * 0.9, "e-mails vary");
        Assert.All(ringParcels, p => Assert.True(p.Email!.All(char.IsAscii), p.Email));
        Assert.Contains(ringParcels, p => p.Name.Contains(',', StringComparison.Ordinal));
        Assert.Contains(ringParcels, p => p.Address!.Street!.Contains("str.", StringComparison.Ordinal));
        Assert.Contains(ringParcels, p => p.Address!.Postcode!.IndexOf(' ', StringComparison.Ordinal) < 0);
        Assert.Contains(ringParcels, p => p.Phone!.StartsWith("06", StringComparison.Ordinal));
        Assert.Contains(ringParcels, p => p.Email!.Contains('+', StringComparison.Ordinal));
        Assert.Contains(rings, r => r.Select(p => p.Consignment.Consignee!.Address!.City).Distinct(StringComparer.OrdinalIgnoreCase).Count() >= 2
            || r.Select(p => p.Consignment.Consignee!.Address!.Postcode!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).Distinct().Count() >= 2);
    }

    [Fact]
    public void Ordinary_buyers_have_few_parcels_and_repeat_buyers_exactly_the_same_details()
    {
        var ordinary = Stream20k.Value.Where(p => p.Truth.RingId is null).ToList();
        var byPerson = ordinary.GroupBy(p => p.Truth.ConsigneeId).ToList();

        Assert.True(byPerson.Count(g => g.Count() <= 3) >= byPerson.Count * 0.97, "most ordinary buyers have one to three parcels");
        var repeat = byPerson.Where(g => g.Count() >= 2).ToList();
        Assert.True(repeat.Count > 1000, $"{repeat.Count} repeat buyers");
        Assert.All(repeat, g => Assert.Single(g.Select(p => p.Consignment.Consignee!).Distinct()));
        var households = ordinary.Select(p => (p.Truth.ConsigneeId, p.Consignment.Consignee!.Address))
            .Distinct().GroupBy(x => x.Address).Count(g => g.Count() >= 2);
        Assert.True(households > 100, $"{households} addresses shared by different buyers");
    }

    [Fact]
    public void Planted_lines_look_as_their_truth_says()
    {
        var parcels = Stream20k.Value;
        var brands = new Dictionary<string, (string Heading, double Floor, string[] Origins)>
        {
            ["Lumora"] = ("9102", 150, ["CH"]), ["Vantek"] = ("8518", 80, ["JP", "US"]), ["Solenne"] = ("4202", 300, ["FR", "IT"]),
            ["Kairo"] = ("6404", 90, ["VN", "ID"]), ["Nordhaven"] = ("3303", 60, ["FR"]), ["Zephyra"] = ("8517", 400, ["KR", "VN"]),
        };
        foreach (var parcel in parcels)
        {
            foreach (var line in parcel.Truth.Lines)
            {
                var item = parcel.Consignment.Goods[line.Sequence - 1];
                switch (line.Planted)
                {
                    case PlantedLine.Undervalued:
                        Assert.InRange(line.DeclaredEur / line.NormalEur, 0.04m, 0.26m);
                        Assert.InRange(line.PaidEur / line.NormalEur, 0.95m, 1.05m);
                        break;
                    case PlantedLine.FakeBrand:
                        var fake = brands[line.Brand!];
                        Assert.Equal(fake.Heading, item.HsCode!.Value.Heading);
                        Assert.Contains(item.Origin!.Value.Value, new[] { "CN", "HK", "TR" });
                        Assert.True((double)line.DeclaredEur < fake.Floor * 0.41, $"{item.Description}: {line.DeclaredEur} EUR");
                        break;
                    case PlantedLine.GenuineBrand:
                        var genuine = brands[line.Brand!];
                        Assert.StartsWith(line.Brand!, item.Description, StringComparison.Ordinal);
                        Assert.Contains(item.Origin!.Value.Value, genuine.Origins);
                        Assert.True((double)line.DeclaredEur > genuine.Floor, $"{item.Description}: {line.DeclaredEur} EUR");
                        break;
                    case PlantedLine.Misdescribed:
                        Assert.Contains(item.HsCode!.Value.Heading, new[] { "6109", "9503", "3926" });
                        Assert.Contains(item.Description, DescriptionsOfEarbudsPhonesAndWatches);
                        break;
                    default:
                        Assert.InRange(line.DeclaredEur - line.NormalEur, -0.02m, 0.02m);
                        break;
                }
            }
        }
        var fakes = parcels.SelectMany(p => p.Consignment.Goods.Zip(p.Truth.Lines)).Where(x => x.Second.FakeBrand).Select(x => x.First.Description).ToList();
        Assert.Contains(fakes, d => d.StartsWith("Lum0ra", StringComparison.Ordinal));
        Assert.Contains(fakes, d => d.StartsWith("Kairo-style", StringComparison.Ordinal));
        Assert.Contains(fakes, d => d.StartsWith("Nord Haven", StringComparison.Ordinal));
    }

    [Fact]
    public void Orders_track_their_parcel_and_show_the_price_paid_above_an_undervalued_declaration()
    {
        var withOrders = Stream20k.Value.Where(p => p.Order is not null).ToList();

        Assert.All(withOrders, p =>
        {
            Assert.Equal(p.Consignment.Document.Number, p.Order!.TrackingNumber);
            Assert.Equal(p.Consignment.Goods.Count, p.Order.Items.Count);
            Assert.Equal(p.Consignment.Goods[0].Value!.Value.Currency, p.Order.Currency);
            Assert.True(p.Order.OrderDate < p.Consignment.Departure);
        });
        var undervalued = withOrders.Where(p => p.Truth.Lines.All(l => l.Undervalued)).ToList();
        Assert.NotEmpty(undervalued);
        Assert.All(undervalued, p => Assert.True(DeclaredEur(p.Consignment) < 0.3m * p.Order!.PricePaid.Amount * EcommerceGenerator.EurPerUnit(p.Order.Currency)));
    }
}
