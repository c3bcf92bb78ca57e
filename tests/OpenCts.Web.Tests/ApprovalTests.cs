using Microsoft.Playwright;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Profiles;

namespace OpenCts.Web.Tests;

/// <summary>Four eyes in the browser: the supervisor who wrote a profile cannot approve it; another one can.</summary>
[Collection(WebCollection.Name)]
public sealed class ApprovalTests(WebFixture web)
{
    [Fact]
    public async Task ASupervisorCannotApproveTheirOwnProfileAndAnotherSupervisorApprovesIt()
    {
        var profiles = web.Application.Profiles;
        var token = TestContext.Current.CancellationToken;
        await profiles.SaveDraftAsync(new RiskProfile("WEB-SUE-001", "Air cargo from Hong Kong", ThreatCategory.StrategicAndDualUse,
            "mode == \"Air\"\nand placeOfLoading.country == \"HK\"", 30, ProfileAction.YellowLane, "sue", ProfileStatus.Draft), token);
        await profiles.SubmitAsync("WEB-SUE-001", "sue", token);

        await using (var sue = await web.SignInAsync("sue"))
        {
            var page = sue.Page;
            Assert.EndsWith("/approvals", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
            var card = page.Locator("[data-submission='WEB-SUE-001']");
            await Assertions.Expect(card.GetByTestId("own-profile")).ToHaveTextAsync("You own this profile: another supervisor must approve or reject it.");
            await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToBeDisabledAsync();
            await Assertions.Expect(card.GetByTestId("diff")).ToContainTextAsync("+ and placeOfLoading.country == \"HK\"");
            await Assertions.Expect(card.GetByTestId("backtest-summary")).ToContainTextAsync("This profile");

            // Sent anyway, the approval is refused by the application core, and the page says so.
            await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).EvaluateAsync("b => b.disabled = false");
            await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("approval-message")).ToHaveTextAsync("Refused: profile WEB-SUE-001 is owned by sue: a second person must approve or reject it.");
            await WebFixture.ScreenshotAsync(page, "approvals-own-profile-refused");
        }
        Assert.Equal(ProfileStatus.AwaitingApproval, (await profiles.LatestAsync("WEB-SUE-001", token))!.Status);

        await using var sam = await web.SignInAsync("sam");
        var samPage = sam.Page;
        var submission = samPage.Locator("[data-submission='WEB-SUE-001']");
        await Assertions.Expect(submission.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToBeEnabledAsync();
        await WebFixture.ScreenshotAsync(samPage, "approvals");
        await submission.GetByLabel("Comment").FillAsync("checked the backtest");
        await submission.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(samPage.GetByTestId("approval-message")).ToHaveTextAsync("Profile WEB-SUE-001 is approved and in force.");
        Assert.Equal(ProfileStatus.Active, (await profiles.LatestAsync("WEB-SUE-001", token))!.Status);
        Assert.Empty(sam.Blocked);
    }
}
