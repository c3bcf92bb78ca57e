using Microsoft.Playwright;

namespace OpenCts.Web.Tests;

/// <summary>A submitter sends a message from its page and follows what customs asks of it.</summary>
[Collection(WebCollection.Name)]
public sealed class SubmitterPageTests(WebFixture web)
{
    [Fact]
    public async Task ASubmitterPastesAMessageSeesItsReceiptAndLaterTheRequestCustomsSent()
    {
        await using var session = await web.SignInAsync("pat");
        var page = session.Page;
        Assert.EndsWith("/messages", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        var serial = RedWaybills.NextSerial();
        var number = RedWaybills.Awb(serial);

        await page.GetByLabel("Message", new() { Exact = true }).FillAsync(RedWaybills.Waybill(serial));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("receipt")).ToContainTextAsync("accepted");
        await Assertions.Expect(page.GetByTestId("receipt")).ToContainTextAsync(number);
        var row = page.GetByTestId("messages").Locator("tbody tr").First;
        await Assertions.Expect(row).ToContainTextAsync(number);
        var document = (await web.Application.Messages.ListAsync("pat", null, 1, 1, CancellationToken.None)).Items[0].Versions[0].DocumentKey;

        await web.Application.Decisions.DecideAsync(document, "request-screening", null, "screen the cartons", "tom", CancellationToken.None);
        await page.GotoAsync("/messages");
        await Assertions.Expect(page.GetByTestId("messages").Locator("tbody tr").First.GetByTestId("referrals")).ToContainTextAsync("request-screening");
        await Assertions.Expect(page.GetByTestId("messages")).Not.ToContainTextAsync("screen the cartons");
        await Assertions.Expect(page.GetByTestId("messages").Locator("tbody tr").First).ToContainTextAsync("accepted");
        await WebFixture.ScreenshotAsync(page, "messages");
        Assert.Empty(session.Blocked);
    }

    [Fact]
    public async Task AMessageThatCannotBeReadIsRefusedWithItsErrorsAndAppearsAmongTheIntakeErrors()
    {
        await using var session = await web.SignInAsync("pat");
        var page = session.Page;
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("<Waybill>this is not a message</Waybill>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("receipt").Or(page.GetByTestId("page-error"))).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("messages").Locator("tbody tr").First).ToContainTextAsync("rejected");

        await using var admin = await web.SignInAsync("root");
        await Assertions.Expect(admin.Page.GetByTestId("intake-errors").Locator("tbody tr").Filter(new() { HasText = "pat" }).First).ToBeVisibleAsync();
    }
}
