using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.Edifact;
using OpenCts.Ingestion.Pipeline;

namespace OpenCts.Ingestion.Tests.Edifact;

public sealed class CuscarEnvelopeTests
{
    private const string Body =
        "BGM+785+M1+9'TDT+20+12E+1++CMDU:::CMA CGM'LOC+9+CNSHA:139:6'LOC+11+NLRTM:139:6'" +
        "CNI+1+BL1'NAD+CZ+++SHIPPER CO+1 ROAD+SHANGHAI++200000+CN'NAD+CN+++IMPORTER BV+KADE 1+ROTTERDAM++3011 AA+NL'" +
        "GID+1+10:CT'FTX+AAA+++TOYS'MEA+AAE+G+KGM:100'";

    private static string Message(string reference, string body = Body, int? count = null)
    {
        var segments = body.Split('\'', StringSplitOptions.RemoveEmptyEntries).Length + 2;
        return $"UNH+{reference}+CUSCAR:D:95B:UN'{body}UNT+{count ?? segments}+{reference}'";
    }

    private static string Interchange(string messages, int count) => $"UNB+UNOC:3+SENDER+NLCUSTOMS+261128:0930+ICR1'{messages}UNZ+{count}+ICR1'";

    [Fact]
    public void AMinimalInterchangeGivesOneConsignmentWithoutIssues()
    {
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), Interchange(Message("1"), 1)));
        Assert.Empty(message.Issues);
        var consignment = Assert.Single(message.Consignments);
        Assert.Equal("BL1", consignment.Document.Number);
        Assert.Equal("SENDER", message.Sender);
        Assert.Equal("ICR1/1", message.MessageId);
    }

    [Fact]
    public void LineBreaksAndIndentationBetweenSegmentsAreTolerated()
    {
        var compact = Assert.Single(Samples.Parse(new CuscarFormat(), Interchange(Message("1"), 1)));
        var sloppy = Interchange(Message("1"), 1).Replace("'", "'\r\n    ", StringComparison.Ordinal);
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), sloppy));
        Assert.Empty(message.Issues);
        Assert.Equal(compact.Consignments, message.Consignments);
    }

    [Fact]
    public void AServiceStringAdviceSetsOtherSeparatorsAndTheReleaseCharacterKeepsThemAsText()
    {
        var text = "UNA|*.! ~" + Interchange(Message("1"), 1)
            .Replace(":", "|", StringComparison.Ordinal).Replace("+", "*", StringComparison.Ordinal).Replace("'", "~", StringComparison.Ordinal)
            .Replace("TOYS", "TOYS!* GAMES!~ 50!|50 !!", StringComparison.Ordinal);
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), text));
        Assert.Empty(message.Issues);
        Assert.Equal("TOYS* GAMES~ 50|50 !", message.Consignments[0].Goods[0].Description);
    }

    [Fact]
    public void DefaultReleaseCharacterReleasesEverySeparator()
    {
        var text = Interchange(Message("1", Body.Replace("TOYS", "TOYS?+GAMES?'S?:SETS??", StringComparison.Ordinal)), 1);
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), text));
        Assert.Equal("TOYS+GAMES'S:SETS?", message.Consignments[0].Goods[0].Description);
    }

    [Fact]
    public void AReleaseCharacterJustBeforeAWrappedLineReleasesTheCharacterAfterTheLineBreak()
    {
        var text = Interchange(Message("1", Body.Replace("TOYS", "TOYS?\r\n+GAMES?\n:SETS", StringComparison.Ordinal)), 1)
            .Replace("ICR1'UNH", "IC?\nR1'UNH", StringComparison.Ordinal);
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), text));
        Assert.Equal("TOYS+GAMES:SETS", message.Consignments[0].Goods[0].Description);
        Assert.Equal("ICR1/1", message.MessageId);
    }

    [Fact]
    public void AWrongSegmentCountIsAWarningNamingUntAndTheMessageIsStillTaken()
    {
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), Interchange(Message("1", count: 99), 1)));
        Assert.False(message.IsRejected);
        Assert.Single(message.Consignments);
        var issue = Assert.Single(message.Issues);
        Assert.Equal(IssueSeverity.Warning, issue.Severity);
        Assert.Equal("test.edi: interchange ICR1, message 1, segment 12 (UNT), element 1, line 1", issue.Location);
        Assert.Equal("number of segments (0074) is '99'; the message has 12 from UNH to UNT", issue.Message);
    }

    [Fact]
    public void AWrongInterchangeCountIsAWarningOnEveryMessage()
    {
        var messages = Samples.Parse(new CuscarFormat(), Interchange(Message("1") + Message("2"), 5));
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m =>
        {
            Assert.False(m.IsRejected);
            var issue = Assert.Single(m.Issues);
            Assert.Equal(IssueSeverity.Warning, issue.Severity);
            Assert.Contains("(UNZ)", issue.Location, StringComparison.Ordinal);
            Assert.Equal("interchange control count (0036) is '5'; the interchange holds 2 messages", issue.Message);
        });
    }

    [Fact]
    public void ABadValueRejectsOnlyItsMessageAndNamesSegmentElementAndComponent()
    {
        var bad = Body.Replace("TDT+20+12E+1+", "TDT+20+12E+42+", StringComparison.Ordinal);
        var messages = Samples.Parse(new CuscarFormat(), Interchange(Message("1") + Message("2", bad) + Message("3"), 3));
        Assert.Equal([false, true, false], messages.Select(m => m.IsRejected));
        var error = Assert.Single(messages[1].Issues);
        Assert.Equal("test.edi: interchange ICR1, message 2, segment 3 (TDT), element 3, component 1, line 1", error.Location);
        Assert.StartsWith("'42' is not a mode of transport", error.Message, StringComparison.Ordinal);
        Assert.Empty(messages[1].Consignments);
        Assert.False(messages[1].Raw.IsEmpty);
    }

    [Fact]
    public void APlaceThatIsNoUnLocodeIsLeftOutWithAFindingAndTheMessageIsTaken()
    {
        var bad = Body.Replace("LOC+11+NLRTM", "LOC+11+XXRTM", StringComparison.Ordinal);
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), Interchange(Message("1", bad), 1)));
        Assert.False(message.IsRejected);
        Assert.Empty(message.Issues);
        var consignment = Assert.Single(message.Consignments);
        Assert.Null(consignment.PlaceOfDischarge);
        var finding = Assert.Single(consignment.DataQuality);
        Assert.Equal(new DataQualityFinding("placeOfDischarge", "XXRTM", "place-unknown", "UN/LOCODE 'XXRTM' starts with 'XX', which is not an ISO 3166-1 country code; the place is left out"), finding);
    }

    [Fact]
    public void AMessageNotClosedByUntIsRejectedAndTheNextMessageIsRead()
    {
        var unclosed = $"UNH+1+CUSCAR:D:95B:UN'{Body}";
        var messages = Samples.Parse(new CuscarFormat(), Interchange(unclosed + Message("2"), 2));
        Assert.Equal(2, messages.Count);
        Assert.True(messages[0].IsRejected);
        Assert.Equal("a new message (UNH) starts before UNT closed this one", messages[0].Issues[0].Message);
        Assert.False(messages[1].IsRejected);
    }

    [Fact]
    public void AnotherMessageTypeIsRejectedSayingCuscarWasExpected()
    {
        var other = Message("1").Replace("CUSCAR", "IFTMIN", StringComparison.Ordinal);
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), Interchange(other, 1)));
        Assert.True(message.IsRejected);
        Assert.Equal("message type 'IFTMIN' is not read here; expected CUSCAR", message.Issues[0].Message);
        Assert.Contains("segment 1 (UNH), element 2, component 1", message.Issues[0].Location, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingGoodsDescriptionIsAFindingOnTheConsignmentNotARejection()
    {
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), Interchange(Message("1", Body.Replace("FTX+AAA+++TOYS'", "", StringComparison.Ordinal)), 1)));
        Assert.False(message.IsRejected);
        var consignment = Assert.Single(message.Consignments);
        Assert.Equal("", consignment.Goods[0].Description);
        var finding = Assert.Single(consignment.DataQuality);
        Assert.Equal(("goods[0].description", "description-missing"), (finding.Path, finding.Rule));
    }

    [Fact]
    public void ControlTotalsThatDoNotAddUpAreWarnings()
    {
        var body = Body.Replace("CNI+1+BL1'", "CNI+1+BL1'CNT+7:250:KGM'CNT+11:12'", StringComparison.Ordinal);
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), Interchange(Message("1", body), 1)));
        Assert.False(message.IsRejected);
        Assert.Equal(
            ["control total CNT+7 gives 250 kg; the goods items add up to 100 kg", "control total CNT+11 gives 12 packages; the goods items add up to 10"],
            message.Issues.Select(i => i.Message));
        Assert.All(message.Issues, i => Assert.Contains("(CNT)", i.Location, StringComparison.Ordinal));
    }

    [Fact]
    public void AMessageOverTheSegmentLimitIsRejectedWithAClearError()
    {
        var format = new CuscarFormat(new CuscarOptions(MaxSegmentsPerMessage: 8));
        var message = Assert.Single(Samples.Parse(format, Interchange(Message("1"), 1)));
        Assert.True(message.IsRejected);
        Assert.Equal("the message has more than 8 segments, the limit; it is not read", message.Issues[0].Message);
        Assert.Contains("segment 9 (", message.Issues[0].Location, StringComparison.Ordinal);
    }

    [Fact]
    public void AMessageOverTheByteLimitIsRejectedWithAClearError()
    {
        var format = new CuscarFormat(new CuscarOptions(MaxMessageBytes: 100));
        var message = Assert.Single(Samples.Parse(format, Interchange(Message("1"), 1)));
        Assert.True(message.IsRejected);
        Assert.Equal("the message is longer than 100 bytes, the limit; it is not read", message.Issues[0].Message);
    }

    [Fact]
    public void AFileWithoutAnyMessageIsOneRejectedMessage()
    {
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), "UNB+UNOC:3+SENDER+NLCUSTOMS+261128:0930+ICR1'UNZ+0+ICR1'"));
        Assert.True(message.IsRejected);
        Assert.Equal("the interchange holds no message", message.Issues[^1].Message);
    }

    [Fact]
    public void AnUnterminatedLastSegmentIsAnErrorAtItsPlace()
    {
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), "UNB+UNOC:3+SENDER+NLCUSTOMS+261128:0930+ICR1'" + Message("1")[..^12]));
        Assert.True(message.IsRejected);
        var issue = Assert.Single(message.Issues, i => i.Message.Contains("not ended by the segment terminator", StringComparison.Ordinal));
        // The text ends inside the MEA segment, the eleventh of the message: "MEA+AAE+G+KGM:1" with no terminator.
        Assert.Equal("test.edi: interchange ICR1, message 1, segment 11 (MEA), line 1", issue.Location);
        Assert.Equal("the segment is not ended by the segment terminator ''' before the end of the input", issue.Message);
        Assert.Equal("SENDER", message.Sender);
        Assert.Equal("ICR1/1", message.MessageId);
    }

    [Fact]
    public void ATagHoldingALineBreakIsShownEscapedSoThatItsPlaceStaysOnOneLine()
    {
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), "U\r"));
        Assert.Equal("test.edi: line 1, segment (U\\r)", Assert.Single(message.Issues).Location);
    }

    [Fact]
    public void PlacesInAFileOfManyStraySegmentsAreFoundWithoutRecountingTheLinesFromTheStart()
    {
        // Each place counted the line breaks from the start of the file: 300,000 stray segments took seconds. Speed is for the
        // benchmarks; here the places must still come out right.
        var text = $"UNB+UNOC:3+SENDER+NLCUSTOMS+261128:0930+ICR1'\n{string.Concat(Enumerable.Repeat("XXX+1'\n", 300_000))}UNZ+0+ICR1'";
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), text));
        Assert.Equal("test.edi: interchange ICR1, segment 102 (XXX), line 102", message.Issues[^2].Location);
        Assert.Equal("test.edi: interchange ICR1, segment 1 (UNB), line 1", message.Issues[^1].Location);
    }

    [Fact]
    public void DirectoriesOutsideTheProfiledRangeAreReadWithAWarning()
    {
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), Interchange(Message("1").Replace("D:95B", "D:16A", StringComparison.Ordinal), 1)));
        Assert.False(message.IsRejected);
        Assert.Equal("directory D.16A is outside D.95B to D.11A; the message is read as CUSCAR of those directories", Assert.Single(message.Issues).Message);
    }

    [Fact]
    public void ATabInTheInterchangeAndMessageReferencesIsShownEscapedInPlacesAndTheMessageId()
    {
        var text = Interchange(Message("1\t2", Body.Replace("KGM:100", "KGM:ABC", StringComparison.Ordinal)), 1).Replace("ICR1", "ICR\u001B1", StringComparison.Ordinal);
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), text));
        Assert.Equal(@"ICR\x1B1/1\t2", message.MessageId);
        Assert.NotEmpty(message.Issues);
        Assert.All(message.Issues, i => Assert.StartsWith(@"test.edi: interchange ICR\x1B1, message 1\t2, segment ", i.Location, StringComparison.Ordinal));
    }

    [Fact]
    public void AMismatchedReferenceInUntIsQuotedEscapedInTheWarning()
    {
        var text = Interchange(Message("1"), 1).Replace("+1'UNZ", "+1\t'UNZ", StringComparison.Ordinal);
        var issue = Assert.Single(Assert.Single(Samples.Parse(new CuscarFormat(), text)).Issues);
        Assert.Equal("test.edi: interchange ICR1, message 1, segment 12 (UNT), element 2, line 1", issue.Location);
        Assert.Equal(@"message reference (0062) is '1\t'; UNH gave '1'", issue.Message);
    }

    [Fact]
    public void ALongInterchangeReferenceIsCutTo128CharactersInPlacesAndTheMessageId()
    {
        var reference = new string('R', 5000);
        var text = Interchange(Message("1", Body.Replace("KGM:100", "KGM:ABC", StringComparison.Ordinal)), 1).Replace("ICR1", reference, StringComparison.Ordinal);
        var message = Assert.Single(Samples.Parse(new CuscarFormat(), text));
        var shown = new string('R', 128) + "…";
        Assert.Equal(shown + "/1", message.MessageId);
        Assert.NotEmpty(message.Issues);
        Assert.All(message.Issues, i => Assert.StartsWith($"test.edi: interchange {shown}, message 1, segment ", i.Location, StringComparison.Ordinal));
    }
}
