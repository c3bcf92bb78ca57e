using Microsoft.Playwright;

namespace OpenCts.Web.Tests;

/// <summary>The watch-list page: lists in force, search, and an allow-list request that waits for a supervisor.</summary>
[Collection(WebCollection.Name)]
public sealed class WatchlistPageTests(WebFixture web)
{
    [Fact]
    public async Task AnAnalystSearchesAListAndAnAllowListRequestWaitsForASupervisorWhoIsNotTheAsker()
    {
        await using (var ana = await web.SignInAsync("ana"))
        {
            var page = ana.Page;
            await page.GetByRole(AriaRole.Link, new() { Name = "Watch lists" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("lists")).ToContainTextAsync("national-watchlist");
            await page.GetByLabel("Name, alias, id or remark").FillAsync("Kaveh");
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("wl-results")).ToContainTextAsync("Kaveh Industrial Supplies Co");
            await page.GetByTestId("wl-results").GetByRole(AriaRole.Button, new() { Name = "Allow-list…" }).First.ClickAsync();
            await page.GetByLabel("Party name").FillAsync("Kaveh Industrial Ltd (Manchester)");
            await page.GetByLabel("Reason").FillAsync("UK company registered 1998, no link to the listed subject");
            await page.GetByRole(AriaRole.Button, new() { Name = "Ask a supervisor" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("wl-outcome")).ToContainTextAsync("waits for a supervisor");
            await Assertions.Expect(page.GetByTestId("requests")).ToContainTextAsync("Kaveh Industrial Ltd (Manchester)");
            await page.GetByLabel("Name, alias, id or remark").FillAsync("Kaveh");
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("wl-results")).ToContainTextAsync("Kaveh Industrial Supplies Co");
            await WebFixture.ScreenshotAsync(page, "watchlists");
            Assert.Empty(ana.Blocked);
        }
        Assert.DoesNotContain(await web.Store.Watchlists.AllowListAsync(TestContext.Current.CancellationToken), a => a.PartyName == "Kaveh Industrial Ltd (Manchester)");

        await using var sue = await web.SignInAsync("sue");
        var supervisor = sue.Page;
        await supervisor.GotoAsync("/watchlists");
        var row = supervisor.GetByTestId("requests").Locator("tr", new() { HasText = "Kaveh Industrial Ltd (Manchester)" });
        await row.GetByRole(AriaRole.Textbox).FillAsync("registry extract seen");
        await row.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("allowed")).ToContainTextAsync("Kaveh Industrial Ltd (Manchester)");
        await Assertions.Expect(supervisor.GetByTestId("allowed")).ToContainTextAsync("asked by ana; registry extract seen");
        await WebFixture.ScreenshotAsync(supervisor, "watchlists-allowed");
    }
}
