using System.Text.RegularExpressions;
using OpenCts.Application;
using OpenCts.Pipeline.Tests.Support;
using OpenCts.Pipeline.Workers;

namespace OpenCts.Pipeline.Tests;

/// <summary>Processes and servers that die in the middle: nothing is lost and nothing is assessed twice.</summary>
public sealed partial class KillTests(PrivateNatsServer nats) : IClassFixture<PrivateNatsServer>
{
    [Fact]
    public async Task AWorkerKilledMidBatchLosesNothingAndAssessesNothingTwice()
    {
        var token = TestContext.Current.CancellationToken;
        await using var rig = await PipelineRig.StartAsync(nats, token);
        await rig.ReceiveAsync(1, 400, token);

        using (var doomed = WorkerProcess.StartWorker(rig.Database, rig.Store.DataDirectory, rig.Stream))
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while ((await rig.AssessmentCountsAsync(token)).Assessments < 60)
            {
                Assert.True(DateTime.UtcNow < deadline, "the worker assessed too little in 90 s: " + doomed.Output);
                await Task.Delay(20, token);
            }
            doomed.Kill();
        }
        var atKill = (await rig.AssessmentCountsAsync(token)).Assessments;
        Assert.InRange(atKill, 60, 399);

        using var survivor = WorkerProcess.StartWorker(rig.Database, rig.Store.DataDirectory, rig.Stream);
        await rig.DrainedAsync(120, token);

        Assert.Equal((400L, 0L), await rig.AssessmentCountsAsync(token));
        // What the killed worker had taken and not acknowledged comes back to the survivor; the queue empties.
        var emptied = DateTime.UtcNow.AddSeconds(30);
        while (await rig.Pipeline.QueuedAsync(token) > 0 && DateTime.UtcNow < emptied)
        {
            await Task.Delay(200, token);
        }
        Assert.Equal(0, await rig.Pipeline.QueuedAsync(token));
        Assert.Equal((400L, 0L), await rig.AssessmentCountsAsync(token));
    }

    [Fact]
    public async Task TheNatsServerRestartedMidStreamLeavesTheIntakeAndTheWorkersToResumeWithoutLoss()
    {
        var token = TestContext.Current.CancellationToken;
        await using var rig = await PipelineRig.StartAsync(nats, token);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var worker = new AssessmentWorker(await rig.ConnectAsync(token), new CtsApplication(await rig.OpenStoreAsync(token)), TestLog.Instance);
        var running = worker.RunAsync(stop.Token);
        await rig.ReceiveAsync(1, 100, token);

        await nats.KillAsync();
        await rig.ReceiveAsync(101, 50, token);
        Assert.True(rig.Queue.IsBehind);
        await nats.StartAsync();
        await rig.ReceiveAsync(151, 50, token);

        await rig.DrainedAsync(120, token);
        await stop.CancelAsync();
        await running;
        Assert.Equal((200L, 0L), await rig.AssessmentCountsAsync(token));
        Assert.Equal(200, await rig.ConsignmentsAsync(token));
        Assert.False(rig.Queue.IsBehind);
    }

    [Fact]
    public async Task TwoSequencersStartedAtOnceLeaveOneToAppendAndTheAuditPasses()
    {
        var token = TestContext.Current.CancellationToken;
        await using var rig = await PipelineRig.StartAsync(nats, token);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var worker = new AssessmentWorker(await rig.ConnectAsync(token), new CtsApplication(await rig.OpenStoreAsync(token)));
        var running = worker.RunAsync(stop.Token);
        await rig.ReceiveAsync(1, 300, token);
        await rig.DrainedAsync(120, token);
        await stop.CancelAsync();
        await running;

        var sequencers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            WorkerProcess.RunAsync(token, "ledger", "checkpoint", "--store", rig.Database, "--data", rig.Store.DataDirectory)));

        Assert.All(sequencers, s => Assert.True(s.ExitCode is 0 or 4, s.Output));
        var appended = sequencers.Where(s => s.ExitCode == 0).Select(s => long.Parse(Appended().Match(s.Output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Single(appended, a => a > 0);
        Assert.Contains(sequencers, s => s.ExitCode == 4 && s.Output.Contains("sequencer", StringComparison.Ordinal) || s.ExitCode == 0 && s.Output.Contains("appended 0 leaf", StringComparison.Ordinal));
        // 300 messages and 300 assessments, each with its leaf.
        Assert.Equal(600, appended.Sum());
        var audit = await WorkerProcess.RunAsync(token, "ledger", "audit", "--store", rig.Database, "--data", rig.Store.DataDirectory);
        Assert.True(audit.ExitCode == 0, audit.Output);
        Assert.Contains("audit clean", audit.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"appended (\d+) leaf")]
    private static partial Regex Appended();
}
