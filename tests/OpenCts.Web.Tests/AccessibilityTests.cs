using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace OpenCts.Web.Tests;

/// <summary>The main pages checked with axe-core for the WCAG 2.1 A and AA rules: an officer who uses a screen reader or a keyboard can do the day's work.</summary>
[Collection(WebCollection.Name)]
public sealed class AccessibilityTests(WebFixture web)
{
    public static TheoryData<string, string> Pages => new()
    {
        { "tom", "/worklist" },
        { "tom", "/subscriptions" },
        { "eve", "/examinations" },
        { "ana", "/profiles" },
        { "ana", "/profiles/new" },
        { "sue", "/approvals" },
        { "sue", "/dashboard" },
        { "ana", "/watchlists" },
        { "root", "/admin" },
        { "pat", "/messages" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ThePageBreaksNoWcagAOrAaRule(string user, string path)
    {
        await using var session = await web.SignInAsync(user);
        var page = session.Page;
        await page.GotoAsync(path);
        await page.WaitForSelectorAsync("body[data-ready=true]");
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}").ToList();
        // The engine ran its rules on the page: some passed, none was broken.
        Assert.NotEmpty(result.Passes);
        Assert.True(violations.Count == 0, path + ":\n" + string.Join("\n", violations));
        Assert.Empty(session.Blocked);
    }

    [Fact]
    public async Task TheSignInPageBreaksNoWcagAOrAaRule()
    {
        await using var session = await web.OpenAsync();
        await session.Page.GotoAsync("/signin");
        var result = await session.Page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] } });
        Assert.NotEmpty(result.Passes);
        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help}")));
    }
}
