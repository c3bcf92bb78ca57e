using System.Text;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.Ingestion.Iata;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Ingestion.Tests.Edifact;
using OpenCts.Tests.Shared;

namespace OpenCts.Ingestion.Tests.Iata;

public sealed class CargoImpTests
{
    [Fact]
    public void AnFwbGivesTheMasterWaybillWithPartiesAirportsAndHsCode()
    {
        var message = Assert.Single(Samples.ParseSample(new CargoImpFormat(), "cargo-imp-fwb.txt"));
        Assert.False(message.IsRejected, Samples.Describe(message.Issues));
        Assert.Empty(message.Issues);
        Assert.Equal("fwb", message.Format);
        Assert.Equal("HKGFMCX", message.Sender);
        Assert.StartsWith("FWB:160-12345675:", message.MessageId, StringComparison.Ordinal);
        var c = Assert.Single(message.Consignments);
        Assert.Equal(new TransportDocument("160-12345675", TransportDocumentKind.MasterAirWaybill), c.Document);
        Assert.Equal(TransportMode.Air, c.Mode);
        Assert.Equal("CX0271", c.Conveyance!.FlightNumber);
        Assert.Equal((UnLocode.Parse("HKHKG"), UnLocode.Parse("NLAMS")), (c.PlaceOfLoading!.Value, c.PlaceOfDischarge!.Value));
        Assert.Equal(new Party(PartyRole.Consignor, "PEARL RIVER DIGITAL LTD", new Address("UNIT 12 KWAI CHUNG CARGO CENTRE", "HONG KONG", "999077", CountryCode.Parse("HK")), phone: "85224567890"), c.Consignor);
        Assert.Equal("NL812345678", c.Consignee!.IdentifierOf("ACCOUNT"));
        var item = Assert.Single(c.Goods);
        Assert.Equal((12, 1480.5m, "TABLET COMPUTERS", "847130"), (item.Packages, item.GrossMassKg, item.Description, item.HsCode!.Value.Value));
        Assert.Contains("line 23: OCI/NL/ISS/RA/01234-001", message.Unmapped);
    }

    [Fact]
    public void AnFhlGivesEachHouseWaybillLinkedToItsMaster()
    {
        var message = Assert.Single(Samples.ParseSample(new CargoImpFormat(), "cargo-imp-fhl.txt"));
        Assert.False(message.IsRejected, Samples.Describe(message.Issues));
        Assert.Equal(
            [new TransportDocument("HKX0091", TransportDocumentKind.HouseAirWaybill, "160-12345675"), new TransportDocument("HKX0092", TransportDocumentKind.HouseAirWaybill, "160-12345675")],
            message.Consignments.Select(c => c.Document));
        var first = message.Consignments[0];
        Assert.Equal("TABLET COMPUTERS TABLETS 10 INCH WIFI", first.Goods[0].Description);
        Assert.Equal("847130", first.Goods[0].HsCode!.Value.Value);
        Assert.Equal((8, 910.0m), (first.Goods[0].Packages, first.Goods[0].GrossMassKg));
        Assert.Equal("MOBIEL ACCESSOIRES VOF", message.Consignments[1].Consignee!.Name);
    }

