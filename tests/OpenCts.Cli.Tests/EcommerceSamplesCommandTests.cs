using System.Text.RegularExpressions;
using OpenCts.Ingestion.PlatformOrders;

namespace OpenCts.Cli.Tests;

/// <summary><c>cts samples generate --kind ecommerce</c>, run as a real process, and the folder it writes read by <c>cts ingest</c> and <c>cts assess</c>.</summary>
public class EcommerceSamplesCommandTests
{
    [Fact]
    public async Task The_ecommerce_stream_is_written_and_ingest_and_assess_read_every_parcel_without_error()
    {
        using var temp = new TempFolder();

        var run = CtsProcess.Run(temp.Directory, "samples", "generate", "--kind", "ecommerce", "--consignments", "400", "--out", "ecom", "--seed", "4", "--start", "2026-12-01");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Matches(@"Wrote 400\s+parcels in \d+\s+messages and \d+\s+platform\s+orders", run.Out);
        var folder = Path.Combine(temp.Directory, "ecom");
        Assert.All(Directory.GetFiles(Path.Combine(folder, "consignments")), f => Assert.Matches(@"^(PNL|DHL|FDX|UPS)-ECOM-4-\d{5}\.json$", Path.GetFileName(f)));
        var orderFiles = Directory.GetFiles(Path.Combine(folder, "platform-orders"), "*.json");
        Assert.NotEmpty(orderFiles);
        var orders = orderFiles.Sum(f =>
        {
            var read = PlatformOrderReader.Read(File.ReadAllBytes(f), f);
            Assert.True(read.IsClean, string.Join("\n", read.Errors));
            return read.Orders.Count;
        });
        Assert.InRange(orders, 200, 280);
        Assert.Equal(401, File.ReadAllLines(Path.Combine(folder, "ground-truth-ecommerce-parcels.csv")).Length);
        Assert.True(File.Exists(Path.Combine(folder, "ground-truth-ecommerce-lines.csv")));
        Assert.True(File.Exists(Path.Combine(folder, "ground-truth-ecommerce-parties.csv")));

        var ingest = CtsProcess.Run(temp.Directory, "ingest", "--data", "store", "ecom/consignments", "--json");
        Assert.True(ingest.ExitCode == 0, ingest.All);
        var outcomes = ingest.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Directory.GetFiles(Path.Combine(folder, "consignments")).Length, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(("stored", 0), (o.GetProperty("outcome").GetString(), o.GetProperty("issues").GetArrayLength())));
        Assert.Equal(400, outcomes.Sum(o => o.GetProperty("versions").GetArrayLength()));

        var assess = CtsProcess.Run(temp.Directory, "assess", "ecom", "--data", "assessed", "--quiet");
        Assert.True(assess.ExitCode == 0, assess.All);
        Assert.Matches(@"Assessed 400 consignments", assess.Out);

        await using var store = OpenCts.Storage.Sqlite.SqliteStore.Open(Path.Combine(temp.Directory, "store"), OpenCts.Storage.Sqlite.SqliteLedgerJournal.Instance);
        Assert.Equal(400, (await store.Messages.CountsAsync(TestContext.Current.CancellationToken)).Consignments);
    }

    [Fact]
    public void The_same_seed_writes_the_same_files()
    {
        using var temp = new TempFolder();

        Assert.Equal(0, CtsProcess.Run(temp.Directory, "samples", "generate", "--kind", "ecommerce", "--consignments", "120", "--out", "a", "--seed", "8", "--start", "2026-12-01").ExitCode);
        Assert.Equal(0, CtsProcess.Run(temp.Directory, "samples", "generate", "--kind", "ecommerce", "--consignments", "120", "--out", "b", "--seed", "8", "--start", "2026-12-01").ExitCode);

        var a = Path.Combine(temp.Directory, "a");
        var b = Path.Combine(temp.Directory, "b");
        var files = Directory.GetFiles(a, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, Directory.GetFiles(b, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b, f)).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(a, f)), File.ReadAllBytes(Path.Combine(b, f))));
    }

    [Fact]
    public void An_unknown_kind_is_a_usage_error_naming_the_kinds()
    {
        using var temp = new TempFolder();

        var run = CtsProcess.Run(temp.Directory, "samples", "generate", "--kind", "parcels", "--out", "x");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--kind 'parcels' is not one of general, ecommerce", Regex.Replace(run.All, @"\s+", " "), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.Directory, "x")));
    }
}
