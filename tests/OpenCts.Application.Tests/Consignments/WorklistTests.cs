using System.Text;
using OpenCts.Application.Assessing;
using OpenCts.Application.Consignments;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Decisions;

namespace OpenCts.Application.Tests.Consignments;

/// <summary>The worklist, related consignments, open examinations and the message history, over the samples in a real store.</summary>
public class WorklistTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<TestApplication> WithSamplesAsync()
    {
        var test = new TestApplication();
        await test.Application.Bundles.LoadAsync([TestApplication.Sample()], null, Token);
        await test.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
        return test;
    }

    /// <summary>The sample air waybill renumbered (the serial with its check digit) and consigned to another company.</summary>
    private static byte[] Waybill(int serial, string consignee)
    {
        var text = File.ReadAllText(TestApplication.Sample("messages", "cargo-xml-xfwb.xml"))
            .Replace("160-12345675", $"160-{serial:D7}{serial % 7}", StringComparison.Ordinal)
            .Replace("DUTCH GADGET IMPORTS BV", consignee, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }

    [Fact]
    public async Task TheWorklistShowsTheRedLaneSoonestArrivalFirstThenTheLatestArrivedWithEachRowNewUntilDecided()
    {
        await using var test = await WithSamplesAsync();

        var page = await test.Application.Worklist.ListAsync(WorklistFilter.Red, 1, 500, Token);

        Assert.NotEmpty(page.Items);
        Assert.Equal(page.Total, page.Items.Count);
        Assert.All(page.Items, i => Assert.Equal(Lane.Red, i.Assessment.Lane));
        var now = test.Store.Clock.GetUtcNow();
        var coming = page.Items.TakeWhile(i => i.Arrival >= now).Select(i => i.Arrival!.Value).ToList();
        var arrived = page.Items.Skip(coming.Count).TakeWhile(i => i.Arrival < now).Select(i => i.Arrival!.Value).ToList();
        Assert.Equal(coming.Order(), coming);
        Assert.Equal(arrived.OrderDescending(), arrived);
        Assert.All(page.Items.Skip(coming.Count + arrived.Count), i => Assert.Null(i.Arrival));
        Assert.All(page.Items, i => Assert.Equal(WorklistStatus.New, i.Status));

        var first = page.Items[0].Assessment.DocumentKey;
        await test.Application.Decisions.DecideAsync(first, DecisionActions.RequestInformation, null, "what is in the cartons?", "tom", Token);
        Assert.Equal(WorklistStatus.Reviewed, (await test.Application.Worklist.ItemAsync(first, Token))!.Status);
        await test.Application.Decisions.DecideAsync(first, DecisionActions.Examine, "physical", "open them", "tom", Token);
        Assert.Equal(WorklistStatus.Decided, (await test.Application.Worklist.ItemAsync(first, Token))!.Status);
    }

    [Fact]
    public async Task RedRowsBeyondTheirOfficesCapacityForTheDayAreMarkedAndStayOnTheWorklist()
    {
        await using var test = await WithSamplesAsync();
        var before = await test.Application.Worklist.ListAsync(WorklistFilter.Red, 1, 500, Token);
        Assert.DoesNotContain(before.Items, i => i.OverCapacity);
        // The busiest office and day of the red lane gets room for one examination.
        var busiest = before.Items.Where(i => i.Consignment.Consignment.PlaceOfDischarge is not null && i.Arrival is not null)
            .GroupBy(i => (Office: i.Port!, i.Arrival!.Value.UtcDateTime.Date))
            .OrderByDescending(g => g.Count()).First();
        Assert.True(busiest.Count() >= 2, "the samples need a day with two red consignments at one office");
        await test.Application.Offices.SetAsync(busiest.Key.Office, 1, null, null, 0, "sue", Token);

        var after = await test.Application.Worklist.ListAsync(WorklistFilter.Red, 1, 500, Token);

        Assert.Equal(before.Total, after.Total);
        // Each day at that office keeps its highest-scored consignment for the one examination; the rest are marked.
        var atOffice = after.Items.Where(i => i.Consignment.Consignment.PlaceOfDischarge is not null && i.Port == busiest.Key.Office && i.Arrival is not null).ToList();
        foreach (var day in atOffice.GroupBy(i => i.Arrival!.Value.UtcDateTime.Date))
        {
            var kept = Assert.Single(day, i => !i.OverCapacity);
            Assert.Equal(day.Max(i => i.Assessment.Score), kept.Assessment.Score);
        }
        Assert.True(atOffice.Count(i => i.OverCapacity) >= busiest.Count() - 1);
        Assert.All(after.Items.Except(atOffice), i => Assert.False(i.OverCapacity));
    }

    [Fact]
    public async Task TheWorklistAddsTheYellowLaneOnRequestAndFiltersByTextPortCategoryAndArrival()
    {
        await using var test = await WithSamplesAsync();
        var red = await test.Application.Worklist.ListAsync(WorklistFilter.Red, 1, 500, Token);
        var both = await test.Application.Worklist.ListAsync(new WorklistFilter([Lane.Red, Lane.Yellow]), 1, 500, Token);
        Assert.True(both.Total >= red.Total);
        Assert.Contains(both.Items, i => i.Assessment.Lane == Lane.Yellow);

        var one = red.Items[0];
        var byNumber = await test.Application.Worklist.ListAsync(WorklistFilter.Red with { Text = one.Target.DocumentNumber.ToLowerInvariant() }, 1, 50, Token);
        Assert.Contains(byNumber.Items, i => i.Assessment.DocumentKey == one.Assessment.DocumentKey);
        Assert.True(byNumber.Total < red.Total || red.Total == 1);

        var withPort = red.Items.First(i => i.Port is not null);
        var byPort = await test.Application.Worklist.ListAsync(WorklistFilter.Red with { Port = withPort.Port }, 1, 500, Token);
        // The filter takes the place of discharge or the final destination, so an item shown at another port of
        // discharge is kept when it is bound for this one (which item comes first depends on the day the test runs).
        Assert.Contains(byPort.Items, i => i.Assessment.DocumentKey == withPort.Assessment.DocumentKey);
        Assert.All(byPort.Items, i => Assert.True(
            i.Consignment.Consignment.PlaceOfDischarge?.Value == withPort.Port || i.Consignment.Consignment.FinalDestination?.Value == withPort.Port,
            $"{i.Assessment.DocumentKey} is neither discharged at nor bound for {withPort.Port}"));
        Assert.True(byPort.Total < red.Total, "the samples need red consignments at more than one port");

        var withCategory = red.Items.First(i => i.Categories.Count > 0);
        var category = withCategory.Categories[0];
        var byCategory = await test.Application.Worklist.ListAsync(WorklistFilter.Red with { Category = category }, 1, 500, Token);
        Assert.Contains(byCategory.Items, i => i.Assessment.DocumentKey == withCategory.Assessment.DocumentKey);
        Assert.All(byCategory.Items, i => Assert.Contains(category, i.Categories));

        var arrival = red.Items.First(i => i.Arrival is not null).Arrival!.Value;
        var window = await test.Application.Worklist.ListAsync(WorklistFilter.Red with { ArrivalFrom = arrival, ArrivalTo = arrival.AddSeconds(1) }, 1, 500, Token);
        Assert.All(window.Items, i => Assert.Equal(arrival, i.Arrival));
        Assert.NotEmpty(window.Items);
    }

    [Fact]
    public async Task TheWorklistPagesWithTheTotalOfEveryMatch()
    {
        await using var test = await WithSamplesAsync();
        var all = await test.Application.Worklist.ListAsync(new WorklistFilter([Lane.Red, Lane.Yellow, Lane.Green]), 1, 500, Token);

        var second = await test.Application.Worklist.ListAsync(new WorklistFilter([Lane.Red, Lane.Yellow, Lane.Green]), 2, 3, Token);

        Assert.Equal(all.Total, second.Total);
        Assert.Equal(all.Items.Skip(3).Take(3).Select(i => i.Assessment.DocumentKey), second.Items.Select(i => i.Assessment.DocumentKey));
    }

    [Fact]
    public async Task MyProfilesKeepsOnlyConsignmentsHitByAProfileTheUserOwns()
    {
        await using var test = await WithSamplesAsync();
        var red = await test.Application.Worklist.ListAsync(WorklistFilter.Red, 1, 500, Token);
        var profiles = await test.Store.Profiles.LatestAsync(Token);
        var owner = profiles.First(p => red.Items.Any(i => i.Assessment.Reasons.Any(r => r.Kind == ReasonKind.Profile && r.Code == p.Id))).Owner;

        var mine = await test.Application.Worklist.ListAsync(WorklistFilter.Red with { ProfileOwner = owner }, 1, 500, Token);
        var nobody = await test.Application.Worklist.ListAsync(WorklistFilter.Red with { ProfileOwner = "nobody-owns-this" }, 1, 500, Token);

        Assert.NotEmpty(mine.Items);
        Assert.Empty(nobody.Items);
    }

    [Fact]
    public async Task ConsignmentsToTheSameConsigneeAreRelatedByThatPartyWithTheirDecisions()
    {
        await using var test = new TestApplication();
        var first = Assert.Single(await test.Application.Intake.ReceiveAsync(Waybill(1001, "ACME, Imports  b.v."), "a.xml", "lh", Token)).Stored.Versions[0].DocumentKey;
        var second = Assert.Single(await test.Application.Intake.ReceiveAsync(Waybill(1002, "ACME IMPORTS BV"), "b.xml", "lh", Token)).Stored.Versions[0].DocumentKey;
        await test.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
        await test.Application.Decisions.DecideAsync(second, DecisionActions.Hold, null, "held before", "tom", Token);

        var related = await test.Application.Related.OfAsync(first, 20, Token);

        var other = Assert.Single(related, r => r.Consignment.DocumentKey == second);
        Assert.Contains("party: ACME, Imports  b.v.", other.Shared);
        Assert.Equal(DecisionActions.Hold, Assert.Single(other.Decisions).Action);
        Assert.NotNull(other.Assessment);
        Assert.DoesNotContain(related, r => r.Consignment.DocumentKey == first);
        Assert.Empty(await test.Application.Related.OfAsync("no-such-document", 20, Token));
    }

    [Fact]
    public async Task AnExaminationStaysOpenFromItsOrderUntilItsResultIsRecorded()
    {
        await using var test = new TestApplication();
        var key = Assert.Single(await test.Application.Intake.ReceiveAsync(Waybill(1003, "ACME IMPORTS BV"), "a.xml", "lh", Token)).Stored.Versions[0].DocumentKey;
        Assert.Empty(await test.Application.OpenExaminations.ListAsync(Token));

        await test.Application.Decisions.DecideAsync(key, DecisionActions.Examine, "scan", "scan it", "tom", Token);
        var open = Assert.Single(await test.Application.OpenExaminations.ListAsync(Token));
        Assert.Equal((key, "scan"), (open.Consignment.DocumentKey, open.Order.ExaminationKind));

        await test.Application.ExaminationResults.RecordAsync(key, "seizure", 100m, "EUR", 3m, "found", Token);
        Assert.Empty(await test.Application.OpenExaminations.ListAsync(Token));
    }

    [Fact]
    public async Task TheMessageHistoryListsASendersMessagesNewestFirstAndTheRejectedOnesApart()
    {
        await using var test = new TestApplication();
        await test.Application.Intake.ReceiveAsync(Waybill(1004, "ACME IMPORTS BV"), "a.xml", "lh", Token);
        await test.Application.Intake.ReceiveAsync(Waybill(1005, "ACME IMPORTS BV"), "b.xml", "lh", Token);
        await test.Application.Intake.ReceiveAsync(Waybill(1006, "ACME IMPORTS BV"), "c.xml", "af", Token);
        await test.Application.Intake.ReceiveAsync("<not a message"u8.ToArray(), "bad.xml", "lh", Token);

        var mine = await test.Application.Messages.ListAsync("LH", null, 1, 2, Token);
        var rejected = await test.Application.Messages.ListAsync(null, "rejected", 1, 50, Token);

        Assert.Equal(3, mine.Total);
        Assert.Equal(2, mine.Items.Count);
        Assert.True(mine.Items[0].Id > mine.Items[1].Id);
        Assert.All(mine.Items, m => Assert.Equal("lh", m.Sender));
        var bad = Assert.Single(rejected.Items);
        Assert.Equal("<not a message"u8.ToArray(), await test.Application.Messages.RawAsync(bad.Id, Token));
        Assert.Null(await test.Application.Messages.RawAsync(999_999, Token));
    }
}
