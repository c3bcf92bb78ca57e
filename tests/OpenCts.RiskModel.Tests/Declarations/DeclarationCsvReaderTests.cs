using OpenCts.RiskModel.Declarations;

namespace OpenCts.RiskModel.Tests.Declarations;

public sealed class DeclarationCsvReaderTests
{
    private const string Header = "Declaration ID,Date,Office ID,Process Type,Import Type,Import Use,Payment Type,Mode of Transport,Declarant ID,Importer ID,Seller ID,Courier ID,HS6 Code,Country of Departure,Country of Origin,Tax Rate,Tax Type,Country of Origin Indicator,Net Mass,Item Price,Fraud,Critical Fraud";

    private const string GoodLine = "97061800,2020-01-01,30,B,11,21,11,10,ZZR1LT6,QLRUBN9,0VKY2BR,,440890,BE,BE,0.0,FEU1,G,108.0,372254.4,1,2";

    private static IReadOnlyList<ExaminedDeclaration> Read(string text) => DeclarationCsvReader.ReadExamined(new StringReader(text), "t.csv", TestContext.Current.CancellationToken);

    [Fact]
    public void TheSharedFilesHaveTheRowCountsTheirReadmeStates()
    {
        Assert.Equal(37385, TestData.Train.Count);
        Assert.Equal(8134, TestData.Valid.Count);
    }

    [Fact]
    public void EveryColumnOfALineLandsInItsField()
    {
        var row = Assert.Single(Read(Header + "\n" + GoodLine + "\n"));
        var d = row.Declaration;
        Assert.Equal(("97061800", new DateOnly(2020, 1, 1), "30", "QLRUBN9", "0VKY2BR", "", "440890"), (d.Id, d.Date, d.Office, d.Importer, d.Seller, d.Courier, d.Hs6));
        Assert.Equal(("BE", "BE", "FEU1", "G"), (d.Departure, d.Origin, d.TaxType, d.OriginIndicator));
        Assert.Equal((0.0, 108.0, 372254.4), (d.TaxRate, d.NetMassKg, d.ItemPrice));
        Assert.True(row.Fraud);
        Assert.True(row.CriticalFraud);
    }

    [Fact]
    public void CriticalFraudIsTheSecondLevelOfTheLabel()
    {
        var row = Assert.Single(Read(Header + "\n" + GoodLine[..^1] + "1\n"));
        Assert.True(row.Fraud);
        Assert.False(row.CriticalFraud);
    }

    [Fact]
    public void AnUnparsableNumberIsNamedByFileLineAndColumn()
    {
        var bad = GoodLine.Replace("108.0", "1O8", StringComparison.Ordinal);
        var error = Assert.Throws<DeclarationFileException>(() => Read(Header + "\n" + GoodLine + "\n" + bad + "\n"));
        Assert.Equal("t.csv:3:19: column 'Net Mass': '1O8' is not a number", error.Message);
        Assert.Equal((3, 19), (error.Line, error.Column));
    }

    [Fact]
    public void AQuotedFieldSpanningLinesCountsEachOfItsLinesInTheLineNumber()
    {
        var spanning = GoodLine.Replace("ZZR1LT6", "\"ZZR1\nLT6\r\nX\"", StringComparison.Ordinal);
        var bad = GoodLine.Replace("108.0", "1O8", StringComparison.Ordinal);
        var error = Assert.Throws<DeclarationFileException>(() => Read(Header + "\n" + spanning + "\n" + bad + "\n"));
        Assert.Equal("t.csv:5:19: column 'Net Mass': '1O8' is not a number", error.Message);
    }

    [Fact]
    public void ABadFieldAfterAQuotedFieldSpanningLinesInTheSameRowIsNamedAtTheLineItStartsOn()
    {
        var bad = GoodLine.Replace("ZZR1LT6", "\"ZZR1\nLT6\"", StringComparison.Ordinal).Replace("108.0", "1O8", StringComparison.Ordinal);
        var error = Assert.Throws<DeclarationFileException>(() => Read(Header + "\n" + bad + "\n"));
        Assert.Equal((3, 19), (error.Line, error.Column));
    }

    [Fact]
    public void ABlankLineStillCountsInTheLineNumber()
    {
        var bad = GoodLine.Replace("372254.4", "x", StringComparison.Ordinal);
        Assert.Equal(4, Assert.Throws<DeclarationFileException>(() => Read(Header + "\n" + GoodLine + "\n\n" + bad + "\n")).Line);
    }

    [Fact]
    public void AMissingColumnIsNamedInTheHeaderLine()
    {
        var header = Header.Replace("HS6 Code,", "", StringComparison.Ordinal);
        var line = GoodLine.Replace("440890,", "", StringComparison.Ordinal);
        var error = Assert.Throws<DeclarationFileException>(() => Read(header + "\n" + line + "\n"));
        Assert.Equal("t.csv:1: the header has no column 'HS6 Code'", error.Message);
    }

    [Fact]
    public void AMissingFileIsNamedWithoutAPlaceInIt()
    {
        var path = Path.Combine(TestData.NewTempDirectory(), "missing.csv");

        var error = Assert.Throws<DeclarationFileException>(() => DeclarationCsvReader.ReadExamined(path, TestContext.Current.CancellationToken));

        Assert.Equal($"{path}: no such file", error.Message);
        Assert.Equal((0, 0), (error.Line, error.Column));
    }

    [Fact]
    public void AnEmptyFileIsAnErrorNotAnEmptyTrainingSet()
    {
        Assert.Equal("t.csv:1: the file is empty; a header line and at least one declaration are expected", Assert.Throws<DeclarationFileException>(() => Read("")).Message);
        Assert.Equal("t.csv:2: the file has a header but no declarations", Assert.Throws<DeclarationFileException>(() => Read(Header + "\n")).Message);
    }

    [Fact]
    public void ABadDateAndAShortLineAreNamedByTheirColumn()
    {
        var badDate = GoodLine.Replace("2020-01-01", "01/01/2020", StringComparison.Ordinal);
        Assert.Equal("t.csv:2:2: column 'Date': '01/01/2020' is not a date (yyyy-MM-dd)", Assert.Throws<DeclarationFileException>(() => Read(Header + "\n" + badDate)).Message);
        Assert.StartsWith("t.csv:2:", Assert.Throws<DeclarationFileException>(() => Read(Header + "\n97061800,2020-01-01,30")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileToScoreNeedsNoLabelColumns()
    {
        var path = Path.Combine(TestData.NewTempDirectory(), "score.csv");
        var header = Header[..Header.IndexOf(",Fraud", StringComparison.Ordinal)];
        File.WriteAllText(path, header + "\n" + GoodLine[..GoodLine.LastIndexOf(",1,", StringComparison.Ordinal)] + "\n");
        Assert.Equal("440890", Assert.Single(DeclarationCsvReader.ReadDeclarations(path, TestContext.Current.CancellationToken)).Hs6);
        Assert.Contains("no column 'Fraud'", Assert.Throws<DeclarationFileException>(() => DeclarationCsvReader.ReadExamined(path, TestContext.Current.CancellationToken)).Message, StringComparison.Ordinal);
    }
}
