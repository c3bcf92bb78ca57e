using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.Ingestion.Edifact;
using OpenCts.Ingestion.Pipeline;

namespace OpenCts.Ingestion.Tests.Edifact;

public sealed class CuscarSampleTests
{
    private static readonly IReadOnlyList<ParsedMessage> Messages = Samples.ParseSample(new CuscarFormat(), "cuscar-d95b-1-import-rotterdam.edi");

    [Fact]
    public void EachMessageOfTheInterchangeIsReadOnItsOwnWithoutIssues()
    {
        Assert.Equal(2, Messages.Count);
        Assert.All(Messages, m => Assert.Empty(m.Issues));
        Assert.Equal(["INT000451/1", "INT000451/2"], Messages.Select(m => m.MessageId));
        Assert.All(Messages, m => Assert.Equal("MAEU", m.Sender));
        Assert.All(Messages, m => Assert.Equal("cuscar", m.Format));
    }

    [Fact]
    public void EachBillOfLadingBecomesAConsignmentAndAHouseBillNamesItsMaster()
    {
        var documents = Messages.SelectMany(m => m.Consignments).Select(c => c.Document).ToList();
        Assert.Equal(
            [
                new TransportDocument("MAEU245W00117", TransportDocumentKind.OceanBillOfLading),
                new TransportDocument("NLH-88310", TransportDocumentKind.HouseBillOfLading, "MAEU245W00118"),
                new TransportDocument("MAEU246W00902", TransportDocumentKind.OceanBillOfLading),
            ],
            documents);
    }

