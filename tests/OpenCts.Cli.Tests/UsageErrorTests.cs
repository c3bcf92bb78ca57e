
namespace OpenCts.Cli.Tests;

/// <summary>Mistakes on the command line itself: one error line, exit 2, and the command does not run with defaults in their place.</summary>
public class UsageErrorTests
{
    [Theory]
    [InlineData(new[] { "profiles", "fields", "--bogus" }, "error: Unknown option 'bogus'.")]
    [InlineData(new[] { "ledger", "serve", "--port", "abc", "--listen", "http://127.0.0.1:0" }, "error: Unknown option 'port'.")]
    [InlineData(new[] { "targets", "--data", "store", "--topp", "3" }, "error: Unknown option 'topp'.")]
    public void AnOptionTheCommandDoesNotKnowIsRejectedInsteadOfIgnored(string[] command, string error)
    {
        using var temp = new TempFolder();

        var run = CtsProcess.Run(temp.Directory, command);

        Assert.True(run.ExitCode == 2, run.All);
        Assert.Equal(error, CtsProcess.OneLine(run));
    }

    [Theory]
    [InlineData(new[] { "samples", "generate", "--consignments", "abc" }, "error: --consignments: 'abc' is not a whole number")]
    [InlineData(new[] { "samples", "generate", "--risk-share=lots" }, "error: --risk-share: 'lots' is not a number, such as 0.5")]
    [InlineData(new[] { "profiles", "test", "criteria.txt", "--sample", "ten" }, "error: --sample: 'ten' is not a whole number")]
    [InlineData(new[] { "model", "train", "--learner", "forest" }, "error: --learner: 'forest' is not one of LightGbm, FastTree")]
    public void AValueAnOptionCannotTakeIsReportedWithTheOptionAndWhatItTakes(string[] command, string error)
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "criteria.txt"), "mode == \"Sea\"");

        var run = CtsProcess.Run(temp.Directory, command);

        Assert.True(run.ExitCode == 2, run.All);
        Assert.Equal(error, CtsProcess.OneLine(run));
    }
}
