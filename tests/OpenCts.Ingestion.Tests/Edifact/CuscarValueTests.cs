using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.Edifact;
using OpenCts.Ingestion.Pipeline;

namespace OpenCts.Ingestion.Tests.Edifact;

/// <summary>Values read straight from the bytes, or shared from one message to the next, read as their text does.</summary>
public sealed class CuscarValueTests
{
    private const string Goods = "GID+1+10:CT'FTX+AAA+++TOYS'MEA+AAE+G+KGM:100'";

    private static string Message(string reference, string body)
    {
        var full = $"BGM+785+M{reference}+9'{body}";
        var segments = full.Split('\'', StringSplitOptions.RemoveEmptyEntries).Length + 2;
        return $"UNH+{reference}+CUSCAR:D:95B:UN'{full}UNT+{segments}+{reference}'";
    }

    private static string Interchange(params string[] messages) =>
        $"UNB+UNOC:3+SENDER+NLCUSTOMS+261128:0930+ICR1'{string.Concat(messages)}UNZ+{messages.Length}+ICR1'";

    private static Consignment Single(string body)
    {
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), Interchange(Message("1", body))));
        Assert.DoesNotContain(message.Issues, i => i.Severity == IssueSeverity.Error);
        return Assert.Single(message.Consignments);
    }

    [Fact]
    public void AMessageKeepsNothingOfTheMessageReadBeforeIt()
    {
        var first = Message("1",
            "TDT+20+12E+1++CMDU:::CMA CGM'LOC+9+CNSHA:139:6'CNI+1+BL1'LOC+92+SG::5'" +
            "NAD+CN+++IMPORTER BV+KADE 1+ROTTERDAM++3011 AA+NL'CTA+IC'COM+?+31 10 1234567:TE'COM+imp@example.nl:EM'" +
            "EQD+CN+MSKU1234565+45G1'SEL+SEAL1'" + Goods + "MOA+40:5:EUR'SGP+MSKU1234565'GID+2+1:PK'FTX+AAA+++GAMES'MEA+AAE+G+KGM:1'");
        var second = Message("2", "CNI+1+BL2'NAD+CN+++IMPORTER BV+KADE 1+ROTTERDAM++3011 AA+NL'" + Goods);
        var messages = Samples.Parse(new CuscarFormat(), Interchange(first, second));

        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Empty(m.Issues));
        var a = Assert.Single(messages[0].Consignments);
        var b = Assert.Single(messages[1].Consignments);
        Assert.Equal(2, a.Goods.Count);
        Assert.Equal("+31 10 1234567", a.Consignee!.Phone);
        Assert.Equal(new[] { "SG" }, a.Route.Select(c => c.Value));
        Assert.Single(a.Equipment);
        Assert.Equal("BL2", b.Document.Number);
        Assert.Single(b.Goods);
        Assert.Null(b.Goods[0].Value);
        Assert.Empty(b.Goods[0].Containers);
        Assert.Null(b.Consignee!.Phone);
        Assert.Null(b.Consignee.Email);
        Assert.Empty(b.Route);
        Assert.Empty(b.Equipment);
        Assert.Null(b.Carrier);
        Assert.Null(b.PlaceOfLoading);
        Assert.Equal(a.Consignee with { Phone = null, Email = null }, b.Consignee);
    }

    [Fact]
    public void ConsignmentsThatShareACarrierRouteAndPartiesReadTheSameInEveryMessage()
    {
        const string Body = "TDT+20+12E+1++CMDU:::CMA CGM+++9321483:146::MAERSK KENSINGTON'LOC+9+CNSHA:139:6'LOC+11+NLRTM:139:6'" +
            "CNI+1+BL{0}'LOC+92+CN::5'LOC+92+NL::5'NAD+CZ+++SHIPPER CO+1 ROAD+SHANGHAI++200000+CN'" + Goods;
        var messages = Samples.Parse(new CuscarFormat(), Interchange([.. Enumerable.Range(1, 3).Select(i => Message($"{i}", string.Format(null, Body, i)))]));

        Assert.Equal(3, messages.Count);
        var consignments = messages.Select(m => Assert.Single(m.Consignments)).ToList();
        Assert.Equal(new[] { "BL1", "BL2", "BL3" }, consignments.Select(c => c.Document.Number));
        Assert.All(consignments, c =>
        {
            Assert.Equal(new Carrier("CMA CGM", "CMDU"), c.Carrier);
            Assert.Equal("MAERSK KENSINGTON", c.Conveyance!.VesselName);
            Assert.Equal(new[] { "CN", "NL" }, c.Route.Select(r => r.Value));
            Assert.Equal("CNSHA", c.PlaceOfLoading!.Value.Value);
            Assert.Equal(consignments[0].Parties, c.Parties);
            Assert.Equal(consignments[0].Goods, c.Goods);
        });
        Assert.All(messages, m => Assert.Equal(messages[0].Unmapped, m.Unmapped));
    }

    [Theory]
    [InlineData("NAD+CN+++  IMPORTER  :  TRADING : : BV +KADE 1+ROTTERDAM++3011 AA+NL'", "IMPORTER TRADING BV")]
    [InlineData("NAD+CN+++IMPORTER?+SONS:B?:V+KADE 1+ROTTERDAM++3011 AA+NL'", "IMPORTER+SONS B:V")]
    [InlineData("NAD+CN+++IMPOR\r\nTER BV+KADE 1+ROTTERDAM++3011 AA+NL'", "IMPORTER BV")]
    [InlineData("NAD+CN+++MÜLLER :GMBH+KADE 1+ROTTERDAM++3011 AA+NL'", "MÜLLER GMBH")]
    [InlineData("NAD+CN+++IMPORTER\tBV\t+KADE 1+ROTTERDAM++3011 AA+NL'", "IMPORTER\tBV")]
    [InlineData("NAD+CN++IMPORTER BV:KADE 1:  : BUS 2+++ROTTERDAM++3011 AA+NL'", "IMPORTER BV")]
    public void APartyNameJoinsItsTrimmedComponentsWithOneSpace(string nad, string name)
    {
        var consignment = Single("CNI+1+BL1'" + nad + Goods);
        Assert.Equal(name, consignment.Consignee!.Name);
        Assert.Equal("ROTTERDAM", consignment.Consignee.Address!.City);
    }

    [Theory]
    [InlineData("DTM+132:20261201:102'", "2026-12-01T00:00:00+00:00")]
    [InlineData("DTM+132:20261201'", "2026-12-01T00:00:00+00:00")]
    [InlineData("DTM+132:202612011430:203'", "2026-12-01T14:30:00+00:00")]
    [InlineData("DTM+132:20261201143059:204'", "2026-12-01T14:30:59+00:00")]
    [InlineData("DTM+132:261201:101'", "2026-12-01T00:00:00+00:00")]
    [InlineData("DTM+132:202612011430?+01:303'", "2026-12-01T14:30:00+01:00")]
    [InlineData("DTM+132: 20261201 :102'", "2026-12-01T00:00:00+00:00")]
    [InlineData("DTM+132:2026?1201:102'", "2026-12-01T00:00:00+00:00")]
    public void DatesReadTheSameInEveryFormatPlainOrNot(string dtm, string expected)
    {
        var consignment = Single("CNI+1+BL1'" + dtm + Goods);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), consignment.EstimatedArrival);
    }

    [Theory]
    [InlineData("DTM+132:20261301:102'", "'20261301' is not a date; expected a date as CCYYMMDD (102)")]
    [InlineData("DTM+132:2026120:102'", "'2026120' is not a date; expected a date as CCYYMMDD (102)")]
    [InlineData("DTM+132::999'", "'' is not a date; expected a date format of code list 2379 OpenCTS reads: 101, 102, 201, 203, 204 or 303")]
    [InlineData("DTM+132:20261201:999'", "'20261201' is not a date; expected a date format of code list 2379 OpenCTS reads: 101, 102, 201, 203, 204 or 303")]
    public void ADateThatCannotBeReadIsAnErrorNamingItsText(string dtm, string error)
    {
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), Interchange(Message("1", "CNI+1+BL1'" + dtm + Goods))));
        Assert.True(message.IsRejected);
        Assert.Equal(error, Assert.Single(message.Issues).Message);
    }

    [Theory]
    [InlineData("GID+1+10:CT'FTX+AAA+++TOYS'MEA+AAE+G+KGM:100.5'", 1, 10, "100.5")]
    [InlineData("GID+ 2 +0010:CT'FTX+AAA+++TOYS'MEA+AAE+G+KGM: 100,5 '", 2, 10, "100.5")]
    [InlineData("GID+3+1?0:CT'FTX+AAA+++TOYS'MEA+AAE+G+TNE:1.25'", 3, 10, "1250")]
    [InlineData("GID+4+7:CT'FTX+AAA+++TOYS'MEA+AAE+G+KGM:1?5'", 4, 7, "15")]
    [InlineData("GID+5+7:CT'FTX+AAA+++TOYS'MEA+AAE+G+KGM:?+2.5'", 5, 7, "2.5")]
    public void NumbersReadTheSamePlainPaddedOrReleased(string goods, int sequence, int packages, string grossKg)
    {
        var item = Assert.Single(Single("CNI+1+BL1'" + goods).Goods);
        Assert.Equal(sequence, item.Sequence);
        Assert.Equal(packages, item.Packages);
        Assert.Equal(decimal.Parse(grossKg, System.Globalization.CultureInfo.InvariantCulture), item.GrossMassKg);
    }

    [Theory]
    [InlineData("MEA+AAE+G+KGM:-1'", "'-1' is not a weight; expected a number not below zero")]
    [InlineData("MEA+AAE+G+KGM:1.2.3'", "'1.2.3' is not a weight; expected a number not below zero")]
    [InlineData("MEA+AAE+G+KGM:'", "'' is not a weight; expected a number not below zero")]
    public void AWeightThatCannotBeReadIsAnErrorNamingItsText(string mea, string error)
    {
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), Interchange(Message("1", "CNI+1+BL1'GID+1+10:CT'FTX+AAA+++TOYS'" + mea))));
        Assert.True(message.IsRejected);
        Assert.Contains(message.Issues, i => i.Message == error);
    }

    [Fact]
    public void UntWithAPaddedCountAndReferenceIsStillChecked()
    {
        var text = Interchange(Message("1", "CNI+1+BL1'" + Goods)).Replace("UNT+7+1'", "UNT+ 7 +2'", StringComparison.Ordinal);
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), text));
        var issue = Assert.Single(message.Issues);
        Assert.Equal("message reference (0062) is '2'; UNH gave '1'", issue.Message);
    }
}
