using System.Text.Json;
using OpenCts.Tests.Shared;

namespace OpenCts.Cli.Tests;

/// <summary><c>cts watchlists load</c> and <c>allow</c>, and <c>cts screen</c> against what they stored, run as real processes.</summary>
public class WatchlistsCommandTests
{
    private static string Lists => RepositoryData.PathOf("watchlists");

    [Fact]
    public void ScreeningTheStoreGivesTheSameBestHitsAsScreeningTheListFiles()
    {
        using var temp = new TempFolder();
        var names = Path.Combine(temp.Directory, "names.txt");
        File.WriteAllLines(names, ["Banco Nacional de Cuba", "Maria Jansen Bakkerij", "HAMAS", "Rosneft", "Sinwar Yahya", "Mohammed Deif", "Tamas Company"]);

        var load = CtsProcess.Run(temp.Directory, "watchlists", "load", Lists, "--data", "store");
        var fromStore = CtsProcess.Run(temp.Directory, "screen", "--file", names, "--data", "store", "--json");
        var fromFiles = CtsProcess.Run(temp.Directory, "screen", "--file", names, "--lists", Lists, "--json");

        Assert.True(load.ExitCode == 0, load.All);
        Assert.Contains("ofac-sdn", load.Out, StringComparison.Ordinal);
        Assert.Contains("un-consolidated", load.Out, StringComparison.Ordinal);
        Assert.True(fromStore.ExitCode == 0, fromStore.All);
        Assert.True(fromFiles.ExitCode == 0, fromFiles.All);
        var stored = JsonLines(fromStore.Out);
        var files = JsonLines(fromFiles.Out);
        Assert.Equal(7, stored.Count);
        Assert.Equal(files.Select(Summary), stored.Select(Summary));
        Assert.Equal(6, stored.Count(l => l.GetProperty("alert").GetBoolean()));

        static string Summary(JsonElement line)
        {
            var hits = line.GetProperty("hits");
            var best = hits.GetArrayLength() == 0 ? "none"
                : $"{hits[0].GetProperty("list").GetString()} {hits[0].GetProperty("id").GetString()} {hits[0].GetProperty("score").GetDouble()}";
            return $"{line.GetProperty("query").GetString()}: alert {line.GetProperty("alert").GetBoolean()}, best {best}";
        }
    }

