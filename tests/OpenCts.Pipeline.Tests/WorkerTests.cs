using OpenCts.Application;
using OpenCts.Application.Alerts;
using OpenCts.Domain.Assessments;
using OpenCts.Pipeline.Alerts;
using OpenCts.Pipeline.Tests.Support;
using OpenCts.Pipeline.Workers;
using OpenCts.Tests.Shared;

namespace OpenCts.Pipeline.Tests;

/// <summary>Workers sharing the stream: each consignment version assessed once, and the alerts on every server.</summary>
public sealed class WorkerTests(NatsServer nats) : IClassFixture<NatsServer>
{
    [Fact]
    public async Task TwoWorkersShareTheStreamAndAssessEveryConsignmentExactlyOnce()
    {
        var token = TestContext.Current.CancellationToken;
        await using var rig = await PipelineRig.StartAsync(nats, token);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var workers = new List<AssessmentWorker>();
        var running = new List<Task>();
        for (var i = 0; i < 2; i++)
        {
            var worker = new AssessmentWorker(await rig.ConnectAsync(token), new CtsApplication(await rig.OpenStoreAsync(token)), TestLog.Instance);
            workers.Add(worker);
            running.Add(worker.RunAsync(stop.Token));
        }
        // Both workers are on the stream before the work arrives: with the work queued first, the first worker to start
        // could take all of it before the second had opened its store (as on a loaded machine in CI).
        await rig.ReceiveAsync(1, 200, token);

        await rig.DrainedAsync(120, token);
        await stop.CancelAsync();
        await Task.WhenAll(running);

        Assert.Equal((200L, 0L), await rig.AssessmentCountsAsync(token));
        Assert.Equal(200, workers.Sum(w => w.Assessed));
        Assert.All(workers, w => Assert.True(w.Items > 0, "each worker took a share of the items"));
        Assert.Equal(0, await rig.Pipeline.QueuedAsync(token));
    }

    [Fact]
    public async Task ARedAssessmentAWorkerWritesReachesTheAlertFeedOfEveryServer()
    {
        var token = TestContext.Current.CancellationToken;
        await using var rig = await PipelineRig.StartAsync(nats, token);
        await rig.Application.Bundles.LoadAsync([Path.Combine(RepositoryData.RepositoryRoot, "samples")], null, token);
        var feeds = new[] { new AlertFeed(TimeProvider.System), new AlertFeed(TimeProvider.System) };
        var relays = new List<AlertRelay>();
        foreach (var feed in feeds)
        {
            relays.Add(AlertRelay.Start(await rig.ConnectAsync(token), feed));
        }
        var subscriptions = feeds.Select(f => f.Subscribe()).ToList();
        await Task.Delay(300, token);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var worker = new AssessmentWorker(await rig.ConnectAsync(token), new CtsApplication(await rig.OpenStoreAsync(token)), TestLog.Instance);
        var running = worker.RunAsync(stop.Token);

        await rig.Application.Intake.ReceiveAsync(ListedWaybill(4242), "red.xml", "test", token);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(token);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        foreach (var subscription in subscriptions)
        {
            Alert alert;
            do
            {
                alert = await subscription.Alerts.ReadAsync(limit.Token);
            }
            while (!alert.Assessment.DocumentKey.Contains("1600004242", StringComparison.Ordinal) && !alert.Assessment.DocumentKey.Contains("160-0004242", StringComparison.Ordinal));
            Assert.Equal(Lane.Red, alert.Assessment.Lane);
            Assert.NotEmpty(alert.Assessment.Reasons);
        }
        await stop.CancelAsync();
        await running;
        foreach (var relay in relays)
        {
            await relay.DisposeAsync();
        }
        subscriptions.ForEach(s => s.Dispose());
    }

    private static byte[] ListedWaybill(int serial) =>
        System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(PipelineRig.Waybill(serial))
            .Replace("DUTCH GADGET IMPORTS BV", "BLUE SKY SHIPPING TRADING LLC", StringComparison.Ordinal));
}
