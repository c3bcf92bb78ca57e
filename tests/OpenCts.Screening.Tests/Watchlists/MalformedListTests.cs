using OpenCts.Screening.Watchlists;

namespace OpenCts.Screening.Tests.Watchlists;

public sealed class MalformedListTests
{
    private const string SdnLine = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n";

    [Fact]
    public void AnOfacRowWithTooFewFieldsIsNamedByFileLineAndField()
    {
        using var folder = new TempFolder();
        folder.Write("primary.csv", SdnLine + "37,\"SHORT ROW\",-0- ,\"CUBA\"\n");

        var error = Assert.Throws<WatchlistFormatException>(() => WatchlistLoader.Load(folder.Path));

        Assert.Equal("primary.csv:2:5: expected 12 fields, found 4", error.Message);
    }

    [Fact]
    public void AnUnknownSdnTypeIsNamedByItsField()
    {
        using var folder = new TempFolder();
        folder.Write("p.csv", SdnLine + "38,\"X\",\"submarine\",\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n");

        var error = Assert.Throws<WatchlistFormatException>(() => WatchlistLoader.Load(folder.Path));

        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.Contains("'submarine' is not an SDN type", error.Message, StringComparison.Ordinal);
    }

    /// <summary>An SDN row whose remarks, in quotes, run over three lines of the file: lines 2 to 4.</summary>
    private const string SdnLineWithLongRemarks = "37,\"CUBANA\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"Linked To: EMPRESA\nDE NAVEGACION;\r\nformerly AEROCARIBBEAN\"\n";

    [Theory]
    [InlineData("38,\"X\",\"submarine\",\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n", "p.csv:5:3: 'submarine' is not an SDN type (individual, vessel, aircraft or -0-)")]
    [InlineData("38,\"SHORT ROW\",-0- ,\"CUBA\"\n", "p.csv:5:5: expected 12 fields, found 4")]
    [InlineData("X38,\"X\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n", "p.csv:5:1: ent_num 'X38' is not a number")]
    [InlineData("38,\"X\"Y,-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n", "p.csv:5:2: not valid CSV: A delimiter, newline or EOF was expected after a closing quote.")]
    public void AnOfacRowAfterRemarksOverSeveralLinesIsNamedByItsLineInTheFile(string badRow, string error)
    {
        using var folder = new TempFolder();
        folder.Write("p.csv", SdnLine + SdnLineWithLongRemarks + badRow);

        Assert.Equal(error, Assert.Throws<WatchlistFormatException>(() => WatchlistLoader.Load(folder.Path)).Message);
    }

    [Fact]
    public void AnOfacFieldAfterANameOverTwoLinesIsNamedByTheLineItStartsOn()
    {
        using var folder = new TempFolder();
        folder.Write("p.csv", SdnLine + "38,\"BANCO\nNACIONAL\",\"submarine\",\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n");

        var error = Assert.Throws<WatchlistFormatException>(() => WatchlistLoader.Load(folder.Path));

        Assert.Equal((3, 3), (error.Line, error.Column));
    }

    [Fact]
    public void AnAliasFileAloneAsksForItsPrimaryList()
    {
        using var folder = new TempFolder();
        var file = folder.Write("aliases.csv", "36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \n");

        var error = Assert.Throws<WatchlistFormatException>(() => WatchlistLoader.Load(file));

        Assert.Contains("needs its primary list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenUnXmlIsNamedByLineAndColumn()
    {
        using var folder = new TempFolder();
        var file = folder.Write("un.xml", "<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST>\n  <INDIVIDUALS>\n    <INDIVIDUAL><FIRST_NAME>A</INDIVIDUAL>\n");

        var error = Assert.Throws<WatchlistFormatException>(() => WatchlistLoader.Load(file));

        Assert.Equal(4, error.Line);
        Assert.StartsWith("un.xml:4:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnEntryWithoutReferenceIsNamedByItsElementLine()
    {
        using var folder = new TempFolder();
        var file = folder.Write("un.xml", "<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL>\n</INDIVIDUALS>\n</CONSOLIDATED_LIST>\n");

        var error = Assert.Throws<WatchlistFormatException>(() => WatchlistLoader.Load(file));

        Assert.Equal("un.xml:3:2: INDIVIDUAL without a REFERENCE_NUMBER", error.Message);
    }

    [Fact]
    public void AFileOfNoKnownFormatIsRefusedWhenNamedAlone()
    {
        using var folder = new TempFolder();
        var file = folder.Write("notes.txt", "just some notes\nabout lists\n");

        var error = Assert.Throws<WatchlistFormatException>(() => WatchlistLoader.Load(file));

        Assert.Contains("not a watch-list format", error.Message, StringComparison.Ordinal);
    }
}
