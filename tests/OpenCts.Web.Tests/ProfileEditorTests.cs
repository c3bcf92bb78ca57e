using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OpenCts.Web.Tests;

/// <summary>An analyst writes a profile in the editor: live compile errors from the server, save, backtest, submit.</summary>
[Collection(WebCollection.Name)]
public sealed partial class ProfileEditorTests(WebFixture web)
{
    [Fact]
    public async Task AnAnalystSeesACompileErrorAppearAndGoThenSavesBacktestsAndSubmitsTheProfile()
    {
        await using var session = await web.SignInAsync("ana");
        var page = session.Page;
        Assert.EndsWith("/profiles", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Link, new() { Name = "New profile" }).ClickAsync();
        await page.WaitForSelectorAsync("#editor[data-editor-ready=true]");
        await page.GetByLabel("Profile id").FillAsync("WEB-ANA-001");
        await page.GetByLabel("Name").FillAsync("Sea cargo to Rotterdam");
        await page.GetByLabel("Expires").FillAsync("2027-06-30");

        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.InsertTextAsync("mode == \"Sea\"\nand consignee.countr == \"NL\"");
        var errors = page.GetByTestId("compile-errors");
        await Assertions.Expect(errors).ToContainTextAsync("line 2, column 5: unknown field 'consignee.countr'; did you mean 'consignee.country'?");
        await Assertions.Expect(page.Locator(".cm-lintRange-error")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".cm-lintRange-error")).ToHaveTextAsync("consignee.countr");
        await WebFixture.ScreenshotAsync(page, "profile-editor-lint-error");

        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.InsertTextAsync("mode == \"Sea\"\nand consignee.country == \"NL\"");
        await Assertions.Expect(page.GetByTestId("compile-status")).ToHaveTextAsync("The criteria compile.");
        await Assertions.Expect(errors.Locator("li")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".cm-lintRange-error")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.WaitForURLAsync("**/profiles/WEB-ANA-001?saved=1");
        await page.WaitForSelectorAsync("#editor[data-editor-ready=true]");
        await Assertions.Expect(page.GetByTestId("profile-status")).ToHaveTextAsync("draft");
        await Assertions.Expect(page.GetByTestId("outcome")).ToHaveTextAsync("Draft saved as version 1.");

        await page.GetByLabel("Arriving from").FillAsync("2026-12-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Backtest" }).ClickAsync();
        var hits = page.GetByTestId("bt-hits").First;
        await Assertions.Expect(hits).ToHaveTextAsync(NonZero());
        await Assertions.Expect(page.GetByTestId("bt-samples").Locator("tbody tr").First).ToContainTextAsync("mode = Sea");
        await WebFixture.ScreenshotAsync(page, "profile-editor-backtest");

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-status")).ToHaveTextAsync("submitted");
        Assert.Empty(session.Blocked);
    }

    [Fact]
    public async Task TheProfilesPageListsEveryProfileAndFiltersByStatus()
    {
        await using var session = await web.SignInAsync("sue");
        var page = session.Page;
        await page.GotoAsync("/profiles");
        var rows = page.GetByTestId("profiles").Locator("tbody tr");
        Assert.True(await rows.CountAsync() > 3);
        await WebFixture.ScreenshotAsync(page, "profiles");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^draft") }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody .status").First).ToHaveTextAsync("draft");
        Assert.All(await page.Locator("tbody .status").AllInnerTextsAsync(), s => Assert.Equal("draft", s));
    }

    [GeneratedRegex("^[1-9][0-9]*$")]
    private static partial Regex NonZero();
}
