using System.Text;
using CsCheck;
using OpenCts.Ingestion.Csv;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Ingestion.Tests.Edifact;

namespace OpenCts.Ingestion.Tests.Csv;

/// <summary>Mutation fuzzing of the CSV reader: whatever the bytes, no exception, no hang, every rejection with a place on one line.</summary>
public sealed class CsvFuzzTests
{
    private static readonly byte[] Seed = Encoding.UTF8.GetBytes(""""
        sender,messageId,documentNumber,documentKind,direction,mode,carrierCode,carrierName,vesselName,imo,voyage,placeOfLoading,placeOfDischarge,route,departure,estimatedArrival,consignorName,consignorCountry,consigneeName,consigneeCountry,consigneeEori,containers,seals,itemSequence,hsCode,description,packages,grossMassKg,netMassKg,value,currency,origin
        POSTNL,B-1,MAEU1,oceanBillOfLading,import,sea,MAEU,Maersk,MAERSK ESSEX,9632179,245W,CNSHA,NLRTM,CN SG NL,2026-11-01T08:00:00Z,2026-11-28T06:00:00Z,"Star Trading, Ltd",CN,Delta B.V.,NL,NL123456789,MSKU9070323,SL1 SL2,1,851713,Smartphones,10,500,450,250000,USD,CN
        POSTNL,B-1,MAEU1,oceanBillOfLading,import,sea,MAEU,Maersk,MAERSK ESSEX,9632179,245W,CNSHA,NLRTM,CN SG NL,2026-11-01T08:00:00Z,2026-11-28T06:00:00Z,"Star Trading, Ltd",CN,Delta B.V.,NL,NL123456789,MSKU9070323,SL1 SL2,2,847130,"Laptops, ""15 inch""",5,300,280,90000,USD,CN
        POSTNL,B-1,MAEU2,oceanBillOfLading,import,sea,MAEU,Maersk,MAERSK ESSEX,9632179,245W,CNSHA,NLRTM,,,,Star Trading Ltd,CN,Delta B.V.,NL,,,,1,950300,Toys,10,800,,4000,USD,CN

        """".Replace("\r\n", "\n", StringComparison.Ordinal));

    private static readonly byte[] Interesting = ",\"\n\r 0123456789.-ABCZ:T\u00e9"u8.ToArray();

    private static void ReadsWithEveryErrorPlaced(byte[] bytes)
    {
        var messages = new CsvMessageFormat().Parse("fuzz.csv", bytes, Samples.ReceivedAt, TestContext.Current.CancellationToken);
        CuscarFuzzTests.AssertWellFormed(messages);
        CuscarFuzzTests.AssertOneLine(messages);
        foreach (var issue in messages.SelectMany(m => m.Issues).Where(i => i.Severity == IssueSeverity.Error))
        {
            Assert.Matches(@"^fuzz\.csv: line \d+(, column \d+( \([A-Za-z]+\))?|, column [A-Za-z]+ \(missing from the header\))?$", issue.Location);
        }
    }

    [Fact]
    public void TheSampleFileIsRead()
    {
        var message = Assert.Single(new CsvMessageFormat().Parse("fuzz.csv", Seed, Samples.ReceivedAt, TestContext.Current.CancellationToken));
        Assert.Empty(message.Issues);
        Assert.Equal(2, message.Consignments.Count);
    }

    [Fact]
    public void MutatedFilesNeverCrashAndEveryErrorHasAPlace()
    {
        CuscarFuzzTests.MutatedWithLinesRepeated(Seed, Interesting).Sample(ReadsWithEveryErrorPlaced, iter: 1500, print: b => Encoding.Latin1.GetString(b));
    }

    /// <summary>The mutation <c>etrCwAezFkK2</c>: a carriage return inside a quoted message id, quoted as it was in the error.</summary>
    [Fact]
    public void ALineBreakInAQuotedValueIsShownEscapedInTheMessage()
    {
        CuscarFuzzTests.MutatedWithLinesRepeated(Seed, Interesting).Sample(ReadsWithEveryErrorPlaced, seed: "etrCwAezFkK2", iter: 1, print: b => Encoding.Latin1.GetString(b));
        var text = Encoding.UTF8.GetString(Seed);
        var lines = text.Split('\n');
        lines[2] = lines[2].Replace("POSTNL,B-1,", "POSTNL,\"B-\r1\",", StringComparison.Ordinal);
        var issue = Assert.Single(Assert.Single(new CsvMessageFormat().Parse("fuzz.csv", Encoding.UTF8.GetBytes(string.Join('\n', lines)), Samples.ReceivedAt, TestContext.Current.CancellationToken)).Issues);
        Assert.Equal("fuzz.csv: line 3, column 2 (messageId)", issue.Location);
        Assert.Equal(@"'B-\r1' differs from 'B-1' above; a CSV file is one message", issue.Message);
    }
}
