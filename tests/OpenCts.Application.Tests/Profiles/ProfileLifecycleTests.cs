using OpenCts.Application.Profiles;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Profiles;
using OpenCts.Targeting.Profiles.Syntax;

namespace OpenCts.Application.Tests.Profiles;

public class ProfileLifecycleTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static RiskProfile Draft(string criteria = "consignor.country == \"EC\"", string owner = "analyst.ana") =>
        new("REV-900", "Ecuador consignors", ThreatCategory.RevenueAndValuation, criteria, 45, ProfileAction.YellowLane, owner, ProfileStatus.Draft);

    [Fact]
    public async Task ADraftGoesInForceOnlyWhenASecondPersonApprovesIt()
    {
        await using var test = new TestApplication();
        var profiles = test.Application.Profiles;
        await profiles.SaveDraftAsync(Draft(), Token);
        await profiles.SubmitAsync("REV-900", "analyst.ana", Token);

        var own = await Assert.ThrowsAsync<ProfileLifecycleException>(() => profiles.ApproveAsync("REV-900", "Analyst.Ana", Token));
        Assert.Equal("profile REV-900 is owned by Analyst.Ana: a second person must approve or reject it", own.Message);
        Assert.Equal(0, (await test.Application.Engines.CurrentAsync(Token)).ProfileCount);

        var approved = await profiles.ApproveAsync("REV-900", "supervisor.bo", Token);

        Assert.Equal((ProfileStatus.Active, 3), (approved.Status, approved.Version));
        Assert.Equal(1, (await test.Application.Engines.CurrentAsync(Token)).ProfileCount);
    }

    [Fact]
    public async Task ANewDraftOfAnActiveProfileLeavesTheActiveVersionInForceUntilItIsApproved()
    {
        await using var test = new TestApplication();
        var profiles = test.Application.Profiles;
        await profiles.ImportAsync([Draft() with { Status = ProfileStatus.Active }], "bundle.json", Token);
        await profiles.SaveDraftAsync(Draft("consignor.country == \"PE\""), Token);

        var inForce = Assert.Single(await OpenCts.Application.Engine.TargetingEngineHost.InForceAsync(test.Store, test.Store.Clock.GetUtcNow(), Token));

        Assert.Equal(("consignor.country == \"EC\"", 1), (inForce.Criteria, inForce.Version));
        Assert.Equal(ProfileStatus.Draft, (await profiles.LatestAsync("REV-900", Token))!.Status);
    }

    [Fact]
    public async Task CriteriaThatDoNotCompileAreRefusedBeforeAnythingIsSaved()
    {
        await using var test = new TestApplication();

        var error = await Assert.ThrowsAsync<ProfileException>(() => test.Application.Profiles.ImportAsync([Draft(), Draft("consigner.country == \"EC\"") with { Id = "REV-901" }], "bundle.json", Token));

        Assert.StartsWith("bundle.json: profile REV-901: criteria line 1, column 1: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(("bundle.json", "REV-901", 1, 1), (error.File, error.FieldPath, error.Line, error.Column));
        Assert.Empty(await test.Store.Profiles.LatestAsync(Token));
    }

    [Fact]
    public async Task OnlyASubmittedProfileCanBeApprovedAndARetiredOneLeavesTheEngine()
    {
        await using var test = new TestApplication();
        var profiles = test.Application.Profiles;
        await profiles.SaveDraftAsync(Draft(), Token);

        var early = await Assert.ThrowsAsync<ProfileLifecycleException>(() => profiles.ApproveAsync("REV-900", "supervisor.bo", Token));
        Assert.Equal("profile REV-900 version 1 is Draft; it must be AwaitingApproval to become Active", early.Message);

        await profiles.SubmitAsync("REV-900", "analyst.ana", Token);
        await profiles.ApproveAsync("REV-900", "supervisor.bo", Token);
        await profiles.RetireAsync("REV-900", "supervisor.bo", Token);

        Assert.Equal(0, (await test.Application.Engines.CurrentAsync(Token)).ProfileCount);
        Assert.Equal([ProfileStatus.Draft, ProfileStatus.AwaitingApproval, ProfileStatus.Active, ProfileStatus.Retired], (await test.Store.Profiles.VersionsAsync("REV-900", Token)).Select(p => p.Status));
    }
}
