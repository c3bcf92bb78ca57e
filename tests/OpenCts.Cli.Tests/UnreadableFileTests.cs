
namespace OpenCts.Cli.Tests;

/// <summary>Files named on the command line that are missing or not what they should be: one line in OpenCTS's words, naming the file as the user gave it and a place only where there is one.</summary>
public class UnreadableFileTests
{
    public static TheoryData<string[]> CommandsGivenAMissingFile => new()
    {
        new[] { "examinations", "import", "missing.csv", "--data", "store" },
        new[] { "model", "train", "--train", "missing.csv", "--data", "store" },
        new[] { "model", "evaluate", "--train", "missing.csv", "--valid", "missing.csv", "--test", "missing.csv" },
        new[] { "ledger", "verify-record", "missing.csv", "record.bin", "--vkey", "unused" },
    };

    [Theory]
    [MemberData(nameof(CommandsGivenAMissingFile))]
    public void AMissingFileIsNamedAsGivenWithoutAPlaceInIt(string[] command)
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "record.bin"), "record");

        var run = CtsProcess.Run(temp.Directory, command);

        Assert.True(run.ExitCode == 2, run.All);
        Assert.Equal("error: missing.csv: no such file", CtsProcess.OneLine(run));
    }

    [Theory]
    [InlineData("not json\n", @"error: bundle.json: line 1, column 2: 'not json\n' is an invalid JSON literal. Expected the literal 'null'.")]
    [InlineData("{\"format\":\n  x}", "error: bundle.json: line 2, column 3: $.format: 'x' is an invalid start of a value.")]
    [InlineData("{\"format\":\"opencts.ledger-proof/v1\",\"leafIndex\":\"x\"}", "error: bundle.json: line 1, column 52: $.leafIndex: the value is not of the type this field holds")]
    [InlineData("{\"format\":\"opencts.ledger-proof/v1\"}", "error: bundle.json: \"recordKind\" is missing")]
    public void AProofBundleThatIsNotABundleIsReportedWithItsLineAndColumnCountedFromOne(string bundle, string error)
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "bundle.json"), bundle);
        File.WriteAllText(Path.Combine(temp.Directory, "record.bin"), "record");

        var run = CtsProcess.Run(temp.Directory, "ledger", "verify-record", "bundle.json", "record.bin", "--vkey", "unused");

        Assert.True(run.ExitCode == 2, run.All);
        Assert.Equal(error, CtsProcess.OneLine(run));
    }
}
