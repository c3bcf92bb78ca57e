using System.Text;
using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.Csv;
using OpenCts.Ingestion.Pipeline;

namespace OpenCts.Ingestion.Tests.Csv;

public class CsvFormatTests
{
    private const string Header = "sender,messageId,documentNumber,documentKind,direction,mode,carrierCode,carrierName,placeOfLoading,placeOfDischarge,consignorName,consignorCountry,consigneeName,consigneeCountry,consigneeEori,containers,itemSequence,hsCode,description,packages,grossMassKg,netMassKg,value,currency,origin";

    private static ParsedMessage Parse(string csv) =>
        Assert.Single(new CsvMessageFormat().Parse("bulk.csv", Encoding.UTF8.GetBytes(csv), DateTimeOffset.UnixEpoch, CancellationToken.None));

    [Fact]
    public void RowsOfTheSameDocumentMakeOneConsignmentWithSeveralGoodsItems()
    {
        var message = Parse($"""
            {Header}
            POSTNL,B-1,MAEU1,oceanBillOfLading,import,sea,MAEU,Maersk,CNSHA,NLRTM,Star Trading Ltd,CN,Delta B.V.,NL,NL123456789,MSKU9070323,1,851713,Smartphones,10,500,450,250000,USD,CN
            POSTNL,B-1,MAEU1,oceanBillOfLading,import,sea,MAEU,Maersk,CNSHA,NLRTM,Star Trading Ltd,CN,Delta B.V.,NL,NL123456789,MSKU9070323,2,847130,Laptops,5,300,280,90000,USD,CN
            POSTNL,B-1,MAEU2,oceanBillOfLading,import,sea,MAEU,Maersk,CNSHA,NLRTM,Star Trading Ltd,CN,Delta B.V.,NL,,,1,950300,Toys,10,800,,4000,USD,CN
            """);
        Assert.False(message.IsRejected, string.Join("; ", message.Issues));
        Assert.Equal(2, message.Consignments.Count);
        var first = message.Consignments[0];
        Assert.Equal(2, first.Goods.Count);
        Assert.Equal("NL123456789", first.Consignee!.IdentifierOf("EORI"));
        Assert.Equal("MSKU9070323", Assert.Single(first.Equipment).ContainerNumber.Value);
        Assert.Equal(TransportMode.Sea, first.Mode);
    }

    [Fact]
    public void ABadValueIsReportedWithLineColumnAndName()
    {
        var message = Parse($"""
            {Header}
            POSTNL,B-1,MAEU1,oceanBillOfLading,import,sea,MAEU,Maersk,CNSHA,NLRTM,Star Trading Ltd,CN,Delta B.V.,NL,,,1,851713,Smartphones,10,500,450,250000,USD,CN
            POSTNL,B-1,MAEU1,oceanBillOfLading,import,sea,MAEU,Maersk,CNSHA,NLRTM,Star Trading Ltd,CN,Delta B.V.,NL,,,2,851713,Smartphones,10,5x0,450,250000,USD,CN
            """);
        var issue = Assert.Single(message.Issues);
        Assert.Equal("bulk.csv: line 3, column 21 (grossMassKg)", issue.Location);
        Assert.Equal("'5x0' is not a number (use a dot for decimals)", issue.Message);
        Assert.Empty(message.Consignments);
    }

    [Fact]
    public void ABadValueAfterADescriptionSpanningLinesIsReportedAtItsPhysicalLine()
    {
        var message = Parse($"""
            {Header}
            POSTNL,B-1,MAEU1,oceanBillOfLading,import,sea,MAEU,Maersk,CNSHA,NLRTM,Star Trading Ltd,CN,Delta B.V.,NL,,,1,851713,"Smartphones,
            boxed
            with chargers",10,500,450,250000,USD,CN
            POSTNL,B-1,MAEU1,oceanBillOfLading,import,sea,MAEU,Maersk,CNSHA,NLRTM,Star Trading Ltd,CN,Delta B.V.,NL,,,2,851713,Smartphones,10,5x0,450,250000,USD,CN
            """);
        var issue = Assert.Single(message.Issues);
        Assert.Equal("bulk.csv: line 5, column 21 (grossMassKg)", issue.Location);
    }

