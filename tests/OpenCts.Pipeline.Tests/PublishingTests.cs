using OpenCts.Pipeline.Tests.Support;

namespace OpenCts.Pipeline.Tests;

/// <summary>The intake's side: what is stored is queued once, by the stored message's id.</summary>
public sealed class PublishingTests(NatsServer nats) : IClassFixture<NatsServer>
{
    [Fact]
    public async Task AStoredMessageQueuedAgainIsDroppedAsADuplicateOfItsId()
    {
        var token = TestContext.Current.CancellationToken;
        await using var rig = await PipelineRig.StartAsync(nats, token);

        await rig.ReceiveAsync(1, 3, token);
        var requeued = await rig.Queue.RequeuePendingAsync(token);

        Assert.Equal(3, requeued);
        Assert.Equal(3, rig.Queue.Published);
        Assert.Equal(3, rig.Queue.Duplicates);
        Assert.Equal(3, await rig.Pipeline.QueuedAsync(token));
    }

    [Fact]
    public async Task AMessageReceivedTwiceIsStoredOnceAndQueuedOnce()
    {
        var token = TestContext.Current.CancellationToken;
        await using var rig = await PipelineRig.StartAsync(nats, token);

        await rig.ReceiveAsync(7, 1, token);
        await rig.ReceiveAsync(7, 1, token);

        Assert.Equal(1, rig.Queue.Published);
        Assert.Equal(1, await rig.Pipeline.QueuedAsync(token));
        Assert.Equal(1, await rig.ConsignmentsAsync(token));
    }

    [Fact]
    public async Task WhatWasStoredWhileTheStreamWasGoneIsQueuedWhenTheIntakeStartsAgain()
    {
        var token = TestContext.Current.CancellationToken;
        await using var rig = await PipelineRig.StartAsync(nats, token);
        // Stored without a queue, as by an intake that stopped before it could publish.
        var unqueued = new OpenCts.Application.CtsApplication(rig.Store);
        await unqueued.Intake.ReceiveAsync(PipelineRig.Waybill(11), "upload.xml", "test", token);
        Assert.Equal(0, await rig.Pipeline.QueuedAsync(token));

        await using var restarted = await Intake.IntakeQueue.StartAsync(rig.Pipeline, rig.Store, null, token);

        Assert.Equal(1, restarted.Published);
        Assert.Equal(1, await rig.Pipeline.QueuedAsync(token));
    }
}
