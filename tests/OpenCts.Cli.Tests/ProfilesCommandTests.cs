using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenCts.Tests.Shared;

namespace OpenCts.Cli.Tests;

/// <summary><c>cts profiles check</c>, <c>test</c>, <c>json</c> and <c>backtest</c> on the bundled sample profiles, run as real processes.</summary>
public partial class ProfilesCommandTests
{
    private static string Samples => Path.Combine(RepositoryData.RepositoryRoot, "samples");

    private static string SampleProfiles => Path.Combine(Samples, "profiles", "national-profiles.json");

    private static string ReferenceLists => Path.Combine(Samples, "reference-lists");

    [Fact]
    public void TheSampleProfilesAreSoundAgainstTheSampleReferenceLists()
    {
        using var temp = new TempFolder();

        var run = CtsProcess.Run(temp.Directory, "profiles", "check", SampleProfiles, "--lists", ReferenceLists);

        Assert.True(run.ExitCode == 0, run.All);
        var count = SampleProfileIds().Count;
        Assert.Contains($"{count} of {count} profiles are sound", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("error", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public void AMisspeltFieldFailsTheCheckWithItsLineColumnAndTheFieldMeant()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "typo.json"), """
            {"profiles": [
              {"id": "X-1", "name": "typo", "category": "other", "criteria": "mode == \"Sea\"\nand consigne.country == \"NL\"", "weight": 10, "action": "yellowLane", "owner": "tests"},
              {"id": "X-2", "name": "sound", "category": "other", "criteria": "mode == \"Sea\"", "weight": 10, "action": "yellowLane", "owner": "tests"}
            ]}
            """);

        var run = CtsProcess.Run(temp.Directory, "profiles", "check", "typo.json", "--lists", ReferenceLists);

        Assert.Equal(1, run.ExitCode);
        var text = run.All.Replace("\n", "", StringComparison.Ordinal);
        Assert.Contains("typo.json: profile X-1: line 2, column 5: unknown field 'consigne.country'", text, StringComparison.Ordinal);
        Assert.Contains("did you mean 'consignee.country'?", text, StringComparison.Ordinal);
        Assert.DoesNotContain("X-2", text, StringComparison.Ordinal);
        Assert.Contains("1 of 2 profiles are sound", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownReferenceListIsReportedWithTheNearestListName()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "criteria.txt"), "placeOfLoading.country in list(\"cocaine-source-countrie\")");

        var run = CtsProcess.Run(temp.Directory, "profiles", "check", "criteria.txt", "--lists", ReferenceLists);

