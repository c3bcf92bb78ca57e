using Microsoft.Playwright;

namespace OpenCts.Web.Tests;

/// <summary>The admin page: users and roles, the audit log and the intake errors.</summary>
[Collection(WebCollection.Name)]
public sealed class AdminPageTests(WebFixture web)
{
    [Fact]
    public async Task AnAdminAddsAUserWhosePasswordIsShownOnceAndDisablesIt()
    {
        await using var session = await web.SignInAsync("root");
        var page = session.Page;
        Assert.EndsWith("/admin", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        var name = "ex" + Guid.NewGuid().ToString("N")[..6];
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Add a user" });
        await form.GetByLabel("Name").FillAsync(name);
        await form.GetByLabel("Role").SelectOptionAsync("examiner");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("issued")).ToContainTextAsync(name);
        var secret = await page.GetByTestId("secret").InnerTextAsync();
        Assert.NotNull(await web.Application.Users.SignInAsync(name, secret, CancellationToken.None));
        await WebFixture.ScreenshotAsync(page, "admin");

        await page.GotoAsync("/admin");
        await Assertions.Expect(page.GetByTestId("audit")).ToContainTextAsync("POST admin");
        await Assertions.Expect(page.GetByTestId("issued")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Disable {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("users").Locator($"tr[data-user=\"{name}\"]")).ToContainTextAsync("disabled");
        Assert.Null(await web.Application.Users.SignInAsync(name, secret, CancellationToken.None));
        Assert.Empty(session.Blocked);
    }

    [Fact]
    public async Task AnAuditorReadsTheAdminPageButIsOfferedNoChange()
    {
        await using var session = await web.SignInAsync("aud");
        var page = session.Page;
        var response = await page.GotoAsync("/admin");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.GetByTestId("users")).ToContainTextAsync("root");
        await Assertions.Expect(page.GetByRole(AriaRole.Form, new() { Name = "Add a user" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reset root" })).ToHaveCountAsync(0);
    }
}