    [Fact]
    public void TheVoyageOfTheMessageHoldsForEveryConsignment()
    {
        var first = Messages[0].Consignments[0];
        Assert.Equal(TransportMode.Sea, first.Mode);
        Assert.Equal(Direction.Import, first.Direction);
        Assert.Equal(new Conveyance("MAERSK KENSINGTON", ImoNumber.Parse("9321483"), "245W"), first.Conveyance);
        Assert.Equal(new Carrier("MAERSK A/S", "MAEU"), first.Carrier);
        Assert.Equal(UnLocode.Parse("CNSHA"), first.PlaceOfLoading);
        Assert.Equal(UnLocode.Parse("NLRTM"), first.PlaceOfDischarge);
        Assert.Equal(UnLocode.Parse("NLUTC"), first.FinalDestination);
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 18, 0, 0, TimeSpan.Zero), first.Departure);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero), first.EstimatedArrival);
        Assert.Equal(["CN", "SG", "NL"], first.Route.Select(c => c.Value));
        var house = Messages[0].Consignments[1];
        Assert.Equal(first.Conveyance, house.Conveyance);
        Assert.Null(house.FinalDestination);
        Assert.Equal(new Provenance("MAEU", "INT000451/1", Samples.ReceivedAt), first.Provenance);
    }

    [Fact]
    public void PartiesKeepNameAddressIdentifierAndContact()
    {
        var first = Messages[0].Consignments[0];
        Assert.Equal(
            new Party(PartyRole.Consignor, "SHENZHEN BRIGHT STAR ELECTRONICS CO. LTD",
                new Address("BUILDING 7 NANSHAN SCIENCE PARK", "SHENZHEN", "518057", CountryCode.Parse("CN")), phone: "0086 755 2661 9900"),
            first.Consignor);
        Assert.Equal("NL812345678", first.Consignee!.IdentifierOf("EORI"));
        Assert.Equal("import@polder-goods.example", first.Consignee.Email);
        Assert.Equal("POLDER CONSUMER GOODS B.V.", first.NotifyParty!.Name);
    }

    [Fact]
    public void GoodsItemsCarryDescriptionWeightsHsCodeValueOriginAndContainers()
    {
        var goods = Messages[0].Consignments[0].Goods;
        Assert.Equal(2, goods.Count);
        Assert.Equal(
            new GoodsItem(1, HsCode.Parse("851713"), "MOBILE TELEPHONES FOR CELLULAR NETWORKS SMARTPHONES, 128 GB", 600, "CT", 12000m, 11100m,
                new Money(1850000m, CurrencyCode.Parse("USD")), CountryCode.Parse("CN"), ["MSKU1234565"]),
            goods[0]);
        Assert.Equal(6400.5m, goods[1].GrossMassKg);
    }

    [Fact]
    public void ContainersListedForTheMessageGoToTheConsignmentsWhoseGoodsTheyHold()
    {
        var consignments = Messages[0].Consignments;
        Assert.Equal(["MSKU1234565", "MSKU7654328"], consignments[0].Equipment.Select(e => e.ContainerNumber.Value));
        Assert.Equal(["MSKU7654328"], consignments[1].Equipment.Select(e => e.ContainerNumber.Value));
        Assert.Equal(new Equipment(ContainerNumber.Parse("MSKU7654328"), "22G1", ["ML-CN4471124"]), consignments[1].Equipment[0]);
        var bananas = Messages[1].Consignments[0];
        Assert.Equal(new Equipment(ContainerNumber.Parse("HLXU1020301"), "45R1", ["HL0098812"]), Assert.Single(bananas.Equipment));
        Assert.Equal(["EC", "PA", "NL"], bananas.Route.Select(c => c.Value));
    }

    [Fact]
    public void SegmentsWithoutAFieldInTheModelAreKeptAsText()
    {
        Assert.Equal(
            [
                "segment 3: DTM+137:202611280930:203'",
                "segment 4: RFF+AAZ:MAEU-MANIFEST-4471'",
                "segment 5: NAD+MS+MAEU::172++MAERSK A/S'",
                "segment 36: MEA+AAE+AAW+MTQ:58.2'",
                "segment 40: PCI+24+BSE 1/600'",
                "segment 48: DGS+IMD+9+3480'",
            ],
            Messages[0].Unmapped);
        Assert.Equal(["segment 26: TMP+2+13.3:CEL'"], Messages[1].Unmapped);
    }

    [Fact]
    public void TheRawBytesOfAMessageAreItsUnaUnbAndItsOwnSegments()
    {
        var raw = System.Text.Encoding.UTF8.GetString(Messages[1].Raw.Span);
        Assert.StartsWith("UNA:+.? '\nUNB+UNOC:3+MAEU:ZZZ+NLCUSTOMS:ZZZ+261128:0930+INT000451'\nUNH+2+CUSCAR:D:95B:UN'", raw, StringComparison.Ordinal);
        Assert.EndsWith("UNT+27+2'", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("UNH+1+", raw, StringComparison.Ordinal);
        var again = new CuscarFormat().Parse("raw.edi", Messages[1].Raw, Samples.ReceivedAt, TestContext.Current.CancellationToken);
        Assert.Equal(Messages[1].Consignments, Assert.Single(again).Consignments);
    }

    [Fact]
    public void ACancellationNamesTheDocumentsItCancels()
    {
        var message = Assert.Single(Samples.ParseSample(new CuscarFormat(), "cuscar-d95b-2-cancellation.edi"));
        Assert.False(message.IsRejected, Samples.Describe(message.Issues));
        Assert.Equal(MessageFunction.Cancellation, message.Function);
        Assert.Equal(["OceanBillOfLading:MAEU245W00117"], message.CancelledDocuments);
        Assert.Empty(message.Consignments);
    }

    [Fact]
    public void TheFormatRecognisesInterchangesByTheirFirstSegment()
    {
        var format = new CuscarFormat();
        Assert.True(format.Recognises("x.txt", "\r\n  UNA:+.? 'UNB+"u8));
        Assert.True(format.Recognises("x.txt", "UNB+UNOC:3"u8));
        Assert.False(format.Recognises("x.edi", "{\"consignments\":[]}"u8));
        Assert.False(format.Recognises("x.edi", "FWB/16\r\n"u8));
    }
}