        Assert.Equal(1, run.ExitCode);
        var text = run.All.Replace("\n", "", StringComparison.Ordinal);
        Assert.Contains("line 1, column 32: unknown reference list 'cocaine-source-countrie'", text, StringComparison.Ordinal);
        Assert.Contains("did you mean 'cocaine-source-countries'?", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TestingTheSampleProfilesOnGeneratedConsignmentsShowsEachHitWithItsEvidence()
    {
        using var temp = new TempFolder();

        var run = CtsProcess.Run(temp.Directory, "profiles", "test", SampleProfiles, "--sample", "300", "--lists", ReferenceLists, "--now", "2026-11-28T12:00:00Z", "--show", "10");

        Assert.True(run.ExitCode == 0, run.All);
        var lines = run.Out.Split('\n');
        var shown = lines.Select((line, i) => (Line: line, Index: i)).Where(l => MeetsLine().IsMatch(l.Line)).ToList();
        Assert.Equal(10, shown.Count);
        foreach (var (line, index) in shown)
        {
            // Each hit is followed by at least one line of evidence: field = value, then the criterion it met.
            Assert.Matches(@"^    \S+ = .+    .+$", lines[index + 1]);
        }
        var total = Regex.Match(run.Out, @"300 consignments, (\d+) hits");
        Assert.True(total.Success, run.Out);
        var rows = TableRows(run.Out);
        var ids = SampleProfileIds();
        Assert.Equal(ids, rows.Select(r => r[0]));
        Assert.Equal(int.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture), rows.Sum(r => int.Parse(r[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture)));
        Assert.True(rows.Count(r => r[1] != "0") >= ids.Count / 2, run.Out);
    }

    [Fact]
    public void TestingAFileEvaluatesItsDraftsAndProfilesAwaitingApproval()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "drafts.json"), """
            {"profiles": [
              {"id": "D-1", "name": "draft", "status": "draft", "category": "other", "criteria": "mode == \"Sea\"", "weight": 10, "action": "yellowLane", "owner": "tests"},
              {"id": "D-2", "name": "awaiting", "status": "awaitingApproval", "category": "other", "criteria": "placeOfLoading.country == \"CN\"", "weight": 10, "action": "yellowLane", "owner": "tests"},
              {"id": "D-3", "name": "from next year", "category": "other", "criteria": "mode == \"Sea\"", "weight": 10, "action": "yellowLane", "owner": "tests", "validFrom": "2099-01-01T00:00:00Z"}
            ]}
            """);
        var messages = Path.Combine(Samples, "messages", "wco-cargo-report-import.json");

        var run = CtsProcess.Run(temp.Directory, "profiles", "test", "drafts.json", "--consignments", messages);

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("OceanBillOfLading:CMDUSHA1204417 meets D-1 (draft)", run.Out, StringComparison.Ordinal);
        Assert.Contains("OceanBillOfLading:CMDUSHA1204417 meets D-2 (awaiting)", run.Out, StringComparison.Ordinal);
        // A profile is tried whatever its status and validity dates; the table says which status each has.
        Assert.Equal([("D-1", "2", "draft"), ("D-2", "2", "awaitingApproval"), ("D-3", "2", "active")], TableRows(run.Out).Select(r => (r[0], r[1], r[3])));
        Assert.Contains("2 consignments, 6 hits", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void TestingCriteriaOnAMessageFileShowsTheValuesThatMetThem()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Directory, "from-china.txt"), "placeOfLoading.country == \"CN\" and mode == \"Sea\"");
        var messages = Path.Combine(Samples, "messages", "wco-cargo-report-import.json");

        var run = CtsProcess.Run(temp.Directory, "profiles", "test", "from-china.txt", "--consignments", messages);

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("OceanBillOfLading:CMDUSHA1204417 meets from-china", run.Out, StringComparison.Ordinal);
        Assert.Contains("placeOfLoading.country = CN    placeOfLoading.country == \"CN\"", run.Out, StringComparison.Ordinal);
        Assert.Contains("mode = Sea    mode == \"Sea\"", run.Out, StringComparison.Ordinal);
        Assert.Contains("2 consignments, 2 hits", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NARC-001")] // a reference list, a quantifier over goods, a null test
    [InlineData("NARC-002")] // a literal on the left of 'in'
    [InlineData("REV-003")] // between, a number comparison
    [InlineData("IPR-002")] // contains, parentheses, or inside and
    public void TheJsonFormOfAProfileReadsBackAsTheSameCriteria(string id)
    {
        using var temp = new TempFolder();
        var forms = JsonForms(CtsProcess.Run(temp.Directory, "profiles", "json", SampleProfiles));
        Assert.Equal(SampleProfileIds(), forms.Keys);
        var json = Path.Combine(temp.Directory, $"{id}.json");
        File.WriteAllText(json, forms[id].ToJsonString());

        var back = CtsProcess.Run(temp.Directory, "profiles", "json", json, "--from-json");

        Assert.True(back.ExitCode == 0, back.All);
        var text = Path.Combine(temp.Directory, $"{id}.txt");
        File.WriteAllText(text, back.Out);
        var again = JsonForms(CtsProcess.Run(temp.Directory, "profiles", "json", text));
        Assert.True(JsonNode.DeepEquals(forms[id], Assert.Single(again.Values)), $"{forms[id].ToJsonString()}\nread back as\n{back.Out}");
        var check = CtsProcess.Run(temp.Directory, "profiles", "check", text, "--lists", ReferenceLists);
        Assert.True(check.ExitCode == 0, check.All);
    }

    [Fact]
    public void ABacktestPrintsOneRowPerProfileOfTheFileAndOneForTheActiveSet()
    {
        using var temp = new TempFolder();
        var assess = CtsProcess.Run(temp.Directory, "assess", Samples, "--data", "store", "--quiet");
        Assert.True(assess.ExitCode == 0, assess.All);
        var assessed = Regex.Match(assess.Out, @"Assessed ([\d,]+) consignments .* with (\d+) profiles");
        Assert.True(assessed.Success, assess.Out);

        var run = CtsProcess.Run(temp.Directory, "profiles", "backtest", SampleProfiles, "--data", "store");

        Assert.True(run.ExitCode == 0, run.All);
        var rows = TableRows(run.Out);
        var ids = SampleProfileIds();
        Assert.Equal(ids.Count + 1, rows.Count);
        Assert.Equal(ids, rows.Take(ids.Count).Select(r => r[0].Split(' ')[0]));
        Assert.Contains(rows, r => r[0] == "NARC-900 (v1, draft)");
        var activeSet = rows[^1];
        Assert.Equal($"active set ({assessed.Groups[2].Value} profiles)", activeSet[0]);
        Assert.All(rows, r => Assert.Equal(Number(assessed.Groups[1].Value), Number(r[1])));
        var activeHits = Number(activeSet[2]);
        var single = rows.Take(ids.Count).Where(r => r[0].EndsWith(", active)", StringComparison.Ordinal)).Select(r => Number(r[2])).ToList();
        // The active set hits a consignment when any of its profiles does: at least the best one, at most all of them together.
        Assert.InRange(activeHits, single.Max(), single.Sum());
        Assert.True(activeHits > 0, run.Out);
    }

    [Fact]
    public void ABacktestGivesEachProfileItsHitRateOnExaminedConsignments()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, CtsProcess.Run(temp.Directory, "assess", Samples, "--data", "store", "--quiet").ExitCode);
        var targets = CtsProcess.Run(temp.Directory, "targets", "--data", "store", "--json", "--top", "1000", "--lane", "yellow");
        var narcotics = targets.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("assessment"))
            .Where(a => a.GetProperty("reasons").EnumerateArray().Any(r => r.GetProperty("code").GetString() == "NARC-001"))
            .Select(a => a.GetProperty("documentKey").GetString()!)
            .ToList();
        Assert.True(narcotics.Count >= 2, targets.All);
        File.WriteAllText(Path.Combine(temp.Directory, "examinations.csv"), $"""
            documentKey,outcome,amountRecovered,examinedAt
            {narcotics[0]},irregular,0,2026-11-20T10:00:00Z
            {narcotics[1]},compliant,0,2026-11-21T10:00:00Z
            """);
        var import = CtsProcess.Run(temp.Directory, "examinations", "import", "examinations.csv", "--data", "store");
        Assert.True(import.ExitCode == 0, import.All);

        var run = CtsProcess.Run(temp.Directory, "profiles", "backtest", SampleProfiles, "--data", "store");

        Assert.True(run.ExitCode == 0, run.All);
        var rows = TableRows(run.Out);
        var narc = Assert.Single(rows, r => r[0].StartsWith("NARC-001 ", StringComparison.Ordinal));
        Assert.Equal(["2", "1", "50.0 %"], narc[5..8]);
        Assert.All(rows.Where(r => r[5] == "0"), r => Assert.Equal("-", r[7]));
        var activeSet = rows[^1];
        Assert.Equal(["2", "1", "50.0 %"], activeSet[5..8]);
    }

    private static List<string> SampleProfileIds()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(SampleProfiles));
        return [.. json.RootElement.GetProperty("profiles").EnumerateArray()
            .Select(p => p.GetProperty("id").GetString()!)];
    }

    /// <summary>The JSON forms <c>cts profiles json</c> prints, each after a <c>// ID</c> line.</summary>
    private static Dictionary<string, JsonNode> JsonForms(CtsProcess.Result run)
    {
        Assert.True(run.ExitCode == 0, run.All);
        var forms = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        string? id = null;
        var body = new List<string>();
        foreach (var line in run.Out.Split('\n').Append("// end"))
        {
            if (!line.StartsWith("// ", StringComparison.Ordinal))
            {
                body.Add(line);
                continue;
            }
            if (id is not null)
            {
                forms.Add(id, JsonNode.Parse(string.Join('\n', body))!);
            }
            id = line[3..].Trim();
            body.Clear();
        }
        return forms;
    }

    /// <summary>The body rows of the table a command drew, each cell trimmed; the header row is left out.</summary>
    private static List<string[]> TableRows(string output) =>
        [.. output.Split('\n').Where(l => l.StartsWith('│')).Skip(1).Select(l => l.Trim().Trim('│').Split('│').Select(c => c.Trim()).ToArray())];

    private static int Number(string cell) => int.Parse(cell, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\S+:\S+ meets \S+ \(.+\)$")]
    private static partial Regex MeetsLine();
}
