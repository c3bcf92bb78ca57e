
namespace OpenCts.Cli.Tests;

/// <summary>Profile commands given files they cannot read: one error line that names the file and the place, exit 2 (1 for errors in criteria), never a stack trace.</summary>
public partial class ProfilesCommandTests
{
    public static TheoryData<string[]> EveryProfileCommand => new()
    {
        new[] { "profiles", "check" },
        new[] { "profiles", "test", "--sample", "5" },
        new[] { "profiles", "json" },
        new[] { "profiles", "backtest", "--data", "store" },
    };

    [Theory]
    [MemberData(nameof(EveryProfileCommand))]
    public void AProfileFileThatIsNotJsonIsReportedWithItsLineAndColumn(string[] command)
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "broken.json"), """
            {"profiles": [
              {"id": "X-1", "name": "broken", "category": "other",, "criteria": "mode == \"Sea\""}
            ]}
            """);

        var run = CtsProcess.Run(temp.Directory, [.. command.Take(2), "broken.json", .. command.Skip(2)]);

        Assert.True(run.ExitCode == 2, run.All);
        Assert.Equal("error: broken.json: line 2, column 55: ',' is an invalid start of a property name. Expected a '\"'.", CtsProcess.OneLine(run));
    }

    [Theory]
    [MemberData(nameof(EveryProfileCommand))]
    public void AMissingProfileFileIsReportedByName(string[] command)
    {
        using var temp = new TempFolder();

        var run = CtsProcess.Run(temp.Directory, [.. command.Take(2), "missing.json", .. command.Skip(2)]);

        Assert.True(run.ExitCode == 2, run.All);
        Assert.Equal("error: missing.json: no such file", CtsProcess.OneLine(run));
    }

    [Fact]
    public void AProfileWithoutARequiredFieldIsReportedWithItsJsonPath()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "no-weight.json"), """
            {"profiles": [{"id": "X-1", "name": "no weight", "category": "other", "criteria": "mode == \"Sea\"", "action": "yellowLane", "owner": "tests"}]}
            """);

        var run = CtsProcess.Run(temp.Directory, "profiles", "test", "no-weight.json", "--sample", "5");

        Assert.True(run.ExitCode == 2, run.All);
        Assert.Equal("error: no-weight.json: profiles[0].weight: is required", CtsProcess.OneLine(run));
    }

    [Fact]
    public void ACriteriaSyntaxErrorInProfilesJsonIsReportedWithTheProfileAndItsPlace()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "unfinished.txt"), "mode ==");

        var run = CtsProcess.Run(temp.Directory, "profiles", "json", "unfinished.txt");

        Assert.True(run.ExitCode == 1, run.All);
        Assert.Equal("error: unfinished.txt: profile unfinished: line 1, column 8: expected a field, a value, a list, a function call or '(', but found the end of the criteria", CtsProcess.OneLine(run));
    }

    [Theory]
    [InlineData("""{"field": "mode", "op": "==", "value": "Sea" """, "error: form.json: line 2, column 1: the criteria are not valid JSON")]
    [InlineData("""{"field": "mode", "op": "~~", "value": "Sea"}""", "error: form.json: $.op: unknown operator '~~'; the operators are ==, !=, <, <=, >, >=, in, not in, startsWith, endsWith, contains, matches and between")]
    public void ABadJsonCriteriaFormIsReportedWithTheFileAndThePlace(string form, string error)
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "form.json"), form + "\n");

        var run = CtsProcess.Run(temp.Directory, "profiles", "json", "form.json", "--from-json");

        Assert.True(run.ExitCode == 2, run.All);
        Assert.Equal(error, CtsProcess.OneLine(run));
    }

    [Theory]
    [InlineData(new[] { "--consignments", "missing.json" }, "error: missing.json: no such file")]
    [InlineData(new[] { "--consignments", "criteria.txt" }, "error: criteria.txt: not a message format the CLI reads")]
    [InlineData(new[] { "--sample", "5", "--lists", "no-lists" }, "error: no-lists: no such folder of reference lists")]
    [InlineData(new[] { "--sample", "5", "--now", "tomorrow" }, "error: --now: 'tomorrow' is not a date and time such as 2026-11-28T12:00:00Z")]
    public void TestingProfilesOnInputsThatCannotBeReadIsReportedInOneLine(string[] options, string error)
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "criteria.txt"), "mode == \"Sea\"");

        var run = CtsProcess.Run(temp.Directory, ["profiles", "test", "criteria.txt", .. options]);

        Assert.True(run.ExitCode == 2, run.All);
        Assert.Equal(error, CtsProcess.OneLine(run));
    }
}
