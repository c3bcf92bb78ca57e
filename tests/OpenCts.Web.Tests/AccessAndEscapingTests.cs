using Microsoft.Playwright;

namespace OpenCts.Web.Tests;

/// <summary>Pages refuse roles without them, and what senders wrote is shown as text, never run.</summary>
[Collection(WebCollection.Name)]
public sealed class AccessAndEscapingTests(WebFixture web)
{
    [Theory]
    [InlineData("eve", "/admin")]
    [InlineData("eve", "/messages")]
    [InlineData("pat", "/worklist")]
    [InlineData("pat", "/examinations")]
    [InlineData("tom", "/examinations")]
    [InlineData("root", "/worklist")]
    public async Task APageAskedForByARoleWithoutItIsForbidden(string name, string path)
    {
        await using var session = await web.SignInAsync(name);
        var response = await session.Page.GotoAsync(path);
        Assert.Equal(403, response!.Status);
    }

    [Fact]
    public async Task AnExaminerCannotPostADecisionFromTheConsignmentPage()
    {
        var serial = RedWaybills.NextSerial();
        using var carrier = web.Carrier();
        var (_, document) = await RedWaybills.PostAsync(carrier, RedWaybills.Waybill(serial));
        await using var session = await web.SignInAsync("eve");
        var page = session.Page;
        await page.GotoAsync($"/consignments/{Uri.EscapeDataString(document)}");
        await Assertions.Expect(page.GetByRole(AriaRole.Form, new() { Name = "Decision" })).ToHaveCountAsync(0);
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token);
        form.Set("action", "release");
        form.Set("comment", "not mine to decide");
        var response = await page.Context.APIRequest.PostAsync($"/consignments/{Uri.EscapeDataString(document)}?handler=Decide", new() { Form = form });
        Assert.Equal(403, response.Status);
        Assert.Empty(await web.Application.Decisions.OfAsync(document, CancellationToken.None));
    }

    [Fact]
    public async Task APartyNameWithAScriptTagShowsAsTextOnTheLiveWorklistAndTheConsignmentPage()
    {
        await using var session = await web.SignInAsync("tom");
        var page = session.Page;
        await Assertions.Expect(page.GetByTestId("live-status")).ToHaveAttributeAsync("data-live", "connected");
        var serial = RedWaybills.NextSerial();
        const string Name = "<script>window.pwned = true</script><img src=x onerror=\"window.pwned = true\"> PEARL RIVER";
        using var carrier = web.Carrier();
        var (_, document) = await RedWaybills.PostAsync(carrier, RedWaybills.Waybill(serial, Name));

        var row = page.Locator($"#worklist tbody tr[data-document=\"{document}\"]");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.False(await page.EvaluateAsync<bool>("() => window.pwned === true"));
        await page.GotoAsync($"/consignments/{Uri.EscapeDataString(document)}");
        await Assertions.Expect(page.GetByTestId("party-name").Filter(new() { HasText = "<script>" })).ToHaveTextAsync(Name);
        Assert.False(await page.EvaluateAsync<bool>("() => window.pwned === true"));
        Assert.Equal(0, await page.Locator("main img").CountAsync());
    }
}
