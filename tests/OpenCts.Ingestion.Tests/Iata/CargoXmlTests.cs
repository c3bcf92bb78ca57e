using System.Text;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.Ingestion.Iata;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Ingestion.Tests.Edifact;

namespace OpenCts.Ingestion.Tests.Iata;

public sealed class CargoXmlTests
{
    [Fact]
    public void AnXfwbGivesTheMasterWaybill()
    {
        var message = Assert.Single(Samples.ParseSample(new CargoXmlFormat(), "cargo-xml-xfwb.xml"));
        Assert.Empty(message.Issues);
        Assert.Equal(("xfwb", "HKGFMCX", "160-12345675@2026-11-28T10:15:00"), (message.Format, message.Sender, message.MessageId));
        var c = Assert.Single(message.Consignments);
        Assert.Equal(new TransportDocument("160-12345675", TransportDocumentKind.MasterAirWaybill), c.Document);
        Assert.Equal(new GoodsItem(1, HsCode.Parse("847130"), "TABLET COMPUTERS", 12, null, 1480.5m, null, null, CountryCode.Parse("CN")), Assert.Single(c.Goods));
        Assert.Equal("customs@dutchgadget.example", c.Consignee!.Email);
        Assert.Equal(new Carrier("CX", "CX"), c.Carrier);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 6, 40, 0, TimeSpan.Zero), c.EstimatedArrival);
        Assert.Equal(UnLocode.Parse("NLAMS"), c.PlaceOfDischarge);
        Assert.Contains(message.Unmapped, u => u.StartsWith("/Waybill/MasterConsignment/HandlingSPHInstructions: ", StringComparison.Ordinal));
    }

    [Fact]
    public void AnXfzbGivesTheHouseWaybillLinkedToItsMaster()
    {
        var message = Assert.Single(Samples.ParseSample(new CargoXmlFormat(), "cargo-xml-xfzb.xml"));
        Assert.Empty(message.Issues);
        var c = Assert.Single(message.Consignments);
        Assert.Equal(new TransportDocument("HKX0092", TransportDocumentKind.HouseAirWaybill, "160-12345675"), c.Document);
        Assert.Equal("CX0271", c.Conveyance!.FlightNumber);
        Assert.Equal("392690", c.Goods[0].HsCode!.Value.Value);
    }

    [Fact]
    public void AnXffmGivesEveryWaybillOnTheFlight()
    {
        var message = Assert.Single(Samples.ParseSample(new CargoXmlFormat(), "cargo-xml-xffm.xml"));
        Assert.Empty(message.Issues);
        Assert.Equal(["160-12345675", "160-55533310"], message.Consignments.Select(c => c.Document.Number));
        Assert.All(message.Consignments, c => Assert.Equal(new DateTimeOffset(2026, 11, 28, 23, 55, 0, TimeSpan.Zero), c.Departure));
        Assert.Equal("GARMENTS", message.Consignments[1].Goods[0].Description);
    }

    [Fact]
    public void ADeletionCancelsTheWaybill()
    {
        var text = Encoding.UTF8.GetString(Samples.Bytes("cargo-xml-xfwb.xml")).Replace(">Creation<", ">Deletion<", StringComparison.Ordinal);
        var message = Assert.Single(Samples.Parse(new CargoXmlFormat(), text, "x.xml"));
        Assert.Equal(MessageFunction.Cancellation, message.Function);
        Assert.Equal(["MasterAirWaybill:160-12345675"], message.CancelledDocuments);
    }

    [Fact]
    public void ABadWeightIsRejectedWithLineColumnAndElementPath()
    {
        var text = Encoding.UTF8.GetString(Samples.Bytes("cargo-xml-xfwb.xml")).Replace("unitCode=\"KGM\">1480.5</ram:GrossWeightMeasure>", "unitCode=\"KGM\">heavy</ram:GrossWeightMeasure>", StringComparison.Ordinal);
        var message = Assert.Single(Samples.Parse(new CargoXmlFormat(), text, "x.xml"));
        Assert.True(message.IsRejected);
        Assert.Equal("x.xml: line 60, column 10, /Waybill/MasterConsignment/ApplicableRating/IncludedMasterConsignmentItem/GrossWeightMeasure", message.Issues[0].Location);
        Assert.Equal("'heavy' KGM is not a weight; expected a number in KGM, TNE, GRM or LBR", message.Issues[0].Message);
    }

    [Fact]
    public void EntityExpansionIsRefused()
    {
        var bomb = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><Waybill>&b;</Waybill>";
        var message = Assert.Single(Samples.Parse(new CargoXmlFormat(), bomb, "bomb.xml"));
        Assert.True(message.IsRejected);
        Assert.StartsWith("bomb.xml: line 1, column", message.Issues[0].Location, StringComparison.Ordinal);
    }

    [Fact]
    public void AByteThatIsNotAsciiInTheXmlDeclarationIsRejectedAtItsPlaceRatherThanThrowing()
    {
        // As mutation fuzzing found it: a lone UTF-8 lead byte in the version, and the file cut after the declaration,
        // made XmlReader throw ArgumentOutOfRangeException while it switched to the declared encoding.
        var bytes = Convert.FromBase64String("PD94bWwgdmVyc2lvbj0iMS4wwiIgZW5jb2Rpbmc9IlVURi04Ij8+");
        Assert.Equal("<?xml version=\"1.0\u00C2\" encoding=\"UTF-8\"?>", Encoding.Latin1.GetString(bytes));
        var message = Assert.Single(new CargoXmlFormat().Parse("xffm.xml", bytes, Samples.ReceivedAt, TestContext.Current.CancellationToken));
        Assert.True(message.IsRejected);
        Assert.Equal("xffm.xml: line 1, column 19", message.Issues[0].Location);
        Assert.StartsWith("the XML declaration holds byte 0xC2", message.Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MutatedDocumentsNeverCrashAndEveryErrorHasALine()
    {
        var format = new CargoXmlFormat();
        foreach (var sample in new[] { "cargo-xml-xfwb.xml", "cargo-xml-xfzb.xml", "cargo-xml-xffm.xml" })
        {
            CsCheck.Check.Sample(CuscarFuzzTests.Mutated(Samples.Bytes(sample), "<>/=\"0123456789.ABC &;"u8.ToArray()), bytes =>
            {
                var messages = format.Parse(sample, bytes, Samples.ReceivedAt, TestContext.Current.CancellationToken);
                CuscarFuzzTests.AssertWellFormed(messages);
                Assert.All(messages.SelectMany(m => m.Issues.Where(i => i.Severity == IssueSeverity.Error)), i => Assert.Matches(@"^cargo-xml-xf..\.xml: line \d+", i.Location));
            }, iter: 400);
        }
    }

    [Fact]
    public void ADocumentNestedFarDeeperThanAMessageIsRejectedAtTheFirstElementTooDeepWithoutLoadingIt()
    {
        // Loading 100,000 unclosed nested elements took over twenty seconds; how fast the check is belongs to the benchmarks.
        var text = "<?xml version=\"1.0\"?>\n<Waybill>" + string.Concat(Enumerable.Repeat("<a>", 100_000));
        var message = Assert.Single(Samples.Parse(new CargoXmlFormat(), text, "deep.xml"));
        Assert.True(message.IsRejected);
        Assert.Equal("deep.xml: line 2, column 200", message.Issues[0].Location);
        Assert.Equal("elements are nested more than 64 deep; a Cargo-XML message nests about twenty levels", message.Issues[0].Message);
    }

    [Fact]
    public void TheRealSamplesAreNotTooDeep()
    {
        foreach (var sample in new[] { "cargo-xml-xfwb.xml", "cargo-xml-xfzb.xml", "cargo-xml-xffm.xml" })
        {
            Assert.False(Assert.Single(Samples.ParseSample(new CargoXmlFormat(), sample)).IsRejected);
        }
    }
}

