using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;
using OpenCts.Domain.Values;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Ingestion.Samples;
using OpenCts.Ingestion.Samples.Ecommerce;
using OpenCts.Tests.Shared;

namespace OpenCts.Ingestion.Tests.Bodies;

/// <summary>The binary body a store keeps: it reads back to the consignment written, and damaged bytes are one clear error.</summary>
public class ConsignmentBinaryTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Every consignment the samples and both generators make: sea, air, parcels, houses, findings, provenance.</summary>
    private static IEnumerable<Consignment> Corpus()
    {
        var receiver = new FileReceiver(MessageFormats.All, TimeProvider.System);
        var folder = Path.Combine(RepositoryData.RepositoryRoot, "samples");
        foreach (var file in FileReceiver.Expand([Path.Combine(folder, "messages"), Path.Combine(folder, "consignments"), Path.Combine(folder, "ecommerce")]))
        {
            foreach (var message in receiver.Read(file, TestContext.Current.CancellationToken).Messages)
            {
                foreach (var consignment in message.Consignments)
                {
                    yield return consignment;
                }
            }
        }
        foreach (var consignment in new SampleGenerator(3, new SampleOptions(Start, RiskShare: 0.3)).Generate(3_000))
        {
            yield return consignment with { Provenance = new Provenance("SENDER", $"M{consignment.Document.Number}", Start.AddMinutes(7), 2, 41) };
        }
        foreach (var parcel in new EcommerceGenerator(4, new EcommerceOptions(Start)).Generate(3_000))
        {
            yield return parcel.Consignment;
        }
    }

    [Fact]
    public void Every_sample_and_generated_consignment_reads_back_equal_and_writes_the_same_json()
    {
        var count = 0;
        foreach (var consignment in Corpus())
        {
            var back = ConsignmentBinary.Read(ConsignmentBinary.ToBytes(consignment));

            Assert.Equal(consignment, back);
            // Record equality takes 12.5 for 12.50 and one instant for another offset; the JSON shows both.
            Assert.Equal(ConsignmentJsonWriter.ToUtf8Bytes(consignment), ConsignmentJsonWriter.ToUtf8Bytes(back));
            count++;
        }
        Assert.True(count > 6_000, $"only {count} consignments were read");
    }

    [Fact]
    public void The_outline_read_from_every_sample_and_generated_body_is_the_outline_of_the_consignment_read_whole()
    {
        var count = 0;
        foreach (var consignment in Corpus())
        {
            var body = ConsignmentBinary.ToBytes(consignment);

            Assert.Equal(ConsignmentOutline.Of(ConsignmentBinary.Read(body)), ConsignmentBinary.ReadOutline(body));
            count++;
        }
        Assert.True(count > 6_000, $"only {count} consignments were read");
    }

    [Fact]
    public void Bodies_of_the_first_layout_still_read_to_the_consignment_and_outline_they_were_written_from()
    {
        // Written by the release before layout 2: each line is a body in hexadecimal, a tab, and the JSON of its consignment.
        var lines = File.ReadAllLines(Path.Combine(RepositoryData.RepositoryRoot, "tests", "OpenCts.Ingestion.Tests", "Bodies", "layout-1-bodies.tsv"));
        foreach (var line in lines)
        {
            var body = Convert.FromHexString(line[..line.IndexOf('\t', StringComparison.Ordinal)]);
            var json = line[(line.IndexOf('\t', StringComparison.Ordinal) + 1)..];
            Assert.Equal(1, body[0]);

            var consignment = ConsignmentBinary.Read(body);

            Assert.Equal(json, System.Text.Encoding.UTF8.GetString(ConsignmentJsonWriter.ToUtf8Bytes(consignment)));
            Assert.Equal(ConsignmentOutline.Of(consignment), ConsignmentBinary.ReadOutline(body));
            Assert.Equal(consignment, ConsignmentBinary.Read(ConsignmentBinary.ToBytes(consignment)));
        }
        Assert.True(lines.Length >= 40, $"only {lines.Length} bodies");
        Assert.Contains(lines, l => l.Contains("\"dataQuality\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_body_is_its_head_then_the_row_part_of_its_provenance()
    {
        foreach (var consignment in Corpus().Where(c => c.Provenance is not null).Take(500))
        {
            var p = consignment.Provenance!;

            byte[] parts = [.. ConsignmentBinary.Head(consignment), .. ConsignmentBinary.RowPart(p.ReceivedAt, p.Version, p.RawMessageId)];
            Assert.Equal(ConsignmentBinary.ToBytes(consignment), parts);
        }
        var bare = new SampleGenerator(5).Generate(1)[0] with { Provenance = null };
        Assert.Throws<ArgumentException>(() => ConsignmentBinary.Head(bare));
    }

    [Fact]
    public void An_outline_keeps_every_instant_and_goods_line_and_leaves_a_blank_description_empty()
    {
        var departure = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(-9.5));
        var received = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var consignment = new Consignment(
            new TransportDocument("B/L 1", TransportDocumentKind.HouseBillOfLading, "MASTER-9"),
            Direction.Import,
            TransportMode.Sea,
            [new Party(PartyRole.Consignor, "Seller", new Address("1 Street", "Zürich", "8000", CountryCode.Parse("CH")), CountryCode.Parse("DE"), [new PartyIdentifier("eori", "DE123")], "+41 1", "a@b.ch")],
            [new GoodsItem(1, HsCode.Parse("851713"), "  Phones  ", 3, "CT", 12.50m, 1m, new Money(10m, CurrencyCode.Parse("EUR")), CountryCode.Parse("CN"), ["MSCU1234566"]),
             new GoodsItem(2, null, "   ", 0, null, 0m, null, null, null)],
            departure: departure,
            provenance: new Provenance("S", "M", received, 1, 7));

        var outline = ConsignmentBinary.ReadOutline(ConsignmentBinary.ToBytes(consignment));

        Assert.Equal(new ConsignmentOutline(departure, null, received, [new GoodsLine("Phones", "851713"), new GoodsLine("", null)]), outline);
        Assert.Equal(TimeSpan.FromHours(-9.5), outline.Departure!.Value.Offset);
    }

    [Fact]
    public void An_outline_of_a_body_cut_short_or_followed_by_more_bytes_is_one_invalid_data_error()
    {
        var body = ConsignmentBinary.ToBytes(new SampleGenerator(9, new SampleOptions(Start, RiskShare: 1)).Generate(1)[0]);

        for (var length = 0; length < body.Length; length++)
        {
            var error = Assert.Throws<InvalidDataException>(() => ConsignmentBinary.ReadOutline(body.AsSpan(0, length)));
            Assert.StartsWith("a consignment body does not decode: ", error.Message, StringComparison.Ordinal);
        }
        Assert.Throws<InvalidDataException>(() => ConsignmentBinary.ReadOutline([.. body, 0]));
    }

    [Fact]
    public void Decimal_scales_extreme_amounts_time_offsets_and_missing_parts_are_kept_as_they_were()
    {
        var goods = new GoodsItem(7, HsCode.Parse("851713"), "Phones", 3, "CT", 12.50m, 0.000001m, new Money(decimal.MaxValue, CurrencyCode.Parse("EUR")), null,
            ["MSCU1234566"]);
        var bare = new GoodsItem(1, null, null, 0, null, 0m, null, null, null);
        var consignment = new Consignment(
            new TransportDocument("B/L 1", TransportDocumentKind.HouseBillOfLading, "MASTER-9"),
            Direction.Transshipment,
            TransportMode.InlandWaterway,
            [new Party(PartyRole.Seller, "Ünïcødé 名前 Ltd", new Address(null, "Zürich", null, CountryCode.Parse("CH")), CountryCode.Parse("DE"), [new PartyIdentifier("eori", "DE123")], "+41 1", "a@b.ch"),
             new Party(PartyRole.Buyer, "No address")],
            [goods, bare],
            new Carrier("Carrier", "mscu"),
            new Conveyance("VESSEL", ImoNumber.Parse("9074729"), "V1", "lh 8160", "AB-12"),
            UnLocode.Parse("NLRTM"),
            UnLocode.Parse("DEHAM"),
            null,
            [CountryCode.Parse("BE"), CountryCode.Parse("FR")],
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(-9.5)),
            new DateTimeOffset(2026, 1, 9, 3, 4, 5, 678, TimeSpan.FromHours(14)),
            [new Equipment(ContainerNumber.Parse("MSCU1234566"), "45G1", ["S1", "S2"])],
            new Provenance("S", "M", DateTimeOffset.MinValue, 3, long.MinValue),
            [new DataQualityFinding("goods[1].description", null, DataQualityRules.DescriptionMissing, "no description")]);

        var back = ConsignmentBinary.Read(ConsignmentBinary.ToBytes(consignment));

        Assert.Equal(consignment, back);
        Assert.Equal(ConsignmentJsonWriter.ToUtf8Bytes(consignment), ConsignmentJsonWriter.ToUtf8Bytes(back));
        Assert.Equal("12.50", back.Goods[0].GrossMassKg.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromHours(-9.5), back.Departure!.Value.Offset);
        Assert.Equal(CountryCode.Parse("DE"), back.Parties[0].Country);
        Assert.Null(back.Parties[1].Address);
        Assert.Null(back.FinalDestination);
    }

    [Fact]
    public void Values_that_come_back_from_body_to_body_are_read_as_one_string()
    {
        var consignment = new SampleGenerator(6).Generate(1)[0];
        var body = ConsignmentBinary.ToBytes(consignment);

        var first = ConsignmentBinary.Read(body);
        var second = ConsignmentBinary.Read(body);

        Assert.Same(first.Document.Number, second.Document.Number);
        Assert.Same(first.Parties[0].Name, second.Parties[0].Name);
        Assert.NotSame(consignment.Document.Number, first.Document.Number);
    }

    [Fact]
    public void The_body_is_far_smaller_than_the_json_of_the_same_consignment()
    {
        var consignments = new SampleGenerator(8).Generate(500);

        var binary = consignments.Sum(c => ConsignmentBinary.ToBytes(c).Length);
        var json = consignments.Sum(c => ConsignmentJsonWriter.ToUtf8Bytes(c).Length);

        Assert.True(binary * 2 < json, $"binary {binary} bytes, JSON {json} bytes");
    }

    [Fact]
    public void Every_cut_short_or_changed_body_reads_as_a_consignment_or_one_invalid_data_error()
    {
        var body = ConsignmentBinary.ToBytes(new SampleGenerator(9, new SampleOptions(Start, RiskShare: 1)).Generate(1)[0]);
        var outcomes = new Dictionary<string, int>();

        for (var length = 0; length < body.Length; length++)
        {
            var error = Assert.Throws<InvalidDataException>(() => ConsignmentBinary.Read(body.AsSpan(0, length)));
            Assert.StartsWith("a consignment body does not decode: ", error.Message, StringComparison.Ordinal);
        }
        foreach (var value in new byte[] { 0x00, 0x01, 0x7F, 0x80, 0xFF })
        {
            for (var at = 0; at < body.Length; at++)
            {
                var changed = (byte[])body.Clone();
                changed[at] = value;
                string outcome;
                try
                {
                    ConsignmentBinary.Read(changed);
                    outcome = "read";
                }
                catch (InvalidDataException)
                {
                    outcome = "refused";
                }
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }

        Assert.True(outcomes.GetValueOrDefault("refused") > 0, "no changed body was refused");
        Assert.Throws<InvalidDataException>(() => ConsignmentBinary.Read([.. body, 0]));
    }

    [Fact]
    public void A_layout_this_build_does_not_know_is_refused_with_its_version()
    {
        var body = ConsignmentBinary.ToBytes(new SampleGenerator(2).Generate(1)[0]);
        body[0] = 9;

        var error = Assert.Throws<InvalidDataException>(() => ConsignmentBinary.Read(body));

        Assert.Contains("layout version 9", error.Message, StringComparison.Ordinal);
    }
}
