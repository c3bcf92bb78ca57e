using OpenCts.Core.Tests.Storage;
using OpenCts.Ingestion.Samples;
using OpenCts.Storage;

namespace OpenCts.Core.Tests.Cli;

public class IngestCommandTests
{
    [Fact]
    public void AMalformedFileIsNamedWithItsPlaceStoresNothingAndTheOtherFilesAreStillIngested()
    {
        using var temp = new TempStore();
        var inbox = Path.Combine(temp.Directory, "inbox");
        SampleWriter.Write(inbox, new SampleGenerator(5).GenerateWithTruth(120), 5);
        var good = Directory.GetFiles(Path.Combine(inbox, "consignments"));
        var truncated = Path.Combine(inbox, "truncated.json");
        var text = File.ReadAllText(good[0]);
        File.WriteAllText(truncated, text[..(text.Length / 2)].Replace("\"messageId\": \"", "\"messageId\": \"T-", StringComparison.Ordinal));
        temp.Store.Dispose();

        var result = CtsProcess.Run(temp.Directory, ["ingest", "--data", "store", .. good, truncated]);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"truncated\.json: line \d+, column \d+", result.All);
        using var store = CtsStore.Open(Path.Combine(temp.Directory, "store"));
        var counts = store.Messages.Counts();
        Assert.Equal(good.Length + 1, counts.Messages);
        Assert.Equal(1, counts.Rejected);
        Assert.Equal(120, counts.Consignments);
    }

    [Fact]
    public void AMissingFileIsNamedOnceByThePathGiven()
    {
        using var temp = new TempStore();
        temp.Store.Dispose();

        var result = CtsProcess.Run(temp.Directory, "ingest", "--data", "store", "--dry-run", "inbox/missing.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: inbox/missing.json: no such file", result.All.Trim());
    }

    [Fact]
    public void IngestingTheSameFilesTwiceStoresThemOnce()
    {
        using var temp = new TempStore();
        var inbox = Path.Combine(temp.Directory, "inbox");
        SampleWriter.Write(inbox, new SampleGenerator(6).GenerateWithTruth(60), 6);
        temp.Store.Dispose();
        Assert.Equal(0, CtsProcess.Run(temp.Directory, "ingest", "--data", "store", "inbox/consignments").ExitCode);
        var again = CtsProcess.Run(temp.Directory, "ingest", "--data", "store", "inbox/consignments", "--json");
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("\"outcome\":\"stored\"", again.Out, StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"duplicate\"", again.Out, StringComparison.Ordinal);
        using var store = CtsStore.Open(Path.Combine(temp.Directory, "store"));
        Assert.Equal(60, store.Messages.Counts().Versions);
    }

    [Fact]
    public void ADryRunPrintsTheConsignmentsAndStoresNothing()
    {
        using var temp = new TempStore();
        var inbox = Path.Combine(temp.Directory, "inbox");
        SampleWriter.Write(inbox, new SampleGenerator(7).GenerateWithTruth(10), 7);
        var result = CtsProcess.Run(temp.Directory, "ingest", "--data", "other", "--dry-run", "--json", "inbox/consignments");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(10, result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.False(Directory.Exists(Path.Combine(temp.Directory, "other")));
    }
}
