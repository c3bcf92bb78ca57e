using OpenCts.Ingestion.Samples;
using OpenCts.Storage;

namespace OpenCts.Cli.Tests;

public class IngestCommandTests
{
    [Fact]
    public async Task AMalformedFileIsNamedWithItsPlaceStoresNothingAndTheOtherFilesAreStillIngested()
    {
        using var temp = new TempFolder();
        var inbox = Path.Combine(temp.Directory, "inbox");
        SampleWriter.Write(inbox, new SampleGenerator(5).GenerateWithTruth(120), 5);
        var good = Directory.GetFiles(Path.Combine(inbox, "consignments"));
        var truncated = Path.Combine(inbox, "truncated.json");
        var text = File.ReadAllText(good[0]);
        File.WriteAllText(truncated, text[..(text.Length / 2)].Replace("\"messageId\": \"", "\"messageId\": \"T-", StringComparison.Ordinal));

        var result = CtsProcess.Run(temp.Directory, ["ingest", "--data", "store", .. good, truncated]);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"truncated\.json: line \d+, column \d+", result.All);
        await using var store = OpenCts.Storage.Sqlite.SqliteStore.Open(Path.Combine(temp.Directory, "store"), OpenCts.Storage.Sqlite.SqliteLedgerJournal.Instance);
        var counts = (await store.Messages.CountsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(good.Length + 1, counts.Messages);
        Assert.Equal(1, counts.Rejected);
        Assert.Equal(120, counts.Consignments);
    }

    [Fact]
    public void AMissingFileIsNamedOnceByThePathGiven()
    {
        using var temp = new TempFolder();

        var result = CtsProcess.Run(temp.Directory, "ingest", "--data", "store", "--dry-run", "inbox/missing.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: inbox/missing.json: no such file", result.All.Trim());
    }

    [Fact]
    public async Task IngestingTheSameFilesTwiceStoresThemOnce()
    {
        using var temp = new TempFolder();
        var inbox = Path.Combine(temp.Directory, "inbox");
        SampleWriter.Write(inbox, new SampleGenerator(6).GenerateWithTruth(60), 6);
        Assert.Equal(0, CtsProcess.Run(temp.Directory, "ingest", "--data", "store", "inbox/consignments").ExitCode);
        var again = CtsProcess.Run(temp.Directory, "ingest", "--data", "store", "inbox/consignments", "--json");
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("\"outcome\":\"stored\"", again.Out, StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"duplicate\"", again.Out, StringComparison.Ordinal);
        await using var store = OpenCts.Storage.Sqlite.SqliteStore.Open(Path.Combine(temp.Directory, "store"), OpenCts.Storage.Sqlite.SqliteLedgerJournal.Instance);
        Assert.Equal(60, (await store.Messages.CountsAsync(TestContext.Current.CancellationToken)).Versions);
    }

    [Fact]
    public void ADryRunPrintsTheConsignmentsAndStoresNothing()
    {
        using var temp = new TempFolder();
        var inbox = Path.Combine(temp.Directory, "inbox");
        SampleWriter.Write(inbox, new SampleGenerator(7).GenerateWithTruth(10), 7);
        var result = CtsProcess.Run(temp.Directory, "ingest", "--data", "other", "--dry-run", "--json", "inbox/consignments");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(10, result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.False(Directory.Exists(Path.Combine(temp.Directory, "other")));
    }
}
