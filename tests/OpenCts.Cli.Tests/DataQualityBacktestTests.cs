using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenCts.Tests.Shared;

namespace OpenCts.Cli.Tests;

/// <summary>A data-quality profile tried over the stored history of the samples, as an analyst would before submitting it.</summary>
public class DataQualityBacktestTests
{
    [Fact]
    public void ADataQualityProfileBacktestsOverTheSamplesAndHitsEveryConsignmentWithThoseFindings()
    {
        using var temp = new TempFolder();
        var samples = Path.Combine(RepositoryData.RepositoryRoot, "samples");
        Assert.Equal(0, CtsProcess.Run(temp.Directory, "assess", samples, "--data", "store", "--quiet").ExitCode);
        var profile = Path.Combine(temp.Directory, "dq.json");
        File.WriteAllText(profile, """
            {"profiles": [{
              "id": "DQ-900", "name": "Vague description or unknown HS code", "category": "dataQuality",
              "criteria": "dataQuality.has(\"goods.hsCode\") or any goods: goods.descriptionVague",
              "weight": 15, "action": "yellowLane", "owner": "risk-unit", "status": "draft"
            }]}
            """);

        var run = CtsProcess.Run(temp.Directory, "profiles", "backtest", profile, "--data", "store");

        Assert.True(run.ExitCode == 0, run.All);
        var row = Regex.Match(run.Out, @"DQ-900 \(v1, draft\)\s*│\s*([\d,]+)\s*│\s*([\d,]+)\s*│");
        Assert.True(row.Success, run.Out);
        var hits = int.Parse(row.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        // Every consignment whose assessment shows an HS-code or vague-description finding, and no other.
        var expected = CtsProcess.Run(temp.Directory, "targets", "--data", "store", "--json", "--top", "100000").Out
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Count(line => JsonDocument.Parse(line).RootElement.GetProperty("assessment").GetProperty("reasons").EnumerateArray()
                .Any(r => r.GetProperty("kind").GetString() == "dataQuality" && r.GetProperty("evidence").EnumerateArray()
                    .Any(e => e.GetProperty("criterion").GetString() is "hs-unknown" or "description-vague")));
        Assert.True(expected > 0, "the samples hold consignments with such findings");
        Assert.Equal(expected, hits);
    }
}
