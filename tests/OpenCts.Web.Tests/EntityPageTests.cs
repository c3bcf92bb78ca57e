using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpenCts.Application.Consignments;

namespace OpenCts.Web.Tests;

/// <summary>The entity page, reached from a consignment: the network drawn, the records, a split and the core's refusal, and axe.</summary>
[Collection(WebCollection.Name)]
public sealed class EntityPageTests(WebFixture web)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A sample consignment and the entity of one of its parties, made to hold two records by a merge when none does.</summary>
    private async Task<(string Document, string Entity)> ConsignmentWithEntityOfTwoRecordsAsync()
    {
        var page = await web.Application.Consignments.WorklistAsync(null, null, WorklistOrder.Risk, 1, 200, Token);
        var documents = page.Items.Select(r => r.Target.Assessment.DocumentKey).ToList();
        foreach (var document in documents)
        {
            foreach (var link in await web.Application.Entities.LinksOfAsync(document, Token))
            {
                if ((await web.Application.Entities.EntityAsync(link.EntityId, Token))?.Records.Count >= 2)
                {
                    return (document, link.EntityId);
                }
            }
        }
        foreach (var document in documents)
        {
            var ids = (await web.Application.Entities.LinksOfAsync(document, Token)).Select(l => l.EntityId).Distinct().ToList();
            if (ids.Count >= 2)
            {
                await web.Application.Entities.MergeAsync(ids[0], ids[1], "test: two records to split", "test", Token);
                return (document, ids[0]);
            }
        }
        throw new InvalidOperationException("no sample consignment has two linked parties");
    }

    [Fact]
    public async Task A_supervisor_follows_a_party_to_its_entity_sees_the_network_and_splits_a_record_off_with_a_reason()
    {
        var (document, entity) = await ConsignmentWithEntityOfTwoRecordsAsync();
        await using var session = await web.SignInAsync("sue");
        var page = session.Page;
        await page.GotoAsync("/consignments/" + Uri.EscapeDataString(document));
        var entities = page.GetByTestId("entities");
        await Assertions.Expect(entities).ToContainTextAsync(entity);
        await entities.GetByRole(AriaRole.Link, new() { Name = entity, Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync("**/entities/" + entity);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Entity " + entity);
        await page.WaitForSelectorAsync("#entity-graph[data-ready=true]");
        Assert.Equal(1, await page.Locator("#entity-graph canvas").CountAsync());
        // Every node of the graph is a keyboard-reachable link in the table beside it.
        await Assertions.Expect(page.GetByTestId("network-nodes").GetByRole(AriaRole.Link, new() { Name = document })).ToBeVisibleAsync();

        var before = await page.GetByTestId("records").Locator("tbody tr").CountAsync();
        Assert.True(before >= 2);
        // Ticking every record is refused by the core, and the page says why.
        foreach (var box in await page.Locator("#split-form input[type=checkbox]").AllAsync())
        {
            await box.CheckAsync();
        }
        await page.Locator("#split-reason").FillAsync("test: all of them");
        await page.GetByRole(AriaRole.Button, new() { Name = "Split the ticked records into a new entity" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("page-error")).ToContainTextAsync("Refused");
        Assert.Equal(before, await page.GetByTestId("records").Locator("tbody tr").CountAsync());

        await page.Locator("#split-form input[type=checkbox]").Last.CheckAsync();
        await page.Locator("#split-reason").FillAsync("Different trader: another street and phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Split the ticked records into a new entity" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("page-message")).ToContainTextAsync("Split off into E-");
        Assert.Equal(before - 1, await page.GetByTestId("records").Locator("tbody tr").CountAsync());
        await page.WaitForSelectorAsync("#entity-graph[data-ready=true]");
        await WebFixture.ScreenshotAsync(page, "entity");
        Assert.Empty(session.Blocked);
    }

    [Theory]
    [InlineData("sue")]
    [InlineData("eve")]
    public async Task The_entity_page_breaks_no_wcag_a_or_aa_rule(string user)
    {
        var (_, entity) = await ConsignmentWithEntityOfTwoRecordsAsync();
        await using var session = await web.SignInAsync(user);
        var page = session.Page;
        await page.GotoAsync("/entities/" + entity);
        await page.WaitForSelectorAsync("body[data-ready=true]");
        await page.WaitForSelectorAsync("#entity-graph[data-ready=true]");
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}").ToList();
        Assert.NotEmpty(result.Passes);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public async Task An_examiner_sees_the_entity_masked_and_without_the_merge_and_split_forms()
    {
        var (_, entity) = await ConsignmentWithEntityOfTwoRecordsAsync();
        var clear = (await web.Application.Entities.EntityAsync(entity, Token))!.Records[0].Name;
        await using var session = await web.SignInAsync("eve");
        var page = session.Page;
        await page.GotoAsync("/entities/" + entity);
        await Assertions.Expect(page.GetByTestId("masked-notice")).ToBeVisibleAsync();
        Assert.DoesNotContain(clear, await page.GetByTestId("records").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#merge-form").CountAsync());
        Assert.Equal(0, await page.Locator("#split-form input[type=checkbox]").CountAsync());
    }
}