    [Fact]
    public void AMalformedListFileIsNamedWithItsLineAndNothingOfTheLoadIsStored()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, CtsProcess.Run(temp.Directory, "watchlists", "load", Lists, "--data", "store").ExitCode);
        var before = CtsProcess.Run(temp.Directory, "watchlists", "list", "--data", "store").Out;
        var folder = Path.Combine(temp.Directory, "update");
        Directory.CreateDirectory(folder);
        // A good list of our own beside an OFAC-like primary file whose third row has 4 fields instead of 12.
        File.WriteAllText(Path.Combine(folder, "national.csv"), "list,id,name\nnational-test,NT-1,Periwinkle Basalt Holdings\n");
        File.WriteAllText(Path.Combine(folder, "sdn-update.csv"), """
            990001,"ZEBRA QUILL TRADING LLC",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-
            990002,"ORCHID LANTERN SHIPPING",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-
            990003,"MARIGOLD TUNDRA","individual","SDGT"
            990004,"CINNABAR FJORD LINES",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-
            """);

        var load = CtsProcess.Run(temp.Directory, "watchlists", "load", "update", "--data", "store");

        Assert.NotEqual(0, load.ExitCode);
        Assert.Contains("sdn-update.csv:3:", load.All, StringComparison.Ordinal);
        Assert.Contains("expected 12 fields, found 4", load.All, StringComparison.Ordinal);
        var names = Path.Combine(temp.Directory, "names.txt");
        File.WriteAllLines(names, ["Zebra Quill Trading LLC", "Periwinkle Basalt Holdings", "Banco Nacional de Cuba"]);
        var screen = CtsProcess.Run(temp.Directory, "screen", "--file", names, "--data", "store", "--json");
        Assert.True(screen.ExitCode == 0, screen.All);
        var lines = JsonLines(screen.Out);
        Assert.Equal([false, false, true], lines.Select(l => l.GetProperty("alert").GetBoolean()));
        Assert.DoesNotContain("national-test", screen.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("990001", screen.Out, StringComparison.Ordinal);
        Assert.Equal("ofac-sdn", lines[2].GetProperty("hits")[0].GetProperty("list").GetString());
        Assert.Equal(before, CtsProcess.Run(temp.Directory, "watchlists", "list", "--data", "store").Out);
    }

    [Fact]
    public void AnAllowDecisionSuppressesOnlyThatPartyAndEntry()
    {
        using var temp = new TempFolder();
        // Two entries share a name, so one party hits both of them.
        File.WriteAllText(Path.Combine(temp.Directory, "national.csv"), """
            list,id,name
            national-test,NT-1,Solstice Harbour Logistics
            national-test,NT-2,Quillon Fenwick Metals
            national-test,NT-3,Quillon Fenwick Metals
            """);
        Assert.Equal(0, CtsProcess.Run(temp.Directory, "watchlists", "load", "national.csv", "--data", "store").ExitCode);

        var first = CtsProcess.Run(temp.Directory, "watchlists", "allow", "--data", "store",
            "--party", "Solstice Harbour Logistics", "--list", "national-test", "--entry", "NT-1", "--by", "j.smit", "--why", "another company, registered in Oslo in 2019");
        var second = CtsProcess.Run(temp.Directory, "watchlists", "allow", "--data", "store",
            "--party", "Quillon Fenwick Metals", "--list", "national-test", "--entry", "NT-2", "--by", "j.smit", "--why", "different trade register number");

        Assert.True(first.ExitCode == 0, first.All);
        Assert.True(second.ExitCode == 0, second.All);
        var names = Path.Combine(temp.Directory, "names.txt");
        File.WriteAllLines(names, ["SOLSTICE HARBOUR LOGISTICS", "Solstice Harbor Logistics", "Quillon Fenwick Metals"]);
        var screen = CtsProcess.Run(temp.Directory, "screen", "--file", names, "--data", "store", "--json");
        Assert.True(screen.ExitCode == 0, screen.All);
        var lines = JsonLines(screen.Out);

        // The same party, written in capitals: the hit stays, marked, and no longer alerts.
        Assert.False(lines[0].GetProperty("alert").GetBoolean());
        var allowed = Assert.Single(lines[0].GetProperty("hits").EnumerateArray());
        Assert.Equal("NT-1", allowed.GetProperty("id").GetString());
        Assert.Equal("j.smit", allowed.GetProperty("allowedBy").GetProperty("by").GetString());
        Assert.Equal("another company, registered in Oslo in 2019", allowed.GetProperty("allowedBy").GetProperty("why").GetString());

        // Another party with a similar name still alerts on that entry.
        Assert.True(lines[1].GetProperty("alert").GetBoolean());
        var similar = Assert.Single(lines[1].GetProperty("hits").EnumerateArray());
        Assert.Equal("NT-1", similar.GetProperty("id").GetString());
        Assert.False(similar.TryGetProperty("allowedBy", out _));

        // The same party still alerts on the other entry of the same name.
        Assert.True(lines[2].GetProperty("alert").GetBoolean());
        var hits = lines[2].GetProperty("hits").EnumerateArray().ToDictionary(h => h.GetProperty("id").GetString()!, h => h.TryGetProperty("allowedBy", out _));
        Assert.Equal(new Dictionary<string, bool> { ["NT-2"] = true, ["NT-3"] = false }, hits);

        // Screening the list file, not the store, knows nothing of the decisions.
        var files = CtsProcess.Run(temp.Directory, "screen", "--file", names, "--lists", "national.csv", "--json");
        Assert.All(JsonLines(files.Out), l => Assert.True(l.GetProperty("alert").GetBoolean()));
    }

    [Fact]
    public void AnAllowDecisionOutlivesReloadingTheList()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "national.csv"), "list,id,name\nnational-test,NT-1,Solstice Harbour Logistics\n");
        Assert.Equal(0, CtsProcess.Run(temp.Directory, "watchlists", "load", "national.csv", "--data", "store").ExitCode);
        Assert.Equal(0, CtsProcess.Run(temp.Directory, "watchlists", "allow", "--data", "store",
            "--party", "Solstice Harbour Logistics", "--list", "national-test", "--entry", "NT-1", "--by", "j.smit", "--why", "another company").ExitCode);

        var reload = CtsProcess.Run(temp.Directory, "watchlists", "load", "national.csv", "--data", "store");

        Assert.True(reload.ExitCode == 0, reload.All);
        var screen = CtsProcess.Run(temp.Directory, "screen", "--name", "Solstice Harbour Logistics", "--data", "store", "--json");
        var line = Assert.Single(JsonLines(screen.Out));
        Assert.False(line.GetProperty("alert").GetBoolean());
        Assert.Equal("j.smit", line.GetProperty("hits")[0].GetProperty("allowedBy").GetProperty("by").GetString());
    }

    [Fact]
    public void AllowingAnEntryTheStoreDoesNotHoldFailsAndRecordsNothing()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "national.csv"), "list,id,name\nnational-test,NT-1,Solstice Harbour Logistics\n");
        Assert.Equal(0, CtsProcess.Run(temp.Directory, "watchlists", "load", "national.csv", "--data", "store").ExitCode);

        var allow = CtsProcess.Run(temp.Directory, "watchlists", "allow", "--data", "store",
            "--party", "Solstice Harbour Logistics", "--list", "national-test", "--entry", "NT-9", "--by", "j.smit", "--why", "typo in the entry");

        Assert.Equal(2, allow.ExitCode);
        Assert.Contains("no entry NT-9 in list national-test", allow.All, StringComparison.Ordinal);
        var screen = CtsProcess.Run(temp.Directory, "screen", "--name", "Solstice Harbour Logistics", "--data", "store", "--json");
        Assert.True(Assert.Single(JsonLines(screen.Out)).GetProperty("alert").GetBoolean());
    }

    private static List<JsonElement> JsonLines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => JsonDocument.Parse(l).RootElement)];
}
