using OpenCts.Application.Assessing;
using OpenCts.Domain.Assessments;

namespace OpenCts.Application.Tests.Reports;

public class OperationsReportsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<TestApplication> AssessedSamplesAsync()
    {
        var test = new TestApplication();
        await test.Application.Bundles.LoadAsync([Path.Combine(TestApplication.Sample())], null, Token);
        await test.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
        return test;
    }

    [Fact]
    public async Task VolumesCountEveryConsignmentInForceOncePerSplitAndDay()
    {
        await using var test = await AssessedSamplesAsync();
        var targets = await test.Store.Assessments.TargetsAsync(int.MaxValue, Lane.Green, Token);

        var volumes = await test.Application.Dashboard.VolumesAsync(Token);

        Assert.Equal(volumes.Days.Order(), volumes.Days);
        Assert.Equal(["red", "yellow", "green"], volumes.Lanes.Select(s => s.Name).Where(n => n is "red" or "yellow" or "green"));
        foreach (var split in new[] { volumes.Lanes, volumes.Modes, volumes.Ports })
        {
            Assert.All(split, s => Assert.Equal(volumes.Days.Count, s.Counts.Count));
            Assert.Equal(targets.Count, split.Sum(s => s.Counts.Sum()));
        }
        Assert.Equal(targets.Count(t => t.Assessment.Lane == Lane.Red), volumes.Lanes.Single(s => s.Name == "red").Counts.Sum());
        Assert.Contains(volumes.Modes, s => s.Name == "sea");
    }

    [Fact]
    public async Task AProfilesDaysAndItsThreatAddUpToItsEffectiveness()
    {
        await using var test = await AssessedSamplesAsync();
        var app = test.Application;
        var hit = (await test.Store.Assessments.TargetsAsync(int.MaxValue, Lane.Green, Token))
            .Where(t => t.Assessment.Reasons.Any(r => r.Kind == ReasonKind.Profile)).ToList();
        var profile = hit[0].Assessment.Reasons.First(r => r.Kind == ReasonKind.Profile).Code;
        var examined = hit.Where(t => t.Assessment.Reasons.Any(r => r.Kind == ReasonKind.Profile && r.Code == profile)).Take(2).ToList();
        await app.ExaminationResults.RecordAsync(examined[0].Assessment.DocumentKey, "seizure", 1200m, "EUR", 3m, "found", Token);
        await app.ExaminationResults.RecordAsync(examined[1].Assessment.DocumentKey, "no-find", null, null, null, "nothing", Token);

        var report = (await app.Reports.ReportAsync(Token)).Single(r => r.ProfileId == profile);
        var days = await app.Dashboard.ProfileHistoryAsync(profile, Token);

        Assert.Equal((report.Hits, report.Examined, report.Positives, report.RevenueRecovered),
            (days.Sum(d => d.Hits), days.Sum(d => d.Examined), days.Sum(d => d.Positives), days.Sum(d => d.RevenueRecovered)));
        Assert.Equal((2, 1, 1200m), (report.Examined, report.Positives, report.RevenueRecovered));
        var category = (await app.Profiles.LatestAsync(profile, Token))!.Category.ToString();
        var threat = (await app.Dashboard.ThreatsAsync(Token)).Single(t => string.Equals(t.Threat.Replace("-", "", StringComparison.Ordinal), category, StringComparison.OrdinalIgnoreCase));
        Assert.True(threat.Hits >= report.Hits);
        Assert.True(threat.Positives >= 1 && threat.HitRate > 0);
    }

    [Fact]
    public async Task ModelPrecisionCountsOnlyExaminedConsignmentsTheModelPutForward()
    {
        await using var test = await AssessedSamplesAsync();
        var targets = await test.Store.Assessments.TargetsAsync(int.MaxValue, Lane.Green, Token);
        Assert.Empty(await test.Application.Dashboard.ModelPrecisionAsync(Token));
        var (flagged, low, plain) = (targets[0].Assessment, targets[1].Assessment, targets[2].Assessment);
        Reason Model(double probability) => new(ReasonKind.Model, "model-1", "Risk model", probability * 50, "", Probability: probability);
        await test.Store.Assessments.SaveAsync(
            [flagged with { Reasons = [.. flagged.Reasons, Model(0.9)] }, low with { Reasons = [.. low.Reasons, Model(0.1)] }], Token);
        foreach (var a in new[] { flagged, low, plain })
        {
            await test.Application.ExaminationResults.RecordAsync(a.DocumentKey, a == flagged ? "seizure" : "no-find", null, null, null, null, Token);
        }

        var point = Assert.Single(await test.Application.Dashboard.ModelPrecisionAsync(Token));

        Assert.Equal((1, 1, 1.0, 1.0), (point.Examined, point.Positives, point.Precision, point.CumulativePrecision));
    }
}
