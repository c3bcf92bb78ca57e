using System.Text.Json;
using OpenCts.Tests.Shared;

namespace OpenCts.Cli.Tests;

/// <summary><c>cts screen</c> against the reference OFAC and UN list files (<c>--lists</c>), run as a real process.</summary>
public class ScreenCommandTests
{
    private static string Lists => RepositoryData.PathOf("watchlists");

    [Fact]
    public void AListedSdnNameAlertsWithItsEntNumAsTheHitId()
    {
        var entNum = SdnEntNum("BANCO NACIONAL DE CUBA");
        using var temp = new TempFolder();

        var run = CtsProcess.Run(temp.Directory, "screen", "--name", "Banco Nacional de Cuba", "--lists", Lists, "--json");

        Assert.True(run.ExitCode == 0, run.All);
        var line = Assert.Single(JsonLines(run.Out));
        Assert.Equal("Banco Nacional de Cuba", line.GetProperty("query").GetString());
        Assert.True(line.GetProperty("alert").GetBoolean());
        var best = line.GetProperty("hits")[0];
        Assert.Equal("ofac-sdn", best.GetProperty("list").GetString());
        Assert.Equal(entNum, best.GetProperty("id").GetString());
        Assert.Equal("BANCO NACIONAL DE CUBA", best.GetProperty("name").GetString());
        Assert.Equal(1.0, best.GetProperty("score").GetDouble());
    }

    [Fact]
    public void AnOrdinaryMadeUpNameDoesNotAlert()
    {
        using var temp = new TempFolder();

        var run = CtsProcess.Run(temp.Directory, "screen", "--name", "Maria Jansen Bakkerij", "--lists", Lists, "--json");

        Assert.True(run.ExitCode == 0, run.All);
        var line = Assert.Single(JsonLines(run.Out));
        Assert.Equal("Maria Jansen Bakkerij", line.GetProperty("query").GetString());
        Assert.False(line.GetProperty("alert").GetBoolean());
        Assert.All(line.GetProperty("hits").EnumerateArray(), hit => Assert.True(hit.GetProperty("score").GetDouble() < 0.85));
    }

    [Fact]
    public void NamesFromAFileAreAnsweredOneLineEachInInputOrderWithBlankLinesSkipped()
    {
        using var temp = new TempFolder();
        var names = Path.Combine(temp.Directory, "names.txt");
        File.WriteAllText(names, "Maria Jansen Bakkerij\nBanco Nacional de Cuba\n\n   HAMAS  \nPieter de Vries Transport\nAerocaribbean Airlines\n");

        var run = CtsProcess.Run(temp.Directory, "screen", "--file", names, "--lists", Lists, "--json");

        Assert.True(run.ExitCode == 0, run.All);
        var lines = JsonLines(run.Out);
        Assert.Equal(
            ["Maria Jansen Bakkerij", "Banco Nacional de Cuba", "HAMAS", "Pieter de Vries Transport", "Aerocaribbean Airlines"],
            lines.Select(l => l.GetProperty("query").GetString()));
        Assert.Equal([false, true, true, false, true], lines.Select(l => l.GetProperty("alert").GetBoolean()));
        Assert.Equal(SdnEntNum("HAMAS"), lines[2].GetProperty("hits")[0].GetProperty("id").GetString());
        Assert.Equal(SdnEntNum("AEROCARIBBEAN AIRLINES"), lines[4].GetProperty("hits")[0].GetProperty("id").GetString());
        Assert.All(lines, l => Assert.Equal(["query", "alert", "hits"], l.EnumerateObject().Select(p => p.Name)));
        Assert.All(lines.SelectMany(l => l.GetProperty("hits").EnumerateArray()), hit =>
        {
            Assert.False(string.IsNullOrEmpty(hit.GetProperty("list").GetString()));
            Assert.False(string.IsNullOrEmpty(hit.GetProperty("id").GetString()));
            Assert.False(string.IsNullOrEmpty(hit.GetProperty("name").GetString()));
            Assert.InRange(hit.GetProperty("score").GetDouble(), 0, 1);
        });
    }

    [Fact]
    public void TheListOptionKeepsOnlyHitsFromThatList()
    {
        using var temp = new TempFolder();

        var everyList = CtsProcess.Run(temp.Directory, "screen", "--name", "Tamas Company", "--lists", Lists, "--json");
        var unOnly = CtsProcess.Run(temp.Directory, "screen", "--name", "Tamas Company", "--lists", Lists, "--list", "un-consolidated", "--json");

        Assert.True(everyList.ExitCode == 0, everyList.All);
        Assert.True(unOnly.ExitCode == 0, unOnly.All);
        Assert.Contains(Assert.Single(JsonLines(everyList.Out)).GetProperty("hits").EnumerateArray(), h => h.GetProperty("list").GetString() == "ofac-sdn");
        var line = Assert.Single(JsonLines(unOnly.Out));
        Assert.True(line.GetProperty("alert").GetBoolean());
        Assert.All(line.GetProperty("hits").EnumerateArray(), h => Assert.Equal("un-consolidated", h.GetProperty("list").GetString()));
        Assert.Equal("TAMAS COMPANY", line.GetProperty("hits")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void AVesselIsFoundByTheImoNumberInItsSdnRemarks()
    {
        var entNum = SdnEntNum("ARTAVIL");
        using var temp = new TempFolder();

        var listed = CtsProcess.Run(temp.Directory, "screen", "--id", "IMO:9187629", "--lists", Lists, "--json");
        var anyScheme = CtsProcess.Run(temp.Directory, "screen", "--id", "*:9187629", "--lists", Lists, "--json");
        var unlisted = CtsProcess.Run(temp.Directory, "screen", "--id", "IMO:1234567", "--lists", Lists, "--json");

        Assert.True(listed.ExitCode == 0, listed.All);
        var line = Assert.Single(JsonLines(listed.Out));
        Assert.True(line.GetProperty("alert").GetBoolean());
        var hit = Assert.Single(line.GetProperty("hits").EnumerateArray());
        Assert.Equal(("ofac-sdn", entNum, "ARTAVIL"), (hit.GetProperty("list").GetString(), hit.GetProperty("id").GetString(), hit.GetProperty("name").GetString()));
        Assert.Equal(entNum, Assert.Single(JsonLines(anyScheme.Out)).GetProperty("hits")[0].GetProperty("id").GetString());
        var none = Assert.Single(JsonLines(unlisted.Out));
        Assert.False(none.GetProperty("alert").GetBoolean());
        Assert.Equal(0, none.GetProperty("hits").GetArrayLength());
    }

    [Fact]
    public void ScreeningAStoreThatDoesNotExistFailsWithAHintToLoadLists()
    {
        using var temp = new TempFolder();

        var run = CtsProcess.Run(temp.Directory, "screen", "--name", "Banco Nacional de Cuba", "--data", "nowhere", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cts watchlists load", run.All, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.Directory, "nowhere")));
    }

    /// <summary>The ent_num of a primary SDN record, read from the reference file itself.</summary>
    private static string SdnEntNum(string name)
    {
        var quoted = $",\"{name}\",";
        var row = File.ReadLines(Path.Combine(Lists, "sdn.csv")).Single(l => l.Contains(quoted, StringComparison.Ordinal));
        return row[..row.IndexOf(',', StringComparison.Ordinal)];
    }

    private static List<JsonElement> JsonLines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => JsonDocument.Parse(l).RootElement)];
}
