using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace OpenCts.Web.Tests;

/// <summary>
/// The flow of issue #11 in the browser: a carrier posts a message over the API, its red-lane alert appears live on the targeter's
/// worklist, the targeter asks the carrier for information and orders an examination, the examiner records a seizure, and the
/// profile's effectiveness changes.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class TargeterFlowTests(WebFixture web)
{
    [Fact]
    public async Task ARedLaneMessageAppearsLiveIsReferredToItsFilerExaminedAndSeizedAndItsProfileCountsTheFind()
    {
        // 1. The targeter signs in; nothing leaves this machine.
        await using var targeter = await web.SignInAsync("tom");
        var page = targeter.Page;
        Assert.EndsWith("/worklist", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("live-status")).ToHaveAttributeAsync("data-live", "connected");
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        // 2. The carrier posts a message that lands in the red lane.
        var serial = RedWaybills.NextSerial();
        var number = RedWaybills.Awb(serial);
        using var carrier = web.Carrier();
        var (messageId, document) = await RedWaybills.PostAsync(carrier, RedWaybills.Waybill(serial));

        // 3. Its alert appears at the top of the worklist without a reload, marked new.
        var row = page.Locator($"#worklist tbody tr[data-document=\"{document}\"]");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(row.GetByTestId("new-row")).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator(".lane.red")).ToBeVisibleAsync();
        Assert.Equal(document, await page.Locator("#worklist tbody tr").First.GetAttributeAsync("data-document"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the worklist was reloaded");
        await WebFixture.ScreenshotAsync(page, "worklist");

        // The targeter opens it: every reason is there with its evidence.
        await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await page.WaitForURLAsync("**/consignments/**");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = number, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("lane")).ToHaveTextAsync("red");
        await Assertions.Expect(page.GetByTestId("reason").Filter(new() { HasText = "BLUE SKY SHIPPING" }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("raw-message")).ToContainTextAsync(number);

        // A request for information, which the carrier reads through the API.
        var panel = page.GetByRole(AriaRole.Form, new() { Name = "Decision" });
        await panel.GetByLabel("Action").SelectOptionAsync("request-information");
        await Assertions.Expect(panel.GetByLabel("Examination kind")).ToBeHiddenAsync();
        await panel.GetByLabel("Comment").FillAsync("Send the commercial invoice and the packing list.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("page-message")).ToContainTextAsync("request-information");
        var status = await carrier.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{messageId}", TestContext.Current.CancellationToken);
        var decisions = status.GetProperty("documents")[0].GetProperty("decisions").EnumerateArray().ToList();
        Assert.Contains(decisions, d => d.GetProperty("action").GetString() == "request-information");
        // The filer reads the request itself, with what it asks for, among the referrals of its message.
        var referral = Assert.Single(status.GetProperty("referrals").EnumerateArray(), r => r.GetProperty("action").GetString() == "request-information");
        Assert.Equal("open", referral.GetProperty("status").GetString());
        Assert.Contains("commercial invoice", referral.GetProperty("comment").GetString(), StringComparison.Ordinal);

        // The profile's effectiveness before the examination, as a supervisor reads it.
        var profile = await ProfileOfAsync(page, document);
        // The supervisor's home page belongs to the profile pages; the report is read over the API with a session of its own.
        await using var supervisor = await web.OpenAsync();
        var signedIn = await supervisor.Page.Context.APIRequest.PostAsync("/api/v1/session", new() { DataObject = new { name = "sue", password = web.PasswordOf("sue") } });
        Assert.True(signedIn.Ok, $"sign-in: {signedIn.Status}");
        var before = await ReportOfAsync(supervisor.Page, profile);
        var pageBefore = await EffectivenessPageAsync(targeter.Context, profile);

        // An examination is ordered.
        await panel.GetByLabel("Action").SelectOptionAsync("examine");
        await panel.GetByLabel("Examination kind").SelectOptionAsync("physical");
        await panel.GetByLabel("Comment").FillAsync("Listed consignee; open the cartons.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("page-message")).ToContainTextAsync("examine (physical)");
        await Assertions.Expect(page.GetByTestId("decision")).ToHaveCountAsync(2);
        await WebFixture.ScreenshotAsync(page, "consignment");

        // 4. The examiner records a seizure on the examinations page.
        await using var examiner = await web.SignInAsync("eve");
        var exams = examiner.Page;
        Assert.EndsWith("/examinations", new Uri(exams.Url).AbsolutePath, StringComparison.Ordinal);
        var form = exams.GetByRole(AriaRole.Form, new() { Name = $"Result for {number}" });
        await form.GetByLabel("Outcome").SelectOptionAsync("seizure");
        await form.GetByLabel("Amount").FillAsync("1250.50");
        await form.GetByLabel("Currency").FillAsync("EUR");
        await form.GetByLabel("Quantity").FillAsync("40");
        await form.GetByLabel("Comment").FillAsync("40 counterfeit tablets in 2 cartons.");
        await WebFixture.ScreenshotAsync(exams, "examinations");
        var sent = await form.EvaluateAsync<Dictionary<string, string>>("f => Object.fromEntries(new FormData(f))");
        var action = await form.GetAttributeAsync("action");
        await form.GetByRole(AriaRole.Button, new() { Name = "Record result" }).ClickAsync();
        await Assertions.Expect(exams.GetByTestId("page-message")).ToContainTextAsync("seizure");
        await Assertions.Expect(exams.GetByRole(AriaRole.Form, new() { Name = $"Result for {number}" })).ToHaveCountAsync(0);
        // The same form sent again, as a double click or a reload sends it, records nothing more (step 5 counts one examination).
        Assert.True(sent.ContainsKey("result.ResultId"), "the form carries no key of its own");
        var again = exams.APIRequest.CreateFormData();
        foreach (var (name, value) in sent)
        {
            again.Set(name, value);
        }
        var resent = await exams.APIRequest.PostAsync(action!, new() { Form = again });
        Assert.True(resent.Ok, $"sent again: {resent.Status}");
        Assert.Contains("recorded once", await resent.TextAsync(), StringComparison.Ordinal);

        // 5. The profile counts the examination and the find.
        var after = await ReportOfAsync(supervisor.Page, profile);
        Assert.Equal(before.GetProperty("examined").GetInt32() + 1, after.GetProperty("examined").GetInt32());
        Assert.Equal(before.GetProperty("positives").GetInt32() + 1, after.GetProperty("positives").GetInt32());
        Assert.True(after.GetProperty("revenueRecovered").GetDecimal() >= before.GetProperty("revenueRecovered").GetDecimal() + 1250.50m);
        if (before.TryGetProperty("hitRate", out var rateBefore) && rateBefore.ValueKind == JsonValueKind.Number && rateBefore.GetDouble() >= 1.0)
        {
            Assert.Equal(1.0, after.GetProperty("hitRate").GetDouble());
        }
        else
        {
            Assert.NotEqual(rateBefore.ValueKind == JsonValueKind.Number ? rateBefore.GetDouble() : (double?)null, after.GetProperty("hitRate").GetDouble());
        }
        // ... and its effectiveness page says so.
        var pageAfter = await EffectivenessPageAsync(targeter.Context, profile);
        Assert.Equal(int.Parse(pageBefore.Positives, CultureInfo.InvariantCulture) + 1, int.Parse(pageAfter.Positives, CultureInfo.InvariantCulture));
        if (!pageBefore.HitRate.StartsWith("100", StringComparison.Ordinal))
        {
            Assert.NotEqual(pageBefore.HitRate, pageAfter.HitRate);
        }
        Assert.Empty(targeter.Blocked);
        Assert.Empty(examiner.Blocked);
    }

    /// <summary>The positives and hit rate a profile's effectiveness page shows, read in a new tab.</summary>
    private static async Task<(string Positives, string HitRate)> EffectivenessPageAsync(IBrowserContext context, string profile)
    {
        var tab = await context.NewPageAsync();
        await tab.GotoAsync($"/profiles/{Uri.EscapeDataString(profile)}/effectiveness");
        var figures = (await tab.GetByTestId("positives").InnerTextAsync(), await tab.GetByTestId("hit-rate").InnerTextAsync());
        await tab.CloseAsync();
        return figures;
    }

    /// <summary>The first profile that hit the consignment, read through the API with the page's session.</summary>
    private static async Task<string> ProfileOfAsync(IPage page, string document)
    {
        var response = await page.Context.APIRequest.GetAsync($"/api/v1/consignments/{Uri.EscapeDataString(document)}");
        Assert.True(response.Ok);
        var detail = (await response.JsonAsync())!.Value;
        var reasons = detail.GetProperty("reasons").EnumerateArray().ToList();
        var profile = reasons.FirstOrDefault(r => r.GetProperty("kind").GetString() == "profile");
        Assert.True(profile.ValueKind == JsonValueKind.Object, "the red waybill hit no profile: " + detail.GetProperty("reasons").GetRawText());
        return profile.GetProperty("code").GetString()!;
    }

    private static async Task<JsonElement> ReportOfAsync(IPage page, string profile)
    {
        var response = await page.Context.APIRequest.GetAsync("/api/v1/reports/profiles");
        Assert.True(response.Ok, $"reports: {response.Status}");
        var rows = (await response.JsonAsync())!.Value;
        return rows.EnumerateArray().Single(r => r.GetProperty("profileId").GetString() == profile).Clone();
    }
}
