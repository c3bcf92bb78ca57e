using System.Text.Json;

namespace OpenCts.Cli.Tests;

/// <summary><c>cts bench formats</c>, run as a real process: each figure beside its bound, in the table and in the JSON.</summary>
public class FormatsBenchCommandTests
{
    [Fact]
    public void The_json_keeps_its_keys_and_adds_each_bound_and_the_ratio_of_figure_to_bound()
    {
        using var temp = new TempFolder();

        var run = CtsProcess.Run(temp.Directory, "bench", "formats", "--consignments", "300", "--seconds", "0.05", "--json", "formats.json");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("separator scan", run.Out, StringComparison.Ordinal);
        Assert.Contains("XmlReader.Read alone", run.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Directory, "formats.json")));
        var root = json.RootElement;
        foreach (var key in new[] { "edifactMegabytesPerSecond", "cargoXmlMessagesPerSecond", "edifactInterchangeBytes", "edifactConsignments", "cargoXmlDocuments" })
        {
            Assert.True(root.TryGetProperty(key, out _), key);
        }
        var edifact = root.GetProperty("edifactMegabytesPerSecond").GetDouble();
        var scan = root.GetProperty("edifactScanMegabytesPerSecond").GetDouble();
        var xml = root.GetProperty("cargoXmlMessagesPerSecond").GetDouble();
        var reader = root.GetProperty("xmlReaderMessagesPerSecond").GetDouble();
        Assert.True(edifact > 0 && scan > 0 && xml > 0 && reader > 0, root.ToString());
        Assert.Equal(300, root.GetProperty("edifactConsignments").GetInt32());
        // The figures are rounded in the JSON and the ratios are not, so they agree to within the rounding.
        Assert.InRange(root.GetProperty("edifactRatioToScan").GetDouble() - edifact / scan, -0.01, 0.01);
        Assert.InRange(root.GetProperty("cargoXmlRatioToXmlReader").GetDouble() - xml / reader, -0.01, 0.01);
        // Reading CUSCAR builds consignments, so it allocates; the collector's pauses are a share of the time.
        Assert.InRange(root.GetProperty("edifactAllocatedBytesPerInputByte").GetDouble(), 0.1, 100);
        Assert.InRange(root.GetProperty("edifactGcPauseShare").GetDouble(), 0, 1);
        Assert.Contains("bytes allocated per byte read", run.Out, StringComparison.Ordinal);
        // JSON: the same 300 consignments in messages of 50, read as the intake reads them, beside a reader of every token.
        Assert.Contains("Utf8JsonReader alone", run.Out, StringComparison.Ordinal);
        Assert.Equal(6, root.GetProperty("jsonMessages").GetInt32());
        var parsed = root.GetProperty("jsonConsignmentsPerSecond").GetDouble();
        var tokens = root.GetProperty("utf8JsonReaderConsignmentsPerSecond").GetDouble();
        Assert.True(parsed > 0 && tokens > 0, root.ToString());
        Assert.InRange(root.GetProperty("jsonRatioToUtf8JsonReader").GetDouble() - parsed / tokens, -0.01, 0.01);
        Assert.InRange(root.GetProperty("jsonAllocatedBytesPerConsignment").GetDouble(), 100, 1_000_000);
    }

    [Fact]
    public void Cts_reads_on_the_blocking_collector_and_the_bench_says_so()
    {
        using var temp = new TempFolder();

        var run = CtsProcess.Run(temp.Directory, "bench", "formats", "--consignments", "100", "--seconds", "0.02", "--json", "formats.json");

        Assert.True(run.ExitCode == 0, run.All);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Directory, "formats.json")));
        // The background collector ("Interactive") copies each object cts keeps twice and marks it again (docs/performance.md).
        Assert.Equal("workstation Batch", json.RootElement.GetProperty("collectorMode").GetString());
        Assert.Contains("(workstation Batch)", run.Out, StringComparison.Ordinal);
    }
}
