using Microsoft.Playwright;

namespace OpenCts.Web.Tests;

/// <summary>Subscribing to the red-lane alerts by threat, port and profile.</summary>
[Collection(WebCollection.Name)]
public sealed class SubscriptionPageTests(WebFixture web)
{
    [Fact]
    public async Task AnOfficerSubscribesByThreatAndPortIsToldOfABadPortAndRemovesTheSubscription()
    {
        // sam, not tom: the live worklist of the main flow must keep receiving every alert.
        await using var session = await web.SignInAsync("sam");
        var page = session.Page;
        await page.GotoAsync("/subscriptions");
        await Assertions.Expect(page.GetByTestId("no-subscriptions")).ToBeVisibleAsync();

        await page.GetByLabel("Threat category").SelectOptionAsync("narcotics");
        await page.GetByLabel("Port (UN/LOCODE)").FillAsync("NLRTM");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("page-message")).ToContainTextAsync("threat narcotics, port NLRTM");
        await Assertions.Expect(page.GetByTestId("subscription")).ToHaveCountAsync(1);
        await WebFixture.ScreenshotAsync(page, "subscriptions");

        await page.GetByLabel("Port (UN/LOCODE)").FillAsync("ROTTERDAM");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("page-error")).ToContainTextAsync("port");
        await Assertions.Expect(page.GetByTestId("subscription")).ToHaveCountAsync(1);

        await page.GetByTestId("subscription").GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("no-subscriptions")).ToBeVisibleAsync();
        Assert.Empty(session.Blocked);
    }
}
