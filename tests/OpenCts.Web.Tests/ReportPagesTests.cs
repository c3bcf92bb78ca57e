using Microsoft.Playwright;
using OpenCts.Domain.Assessments;

namespace OpenCts.Web.Tests;

/// <summary>The effectiveness page and the dashboard draw their figures and charts.</summary>
[Collection(WebCollection.Name)]
public sealed class ReportPagesTests(WebFixture web)
{
    [Fact]
    public async Task TheEffectivenessPageShowsTheProfilesFiguresAndChartsThem()
    {
        var token = TestContext.Current.CancellationToken;
        // A consignment no other test of the shared server has examined, so that this result counts as a new examination.
        var examined = (await web.Store.Examinations.AllAsync(token)).Select(e => e.DocumentKey).ToHashSet(StringComparer.Ordinal);
        var hit = (await web.Store.Assessments.TargetsAsync(int.MaxValue, Lane.Green, token))
            .First(t => t.Assessment.Reasons.Any(r => r.Kind == ReasonKind.Profile) && !examined.Contains(t.Assessment.DocumentKey));
        var profile = hit.Assessment.Reasons.First(r => r.Kind == ReasonKind.Profile).Code;
        var before = (await web.Application.Reports.ReportAsync(token)).Single(r => r.ProfileId == profile);
        await web.Application.ExaminationResults.RecordAsync(hit.Assessment.DocumentKey, "seizure", 2500m, "EUR", 12m, "found in the second pallet", token);
        var report = (await web.Application.Reports.ReportAsync(token)).Single(r => r.ProfileId == profile);
        Assert.Equal((before.Examined + 1, before.Positives + 1), (report.Examined, report.Positives));

        await using var session = await web.SignInAsync("ana");
        var page = session.Page;
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        await page.GotoAsync($"/profiles/{Uri.EscapeDataString(profile)}/effectiveness");

        await Assertions.Expect(page.GetByTestId("hits")).ToHaveTextAsync(report.Hits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("examined")).ToHaveTextAsync(report.Examined.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("positives")).ToHaveTextAsync(report.Positives.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("hit-rate")).ToHaveTextAsync(report.HitRate!.Value.ToString("P1", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("revenue")).ToHaveTextAsync(report.RevenueRecovered.ToString("N2", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#chart-days canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#chart-rate canvas")).ToHaveCountAsync(1);
        await WebFixture.ScreenshotAsync(page, "profile-effectiveness");
        Assert.Empty(errors);
        Assert.Empty(session.Blocked);
    }

    [Fact]
    public async Task TheDashboardDrawsItsChartsWithoutAConsoleError()
    {
        await using var session = await web.SignInAsync("sue");
        var page = session.Page;
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await page.WaitForSelectorAsync("#dashboard[data-charts-ready]");
        Assert.True(await page.Locator("#dashboard").GetAttributeAsync("data-charts-ready") == "true", await page.Locator("#dashboard-error").InnerTextAsync() + string.Join("\n", errors));

        foreach (var chart in new[] { "lanes", "modes", "ports", "profiles", "threats" })
        {
            await Assertions.Expect(page.Locator($"#chart-{chart} canvas")).ToHaveCountAsync(1);
        }
        // The samples carry no examination the model put forward: the chart says so in words.
        Assert.Contains(await page.Locator("#chart-model").GetAttributeAsync("data-chart"), new[] { "drawn", "empty" });
        Assert.Contains("aria", await page.EvaluateAsync<string>("() => JSON.stringify(Object.keys(echarts.getInstanceByDom(document.getElementById('chart-lanes')).getOption()))"), StringComparison.Ordinal);
        await WebFixture.ScreenshotAsync(page, "dashboard");
        Assert.Empty(errors);
        Assert.Empty(session.Blocked);
    }
}
