
namespace OpenCts.Cli.Tests;

/// <summary><c>cts examinations import</c>: each row recorded once however often its file is imported, and files it cannot read named with the place, exit 2.</summary>
public class ExaminationsImportTests
{
    private const string Header = "documentKey,outcome,amountRecovered,examinedAt,notes";

    [Fact]
    public void ABadRowAfterANoteSpanningLinesIsReportedAtItsPhysicalLine()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "results.csv"), $"""
            {Header}
            BL-1,irregular,1200,2026-03-01T10:00:00Z,"undeclared
            cigarettes
            in the roof"
            BL-2,lost,0,2026-03-02T10:00:00Z,
            """);

        var run = CtsProcess.Run(temp.Directory, "examinations", "import", "results.csv", "--data", "store");

        Assert.True(run.ExitCode == 2, run.All);
        Assert.Equal("error: results.csv:5:2: column 'outcome': 'lost' is not an outcome (compliant or irregular)", CtsProcess.OneLine(run));
    }

    [Fact]
    public void MalformedCsvIsReportedAtTheLineItsRowStartsOn()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "results.csv"), $"""
            {Header}
            BL-1,irregular,1200,2026-03-01T10:00:00Z,"two
            lines"
            "BL-2" x,compliant,0,2026-03-02T10:00:00Z,
            """);

        var run = CtsProcess.Run(temp.Directory, "examinations", "import", "results.csv", "--data", "store");

        Assert.True(run.ExitCode == 2, run.All);
        Assert.StartsWith("error: results.csv:4:1: not valid CSV: ", CtsProcess.OneLine(run), StringComparison.Ordinal);
    }

    private static string FirstLine(CtsProcess.Result run) => run.Out.Split('\n', StringSplitOptions.TrimEntries)[0];

    [Fact]
    public void A_file_imported_again_records_none_of_its_rows_twice_and_an_overlapping_file_only_its_new_rows()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "march.csv"), $"""
            {Header},resultId
            BL-1,irregular,1200,2026-03-01T10:00:00Z,cigarettes,exam-0001
            BL-2,compliant,0,2026-03-02T10:00:00Z,,
            BL-3,compliant,0,2026-03-03T10:00:00Z,,
            """);
        // The next export repeats BL-3 (keyed by its content) and BL-1 (by its id, with the amount written 1200.00), and adds BL-4.
        File.WriteAllText(Path.Combine(temp.Directory, "april.csv"), $"""
            {Header},resultId
            BL-3,compliant,0,2026-03-03T10:00:00Z,,
            BL-1,irregular,1200.00,2026-03-01T10:00:00Z,cigarettes,exam-0001
            BL-4,irregular,50,2026-04-01T10:00:00Z,,
            """);

        var first = CtsProcess.Run(temp.Directory, "examinations", "import", "march.csv", "--data", "store");
        var again = CtsProcess.Run(temp.Directory, "examinations", "import", "march.csv", "--data", "store");
        var overlapping = CtsProcess.Run(temp.Directory, "examinations", "import", "april.csv", "--data", "store");

        Assert.True(first.ExitCode == 0, first.All);
        Assert.Equal("recorded 3 examination results (1 irregular); 0 already recorded", FirstLine(first));
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Equal("recorded 0 examination results (0 irregular); 3 already recorded", FirstLine(again));
        Assert.DoesNotContain("warning", again.All, StringComparison.Ordinal);
        Assert.True(overlapping.ExitCode == 0, overlapping.All);
        Assert.Equal("recorded 1 examination results (1 irregular); 2 already recorded", FirstLine(overlapping));
    }

    [Fact]
    public void A_result_id_that_names_another_recorded_result_is_reported_at_its_line_and_nothing_of_the_file_is_recorded()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "first.csv"), $"""
            {Header},resultId
            BL-1,irregular,1200,2026-03-01T10:00:00Z,cigarettes,exam-0001
            """);
        File.WriteAllText(Path.Combine(temp.Directory, "second.csv"), $"""
            {Header},resultId
            BL-5,compliant,0,2026-03-05T10:00:00Z,,exam-0005
            BL-1,compliant,0,2026-03-01T10:00:00Z,,exam-0001
            """);
        Assert.Equal(0, CtsProcess.Run(temp.Directory, "examinations", "import", "first.csv", "--data", "store").ExitCode);

        var refused = CtsProcess.Run(temp.Directory, "examinations", "import", "second.csv", "--data", "store");
        var corrected = CtsProcess.Run(temp.Directory, "examinations", "import", "first.csv", "--data", "store");

        Assert.True(refused.ExitCode == 2, refused.All);
        Assert.Equal(
            "error: second.csv:3:6: column 'resultId': examination result key 'exam-0001' is already recorded with a different result (document BL-1); a retry must send the same result, and a new result needs a new key",
            CtsProcess.OneLine(refused));
        // BL-5 of the refused file was not kept: the store still holds one result.
        Assert.Equal("recorded 0 examination results (0 irregular); 1 already recorded", FirstLine(corrected));
    }

    [Fact]
    public void One_result_id_given_to_two_rows_with_different_values_is_reported_at_the_second()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "results.csv"), $"""
            {Header},resultId
            BL-1,irregular,1200,2026-03-01T10:00:00Z,,exam-7
            BL-2,compliant,0,2026-03-02T10:00:00Z,,exam-7
            """);

        var run = CtsProcess.Run(temp.Directory, "examinations", "import", "results.csv", "--data", "store");

        Assert.True(run.ExitCode == 2, run.All);
        Assert.Equal("error: results.csv:3:6: column 'resultId': 'exam-7' is also the result id of line 2, with other values; each result needs an id of its own", CtsProcess.OneLine(run));
    }
}
