
namespace OpenCts.Cli.Tests;

/// <summary><c>cts examinations import</c> given files it cannot read: one error line naming the file and the place, exit 2.</summary>
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
}
