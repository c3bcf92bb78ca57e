using OpenCts.Tests.Shared;

namespace OpenCts.Cli.Tests;

/// <summary>The <c>--data</c> folder: commands that only read want a store there and create none; commands that write create it.</summary>
public class StoreFolderTests
{
    private static string SampleProfiles => Path.Combine(RepositoryData.RepositoryRoot, "samples", "profiles", "national-profiles.json");

    public static TheoryData<string[]> CommandsThatOnlyRead => new()
    {
        new[] { "targets" },
        new[] { "history", "MAEU1" },
        new[] { "watchlists", "list" },
        new[] { "watchlists", "allow", "--party", "Delta", "--list", "ofac-sdn", "--entry", "1", "--by", "tests", "--why", "tests" },
        new[] { "ledger", "prove", "message:1" },
        new[] { "ledger", "audit" },
        new[] { "ledger", "checkpoint" },
        new[] { "model", "list" },
        new[] { "profiles", "backtest", SampleProfiles },
    };

    [Theory]
    [MemberData(nameof(CommandsThatOnlyRead))]
    public void ACommandThatOnlyReadsRefusesAFolderWithoutAStoreAndCreatesNothing(string[] command)
    {
        using var temp = new TempFolder();

        var run = CtsProcess.Run(temp.Directory, [.. command, "--data", "tpyo"]);

        Assert.True(run.ExitCode == 2, run.All);
        Assert.Equal("error: no OpenCTS store at tpyo (run cts assess or cts ingest first)", CtsProcess.OneLine(run));
        Assert.False(Directory.Exists(Path.Combine(temp.Directory, "tpyo")), "the command created the folder");
    }

    [Fact]
    public void ACommandThatOnlyReadsWorksOnAStoreThatIsThere()
    {
        using var temp = new TempFolder();
        OpenCts.Storage.Sqlite.SqliteStore.Open(temp.Directory, OpenCts.Storage.Sqlite.SqliteLedgerJournal.Instance).Dispose();

        var run = CtsProcess.Run(temp.Directory, "targets", "--data", ".");

        Assert.True(run.ExitCode == 0, run.All);
    }

    [Fact]
    public void BacktestingABadProfileFileLeavesNoStoreBehind()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "broken.json"), "{\"profiles\": [,]}");

        var run = CtsProcess.Run(temp.Directory, "profiles", "backtest", "broken.json", "--data", "fresh");

        Assert.True(run.ExitCode == 2, run.All);
        Assert.StartsWith("error: broken.json: line 1, column ", CtsProcess.OneLine(run), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.Directory, "fresh")), "the command created the store");
    }

    [Fact]
    public void ACommandThatWritesCreatesTheStore()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "results.csv"), "documentKey,outcome,amountRecovered,examinedAt\nBL-1,compliant,0,2026-03-01T10:00:00Z\n");

        var run = CtsProcess.Run(temp.Directory, "examinations", "import", "results.csv", "--data", "fresh");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.True(File.Exists(Path.Combine(temp.Directory, "fresh", "cts.db")));
    }
}
