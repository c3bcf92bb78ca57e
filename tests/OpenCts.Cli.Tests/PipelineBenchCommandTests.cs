using System.Text.Json;

namespace OpenCts.Cli.Tests;

/// <summary><c>cts bench pipeline</c>'s bulk runs, as a real process: what they generate, and the figures they write.</summary>
public class PipelineBenchCommandTests
{
    [Fact]
    public void A_bulk_run_of_e_commerce_parcels_reads_their_platform_orders_too_and_names_its_kind()
    {
        using var temp = new TempFolder();

        var run = CtsProcess.Run(temp.Directory, "bench", "pipeline", "--bulk", "150", "--kind", "ecommerce", "--no-scale-out", "--json", "pipeline.json");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("150 e-commerce parcels", run.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Directory, "pipeline.json")));
        var root = json.RootElement;
        Assert.Equal("ecommerce", root.GetProperty("kind").GetString());
        var bulk = Assert.Single(root.GetProperty("bulk").EnumerateArray().ToList());
        Assert.Equal(("ecommerce", 150), (bulk.GetProperty("kind").GetString(), bulk.GetProperty("consignments").GetInt32()));
        foreach (var key in new[] { "endToEndConsignmentsPerSecond", "peakWorkingSetMegabytes", "storeBytesPerConsignment", "reassessConsignmentsPerSecond" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0, key);
        }
        Assert.Contains("and platform orders", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_kind_is_refused_before_anything_is_generated()
    {
        using var temp = new TempFolder();

        var run = CtsProcess.Run(temp.Directory, "bench", "pipeline", "--bulk", "150", "--kind", "sea", "--no-scale-out");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--kind: 'sea' is not one of general, ecommerce", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("generating", run.All, StringComparison.Ordinal);
    }
}
