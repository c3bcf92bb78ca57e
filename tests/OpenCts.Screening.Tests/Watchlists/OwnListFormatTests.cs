using OpenCts.Domain.Watchlists;
using OpenCts.Screening.Watchlists;

namespace OpenCts.Screening.Tests.Watchlists;

public sealed class OwnListFormatTests
{
    [Fact]
    public void OurCsvIsRecognisedByItsHeaderAndReadWithItsSeveralValues()
    {
        using var folder = new TempFolder();
        var file = folder.Write("anything.dat",
            "list,id,kind,name,aliases,identifiers,countries\n" +
            "national-watch,NW-1,vessel,SEA STAR,STAR OF THE SEA|SEASTAR,IMO:IMO 9187629|CALLSIGN:ABCD,Panama\n" +
            "national-watch,NW-2,organisation,\"Atlas General Trading, LLC\",,CONTAINER:MSCU 123456 6|TIN:DE123456789,\n");

        var load = WatchlistLoader.Load(file);

        Assert.Equal(WatchlistFormat.OwnCsv, WatchlistFormats.Detect(file));
        Assert.Equal(2, load.Entries.Count);
        var star = load.Entries[0];
        Assert.Equal(("national-watch", "NW-1", SubjectKind.Vessel), (star.List, star.Id, star.Kind));
        Assert.Equal(["STAR OF THE SEA", "SEASTAR"], star.Aliases.AsImmutableArray());
        Assert.Contains(star.Identifiers, i => i.Scheme == "IMO" && i.Value == "9187629");
        Assert.Contains(load.Entries[1].Identifiers, i => i.Scheme == "CONTAINER" && i.Value == "MSCU1234566");
        Assert.Equal("anything.dat", load.Sources["national-watch"]);
    }

    [Fact]
    public void AnImoNumberWithAWrongCheckDigitIsRefusedWithItsPlace()
    {
        using var folder = new TempFolder();
        var file = folder.Write("list.csv", "list,id,name,identifiers\nw,1,SEA STAR,IMO:9187620\n");

        var error = Assert.Throws<WatchlistFormatException>(() => WatchlistLoader.Load(file));

        Assert.Equal((2, 4), (error.Line, error.Column));
        Assert.Contains("identifier 'IMO:9187620'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("w,2,SEA STAR,,IMO:9187620\n", "list.csv:6:5: identifier 'IMO:9187620': ")]
    [InlineData("w,2,,,\n", "list.csv:6:3: name is empty")]
    [InlineData("w,2,SEA STAR\n", "list.csv:6:4: expected 5 fields as in the header, found 3")]
    [InlineData("w,2,\"SEA \"STAR,,\n", "list.csv:6:3: not valid CSV: ")]
    public void AnEntryAfterRemarksOverSeveralLinesIsNamedByItsLineInTheFile(string badRow, string error)
    {
        using var folder = new TempFolder();
        var file = folder.Write("list.csv", "list,id,name,remarks,identifiers\nw,1,ATLAS,\"Director:\nJ. SMITH;\r\nsee also\nNW-7\",\n" + badRow);

        var message = Assert.Throws<WatchlistFormatException>(() => WatchlistLoader.Load(file)).Message;

        Assert.StartsWith(error, message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFieldAfterRemarksOverSeveralLinesIsNamedByTheLineItStartsOn()
    {
        using var folder = new TempFolder();
        var file = folder.Write("list.csv", "list,id,name,remarks,identifiers\nw,1,ATLAS,\"Director:\nJ. SMITH\",IMO:9187620\n");

        var error = Assert.Throws<WatchlistFormatException>(() => WatchlistLoader.Load(file));

        Assert.Equal((3, 5), (error.Line, error.Column));
    }

    [Fact]
    public void AnUnknownCsvColumnIsNamed()
    {
        using var folder = new TempFolder();
        var file = folder.Write("list.csv", "list,id,name,alias\nw,1,X,Y\n");

        var error = Assert.Throws<WatchlistFormatException>(() => WatchlistLoader.Load(file));

        Assert.Equal("list.csv:1:4: unknown column 'alias'; the columns are list, id, kind, name, aliases, addresses, countries, identifiers, programs, remarks", error.Message);
    }

    [Fact]
    public void OurJsonIsReadWithTheListNamedOnceForAllEntries()
    {
        using var folder = new TempFolder();
        var file = folder.Write("w.json", """
            {
              "list": "analyst-list",
              "entries": [
                { "id": "A-1", "kind": "person", "name": "DOE, John", "aliases": ["Johnny Doe"], "identifiers": [{ "scheme": "PASSPORT", "value": "X123" }] },
                { "id": "A-2", "list": "other-list", "name": "Oceanic Freight Ltd", "remarks": "seen twice" }
              ]
            }
            """);

        var load = WatchlistLoader.Load(file);

        Assert.Equal(["analyst-list", "other-list"], load.Entries.Select(e => e.List));
        Assert.Equal(SubjectKind.Person, load.Entries[0].Kind);
        Assert.Equal("X123", load.Entries[0].Identifiers[0].Value);
        Assert.Equal("seen twice", load.Entries[1].Remarks);
    }

    [Fact]
    public void AJsonEntryWithoutNameIsNamedByItsPath()
    {
        using var folder = new TempFolder();
        var file = folder.Write("w.json", """{ "list": "l", "entries": [ { "id": "1", "name": "A" }, { "id": "2" } ] }""");

        var error = Assert.Throws<WatchlistFormatException>(() => WatchlistLoader.Load(file));

        Assert.Equal("w.json: $.entries[1].name: missing or empty", error.Message);
    }

    [Fact]
    public void ANameOrFieldWhoseEscapeIsNoCharacterIsNamedByLineAndColumn()
    {
        // \ud800 alone is valid JSON but no text; reading it threw InvalidOperationException, which named no place.
        using var folder = new TempFolder();
        var inName = folder.Write("a.json", "{ \"list\": \"l\",\n  \"entries\": [ { \"id\": \"1\", \"name\": \"A \\ud800\" } ] }");
        var inField = folder.Write("b.json", "{ \"list\": \"l\",\n  \"entries\": [ { \"id\": \"1\", \"\\udc00name\": \"A\" } ] }");

        var nameError = Assert.Throws<WatchlistFormatException>(() => WatchlistLoader.Load(inName));
        var fieldError = Assert.Throws<WatchlistFormatException>(() => WatchlistLoader.Load(inField));

        Assert.Equal((2, 37), (nameError.Line, nameError.Column));
        Assert.Contains("a name or text holds an escape that is not a character (a lone UTF-16 surrogate)", nameError.Message, StringComparison.Ordinal);
        Assert.Equal((2, 29), (fieldError.Line, fieldError.Column));
    }

    [Fact]
    public void BrokenJsonIsNamedByLineAndColumn()
    {
        using var folder = new TempFolder();
        var file = folder.Write("w.json", "{ \"list\": \"l\",\n  \"entries\": [ { \"id\": \"1\" \"name\": \"A\" } ] }");

        var error = Assert.Throws<WatchlistFormatException>(() => WatchlistLoader.Load(file));

        Assert.Equal(2, error.Line);
        Assert.True(error.Column > 1);
    }
}
