
namespace OpenCts.Cli.Tests;

/// <summary><c>cts samples generate</c>, run as a real process.</summary>
public class SamplesCommandTests
{
    [Fact]
    public void AnOutputFolderThatCannotBeMadeIsOneErrorLineNotAStackTrace()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "a-file"), "");

        var run = CtsProcess.Run(temp.Directory, "samples", "generate", "--out", "a-file", "--consignments", "5");

        Assert.True(run.ExitCode == 2, run.All);
        var line = Assert.Single(run.All.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: a-file: cannot write the samples there: ", line, StringComparison.Ordinal);
    }
}
