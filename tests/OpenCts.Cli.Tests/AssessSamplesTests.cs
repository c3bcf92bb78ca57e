using System.Text.Json;
using OpenCts.Storage;
using OpenCts.Tests.Shared;

namespace OpenCts.Cli.Tests;

/// <summary>The README's main job, end to end on a real SQLite file: ingest the bundled samples, assess, show the targets.</summary>
public class AssessSamplesTests
{
    [Fact]
    public async Task AssessingTheBundledSamplesFindsThePlantedRisksWithTheirReasons()
    {
        using var temp = new TempFolder();
        var samples = Path.Combine(RepositoryData.RepositoryRoot, "samples");

        var run = CtsProcess.Run(temp.Directory, "assess", samples, "--data", "store");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("RED", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"Assessed 1\d\d\d consignments", run.Out);

        var targets = CtsProcess.Run(temp.Directory, "targets", "--data", "store", "--json", "--top", "1000", "--lane", "yellow");
        var flagged = targets.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("assessment"))
            .ToDictionary(a => a.GetProperty("documentKey").GetString()!, a => a);
        var planted = File.ReadLines(Path.Combine(samples, "ground-truth.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        var found = planted.Count(flagged.ContainsKey);
        Assert.True(found >= planted.Count * 0.85, $"only {found} of {planted.Count} planted risks reached the yellow or red lane");
        Assert.True(flagged.Count < 200, $"{flagged.Count} of 1000 consignments flagged: the profiles are not selective");
        Assert.All(flagged.Values, a => Assert.NotEqual(0, a.GetProperty("reasons").GetArrayLength()));

        await using var store = OpenCts.Storage.Sqlite.SqliteStore.Open(Path.Combine(temp.Directory, "store"), OpenCts.Storage.Sqlite.SqliteLedgerJournal.Instance);
        Assert.InRange((await store.Messages.CountsAsync(TestContext.Current.CancellationToken)).Consignments, 1000, 1100);
        Assert.Empty((await store.Messages.PendingAssessmentAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public void AssessingTwiceAssessesOnlyWhatIsNew()
    {
        using var temp = new TempFolder();
        var samples = Path.Combine(RepositoryData.RepositoryRoot, "samples");
        Assert.Equal(0, CtsProcess.Run(temp.Directory, "assess", samples, "--data", "store", "--quiet").ExitCode);
        var again = CtsProcess.Run(temp.Directory, "assess", samples, "--data", "store", "--quiet");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Assessed 0 consignments", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AProfileWithAMisspeltFieldIsRejectedWithItsFileAndPlace()
    {
        using var temp = new TempFolder();
        var bundle = Path.Combine(temp.Directory, "bundle");
        Directory.CreateDirectory(Path.Combine(bundle, "profiles"));
        File.WriteAllText(Path.Combine(bundle, "profiles", "bad.json"), """
            {"profiles": [{"id": "X-1", "name": "typo", "category": "other", "criteria": "consigne.country == \"NL\"", "weight": 10, "action": "yellowLane", "owner": "tests"}]}
            """);
        var run = CtsProcess.Run(temp.Directory, "assess", "bundle", "--data", "store");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.json: profile X-1: criteria line 1, column 1", run.All.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("consignee.country", run.All.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
