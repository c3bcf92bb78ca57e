using System.Text;
using OpenCts.Ingestion.Iata;
using OpenCts.Ingestion.Tests.Edifact;

namespace OpenCts.Ingestion.Tests.Iata;

/// <summary>The forward-only Cargo-XML reader gives what the XDocument reader it replaced gave, message for message.</summary>
public sealed class CargoXmlForwardReaderTests
{
    private static readonly string[] SampleNames = ["cargo-xml-xfwb.xml", "cargo-xml-xfzb.xml", "cargo-xml-xffm.xml"];

    private static void AssertSameAsTheDocumentReader(string fileName, byte[] bytes)
    {
        var expected = new DocumentCargoXmlFormat().Parse(fileName, bytes, Samples.ReceivedAt, TestContext.Current.CancellationToken);
        var actual = new CargoXmlFormat().Parse(fileName, bytes, Samples.ReceivedAt, TestContext.Current.CancellationToken);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Issues, actual[i].Issues);
            Assert.Equal(expected[i].Unmapped, actual[i].Unmapped);
            Assert.Equal(expected[i].Consignments, actual[i].Consignments);
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void EverySampleReadsAsTheDocumentReaderReadIt()
    {
        foreach (var sample in SampleNames)
        {
            AssertSameAsTheDocumentReader(sample, Samples.Bytes(sample));
        }
    }

    [Fact]
    public void MutatedDocumentsReadAsTheDocumentReaderReadThem()
    {
        foreach (var sample in SampleNames)
        {
            CsCheck.Check.Sample(
                CuscarFuzzTests.Mutated(Samples.Bytes(sample), "<>/=\"0123456789.ABC &;:x\n "u8.ToArray()),
                bytes => AssertSameAsTheDocumentReader(sample, bytes),
                iter: 1500);
        }
    }

    [Fact]
    public void UnmappedPartsKeepTheirPrefixesAttributesAndWhiteSpaceAndItemsInsideThemAreStillRead()
    {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rsm:Waybill xmlns:rsm="iata:waybill:1" xmlns:ram="iata:datamodel:3" xmlns="urn:default">
              <rsm:MessageHeaderDocument><ram:ID>160-12345675</ram:ID><ram:IssueDateTime>2026-11-28T10:15:00</ram:IssueDateTime></rsm:MessageHeaderDocument>
              <rsm:BusinessHeaderDocument><ram:ID>160-12345675</ram:ID></rsm:BusinessHeaderDocument>
              <rsm:MasterConsignment>
                <ram:IncludedTareGrossWeightMeasure unitCode="KGM">12.5</ram:IncludedTareGrossWeightMeasure>
                <ram:ConsignorParty><ram:Name> A <![CDATA[&]]> B </ram:Name></ram:ConsignorParty>
                <ram:HandlingSPHInstructions code="x" xmlns:x="urn:x"><ram:Description>KEEP <x:Cool>COOL</x:Cool></ram:Description><!-- c --></ram:HandlingSPHInstructions>
                <Wrapper><ram:IncludedMasterConsignmentItem><ram:GrossWeightMeasure unitCode="KGM">heavy</ram:GrossWeightMeasure></ram:IncludedMasterConsignmentItem></Wrapper>
                <ram:Empty/>
              </rsm:MasterConsignment>
            </rsm:Waybill>
            """;
        var bytes = Encoding.UTF8.GetBytes(xml);
        AssertSameAsTheDocumentReader("x.xml", bytes);
        var message = Assert.Single(new CargoXmlFormat().Parse("x.xml", bytes, Samples.ReceivedAt, TestContext.Current.CancellationToken));
        Assert.Equal(3, message.Unmapped.Count);
        Assert.Equal("x.xml: line 9, column 50, /Waybill/MasterConsignment/Wrapper/IncludedMasterConsignmentItem/GrossWeightMeasure", Assert.Single(message.Issues).Location);
    }

    [Fact]
    public void OneThreadReadsDocumentAfterDocumentWithNothingLeftFromTheLast()
    {
        var format = new CargoXmlFormat();
        var house = Samples.Bytes("cargo-xml-xfzb.xml");
        var master = Samples.Bytes("cargo-xml-xfwb.xml");
        var first = format.Parse("a.xml", house, Samples.ReceivedAt, TestContext.Current.CancellationToken);
        format.Parse("b.xml", master, Samples.ReceivedAt, TestContext.Current.CancellationToken);
        format.Parse("c.xml", "<Waybill><broken"u8.ToArray(), Samples.ReceivedAt, TestContext.Current.CancellationToken);
        Assert.Equal(first, format.Parse("a.xml", house, Samples.ReceivedAt, TestContext.Current.CancellationToken));
    }
}
