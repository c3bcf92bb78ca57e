using OpenCts.Application.Assessing;
using OpenCts.Domain.Assessments;
using OpenCts.Storage.Assessments;
using OpenCts.Tests.Shared;

namespace OpenCts.Application.Tests.Assessing;

/// <summary>A bulk run (<c>cts assess</c>) lets the embedded store build the worklist's orderings and the assessments' index by document once at the end instead of row by row; the worklist must not tell.</summary>
public class BulkSaveTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The samples loaded into a new store, whose bulk saves set the orderings aside from 100 pending versions on.</summary>
    private static async Task<TestApplication> WithSamplesAsync()
    {
        var test = new TestApplication();
        test.Store.BulkSaveMinimum = 100;
        await test.Application.Bundles.LoadAsync([TestApplication.Sample()], null, Token);
        return test;
    }

    /// <summary>The worklist's orderings that the file holds now.</summary>
    private static List<string> Orderings(TestApplication test) => SqliteFile.IndexesOf(test.Store.DatabasePath, "current_targets");

    private static readonly string[] BothOrderings = ["current_targets_by_arrival", "current_targets_by_risk"];

    /// <summary>The assessments' indexes that the file holds now: the one by document is set aside with the orderings.</summary>
    private static List<string> AssessmentIndexes(TestApplication test) => SqliteFile.IndexesOf(test.Store.DatabasePath, "assessments");

    /// <summary>Every row of the worklist in both orders, and the lanes' counts.</summary>
    private static async Task<(string[] Risk, string[] Arrival, IReadOnlyDictionary<Lane, int> Lanes)> WorklistAsync(TestApplication test)
    {
        var risk = await test.Store.Assessments.PageTargetsAsync(new TargetQuery(null, null, TargetOrder.Risk, 0, 5_000), Token);
        var arrival = await test.Store.Assessments.PageTargetsAsync(new TargetQuery(null, null, TargetOrder.Arrival, 0, 5_000), Token);
        return (
            [.. risk.Items.Select(i => $"{i.Target.Assessment.DocumentKey} {i.Target.Assessment.Lane} {i.Target.Assessment.Score}")],
            [.. arrival.Items.Select(i => $"{i.Target.Assessment.DocumentKey} {i.EstimatedArrival:O}")],
            await test.Store.Assessments.LaneCountsAsync(Token));
    }

    [Fact]
    public async Task A_bulk_run_builds_the_worklist_orderings_once_and_leaves_the_worklist_a_run_row_by_row_leaves()
    {
        await using var bulk = await WithSamplesAsync();
        await using var rowByRow = await WithSamplesAsync();
        var during = new List<List<string>>();

        var run = await bulk.Application.Assessment.AssessPendingAsync(new AssessOptions(KeepResults: false, Bulk: true), new Seen(_ => during.Add([.. Orderings(bulk), .. AssessmentIndexes(bulk)])), Token);
        await rowByRow.Application.Assessment.AssessPendingAsync(new AssessOptions(KeepResults: false), null, Token);

        Assert.True(run.Count > 1_000, $"the samples hold {run.Count} consignments");
        Assert.NotEmpty(during);
        Assert.All(during, Assert.Empty);
        Assert.Equal(BothOrderings, Orderings(bulk));
        Assert.Equal(["assessments_by_document"], AssessmentIndexes(bulk));
        var (risk, arrival, lanes) = await WorklistAsync(bulk);
        var expected = await WorklistAsync(rowByRow);
        Assert.Equal(run.Count, risk.Length);
        Assert.Equal(expected.Risk, risk);
        Assert.Equal(expected.Arrival, arrival);
        Assert.Equal(expected.Lanes, lanes);
    }

    [Fact]
    public async Task A_bulk_run_that_is_stopped_part_way_still_puts_the_orderings_back()
    {
        await using var test = await WithSamplesAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            test.Application.Assessment.AssessPendingAsync(new AssessOptions(KeepResults: false, Bulk: true), new Seen(_ => stop.Cancel()), stop.Token));

        Assert.Equal(BothOrderings, Orderings(test));
        Assert.NotEmpty(await test.Store.Messages.PendingAssessmentAsync(Token));
        var page = await test.Store.Assessments.PageTargetsAsync(new TargetQuery(null, null, TargetOrder.Risk, 0, 10), Token);
        Assert.Equal(page.Items.Select(i => i.Target.Assessment.Score).OrderDescending(), page.Items.Select(i => i.Target.Assessment.Score));
    }

    [Fact]
    public async Task A_run_over_every_consignment_and_a_run_that_would_not_double_the_worklist_keep_the_orderings()
    {
        await using var test = await WithSamplesAsync();
        await test.Application.Assessment.AssessPendingAsync(new AssessOptions(KeepResults: false, Bulk: true), null, Token);
        var again = new List<List<string>>();

        await test.Application.Assessment.AssessPendingAsync(new AssessOptions(All: true, KeepResults: false, Bulk: true), new Seen(_ => again.Add(Orderings(test))), Token);
        await using var handle = await test.Store.Assessments.BeginBulkSaveAsync(Token);

        Assert.NotEmpty(again);
        Assert.All(again, o => Assert.Equal(BothOrderings, o));
        // Nothing is pending, and the worklist holds every sample: building it again would cost more than it saves.
        Assert.Same(NothingSetAside.Instance, handle);
        Assert.Equal(BothOrderings, Orderings(test));
    }

    /// <summary>Told synchronously, on the run's own thread, after each page is assessed.</summary>
    private sealed class Seen(Action<int> action) : IProgress<int>
    {
        public void Report(int value) => action(value);
    }
}