    [Fact]
    public void ABadValueInARowSpanningLinesIsReportedAtTheLineItsFieldStartsOn()
    {
        var message = Parse($"""
            {Header}
            POSTNL,B-1,MAEU1,oceanBillOfLading,import,sea,MAEU,Maersk,CNSHA,NLRTM,Star Trading Ltd,CN,Delta B.V.,NL,,,1,851713,"Smartphones,
            boxed",10,5x0,450,250000,USD,CN
            """);
        var issue = Assert.Single(message.Issues);
        Assert.Equal("bulk.csv: line 3, column 21 (grossMassKg)", issue.Location);
    }

    [Fact]
    public void MalformedCsvAfterADescriptionSpanningLinesIsReportedAtTheLineItsRowStartsOn()
    {
        var message = Parse($"""
            {Header}
            POSTNL,B-1,MAEU1,oceanBillOfLading,import,sea,MAEU,Maersk,CNSHA,NLRTM,Star Trading Ltd,CN,Delta B.V.,NL,,,1,851713,"Smartphones,
            boxed",10,500,450,250000,USD,CN
            POSTNL,B-1,MAEU1,oceanBillOfLading,import,sea,MAEU,Maersk,CNSHA,NLRTM,Star Trading Ltd,CN,Delta B.V.,NL,,,2,851713,"Laptops" x,10,500,450,250000,USD,CN
            """);
        var issue = Assert.Single(message.Issues);
        Assert.StartsWith("bulk.csv: line 4, column ", issue.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void AContainerWithAWrongCheckDigitIsKeptAsGivenWithAFinding()
    {
        var message = Parse($"""
            {Header}
            POSTNL,B-1,MAEU1,oceanBillOfLading,import,sea,MAEU,Maersk,CNSHA,NLRTM,Star Trading Ltd,CN,Delta B.V.,NL,,MSKU9070324,1,851713,Smartphones,10,500,450,250000,USD,CN
            """);
        Assert.False(message.IsRejected);
        var consignment = Assert.Single(message.Consignments);
        Assert.Equal("MSKU9070324", consignment.Equipment[0].ContainerNumber.Value);
        var finding = Assert.Single(consignment.DataQuality);
        Assert.Equal(("equipment[0].containerNumber", "MSKU9070324", "container-check-digit"), (finding.Path, finding.Value, finding.Rule));
        Assert.Contains("ISO 6346", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingRequiredColumnIsNamed()
    {
        var issue = Assert.Single(Parse("sender,messageId,documentNumber\nA,B,C\n").Issues);
        Assert.Equal("the header lacks the required column 'documentKind'", issue.Message);
    }

    [Fact]
    public void AColumnNamedTwiceInTheHeaderIsRejectedNamingBothPlaces()
    {
        var message = Parse($"""
            {Header},documentNumber
            POSTNL,B-1,MAEU1,oceanBillOfLading,import,sea,MAEU,Maersk,CNSHA,NLRTM,Star Trading Ltd,CN,Delta B.V.,NL,,,1,851713,Smartphones,10,500,450,250000,USD,CN,MAEU2
            """);
        var issue = Assert.Single(message.Issues);
        Assert.Equal("bulk.csv: line 1, column 26", issue.Location);
        Assert.Equal("the header names the column 'documentNumber' twice (also column 3); each column appears once", issue.Message);
    }

    [Fact]
    public void AFileMixingMessageIdsIsRejected()
    {
        var message = Parse($"""
            {Header}
            POSTNL,B-1,MAEU1,oceanBillOfLading,import,sea,MAEU,Maersk,CNSHA,NLRTM,Star Trading Ltd,CN,Delta B.V.,NL,,,1,851713,Smartphones,10,500,450,250000,USD,CN
            POSTNL,B-2,MAEU2,oceanBillOfLading,import,sea,MAEU,Maersk,CNSHA,NLRTM,Star Trading Ltd,CN,Delta B.V.,NL,,,1,851713,Smartphones,10,500,450,250000,USD,CN
            """);
        Assert.Equal("bulk.csv: line 3, column 2 (messageId)", Assert.Single(message.Issues).Location);
    }
}
