using Microsoft.Playwright;

namespace OpenCts.Web.Tests;

/// <summary>Signing in and out in the browser.</summary>
[Collection(WebCollection.Name)]
public sealed class SignInTests(WebFixture web)
{
    [Fact]
    public async Task ATargeterSignsInAndLandsOnTheWorklistWithNoRequestLeavingThisMachine()
    {
        await using var session = await web.SignInAsync("tom");
        var page = session.Page;
        Assert.EndsWith("/worklist", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("tom", await page.GetByTestId("signed-in-as").InnerTextAsync());
        Assert.Empty(session.Blocked);
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedOnTheFormAndNoSessionStarts()
    {
        await using var session = await web.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/signin");
        await page.GetByLabel("Name").FillAsync("tom");
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sign-in-error")).ToBeVisibleAsync();
        await WebFixture.ScreenshotAsync(page, "sign-in-refused");
        var response = await page.GotoAsync("/worklist");
        Assert.EndsWith("/signin", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.NotNull(response);
    }

    [Fact]
    public async Task APageAskedForBeforeSigningInOpensAfterSigningIn()
    {
        await using var session = await web.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/password");
        Assert.EndsWith("/signin", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.GetByLabel("Name").FillAsync("eve");
        await page.GetByLabel("Password").FillAsync(web.PasswordOf("eve"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change your password" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        await using var session = await web.SignInAsync("aud");
        var page = session.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/signin");
        await page.GotoAsync("/password");
        Assert.EndsWith("/signin", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }
}