    [Fact]
    public void AnFfmGivesEveryWaybillOnTheFlight()
    {
        var message = Assert.Single(Samples.ParseSample(new CargoImpFormat(), "cargo-imp-ffm.txt"));
        Assert.False(message.IsRejected, Samples.Describe(message.Issues));
        Assert.Equal(["160-12345675", "160-55533310", "160-10000012"], message.Consignments.Select(c => c.Document.Number));
        Assert.All(message.Consignments, c => Assert.Equal("CX0271", c.Conveyance!.FlightNumber));
        Assert.Equal((40, 6200m, "GARMENTS"), (message.Consignments[1].Goods[0].Packages, message.Consignments[1].Goods[0].GrossMassKg, message.Consignments[1].Goods[0].Description));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero), message.Consignments[0].Departure);
        Assert.Equal(["line 6: ULD/PMC31580CX", "line 9: ULD/AKE12001CX"], message.Unmapped);
    }

    [Fact]
    public void ABrokenWaybillLineIsRejectedNamingTheLineAndTheExpectedForm()
    {
        var text = Encoding.UTF8.GetString(Samples.Bytes("cargo-imp-fwb.txt")).Replace("160-12345675HKGAMS", "160-1234X675HKGAMS", StringComparison.Ordinal);
        var message = Assert.Single(Samples.Parse(new CargoImpFormat(), text, "fwb.txt"));
        Assert.True(message.IsRejected);
        Assert.Equal("fwb.txt: line 4 (160)", message.Issues[0].Location);
        Assert.Equal("'160-1234X675HKGAMS/T12K1480.5' is not a waybill line; expected ppp-ssssssssOOODDD/T<pieces>K<weight>, such as 176-12345675HKGAMS/T10K1250.5", message.Issues[0].Message);
    }

    [Fact]
    public void ALoneCarriageReturnInALineIsShownEscapedSoThatItsPlaceStaysOnOneLine()
    {
        var text = Encoding.UTF8.GetString(Samples.Bytes("cargo-imp-fhl.txt")).Replace("MBI/", "MB\rI/", StringComparison.Ordinal);
        var message = Assert.Single(Samples.Parse(new CargoImpFormat(), text, "fhl.txt"));
        Assert.True(message.IsRejected);
        Assert.Equal("fhl.txt: line 4 (MB\\r)", message.Issues[0].Location);
    }

    [Fact]
    public void AnAirportWithoutAKnownLocodeIsAWarningAndThePlaceIsLeftEmpty()
    {
        var text = Encoding.UTF8.GetString(Samples.Bytes("cargo-imp-fwb.txt")).Replace("160-12345675HKGAMS", "160-12345675ZZZAMS", StringComparison.Ordinal);
        var message = Assert.Single(Samples.Parse(new CargoImpFormat(), text, "fwb.txt"));
        Assert.False(message.IsRejected);
        Assert.Null(message.Consignments[0].PlaceOfLoading);
        Assert.Equal("waybill 160-12345675: the origin airport 'ZZZ' has no known UN/LOCODE; the place is left empty", Assert.Single(message.Issues).Message);
    }

    [Fact]
    public void TheDefaultTableFindsEveryAirportOfTheEmbeddedUnLocode()
    {
        Assert.Equal(UnLocode.Parse("DEFDH"), AirportCodes.Default.Find("FDH"));
        Assert.Equal(UnLocode.Parse("NLAMS"), AirportCodes.Default.Find("AMS"));
        Assert.Null(AirportCodes.BuiltInOnly.Find("FDH"));
        Assert.True(AirportCodes.Default.Count > 3000);
    }

    [Fact]
    public void TheUnLocodeListAddsEveryAirportItNames()
    {
        var airports = AirportCodes.FromUnLocodeCsv(RepositoryData.PathOf("reference", "un-locode-2014.csv"));
        Assert.True(airports.Count > 3000);
        Assert.Equal(UnLocode.Parse("NLAMS"), airports.Find("AMS"));
        Assert.Equal(UnLocode.Parse("GBLHR"), airports.Find("LHR"));
    }

    [Fact]
    public void MutatedMessagesNeverCrashAndEveryErrorHasALine()
    {
        var format = new CargoImpFormat();
        foreach (var sample in new[] { "cargo-imp-fwb.txt", "cargo-imp-fhl.txt", "cargo-imp-ffm.txt" })
        {
            CsCheck.Check.Sample(CuscarFuzzTests.Mutated(Samples.Bytes(sample), "/-\r\nTK0123456789ABCHGS."u8.ToArray()), bytes =>
            {
                var messages = format.Parse(sample, bytes, Samples.ReceivedAt, TestContext.Current.CancellationToken);
                CuscarFuzzTests.AssertWellFormed(messages);
                Assert.All(messages.SelectMany(m => m.Issues), i => Assert.Matches(@"^cargo-imp-f..\.txt: line \d+", i.Location));
            }, iter: 500);
        }
    }
}
