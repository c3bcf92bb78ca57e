using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OpenCts.Application.Referrals;
using OpenCts.Storage.Referrals;

namespace OpenCts.Application.Tests.Referrals;

public sealed class ReferralTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Answers every request with one status, counting them.</summary>
    private sealed class FixedAnswer(HttpStatusCode status) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return Task.FromResult(new HttpResponseMessage(status));
        }
    }

    private static async Task<string> FileAndReferAsync(TestApplication app, string action = "request-information")
    {
        await app.Application.Callbacks.RegisterAsync("acme", "https://acme.example/hooks", Token);
        var key = (await app.Application.Intake.ReceiveAsync(TestApplication.Csv("m1", "160-11111111", departure: Now.AddDays(1)), "a.csv", "acme", Token))[0].Stored.Versions[0].DocumentKey;
        await app.Application.Decisions.DecideAsync(key, action, null, "Send the invoice", "tom", Token);
        return key;
    }

    [Fact]
    public void TheSignatureIsTheHmacOfTheTimestampADotAndTheBody()
    {
        var body = "{\"a\":1}"u8.ToArray();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("whsec_k"u8.ToArray(), "1700000000.{\"a\":1}"u8.ToArray()));
        Assert.Equal(expected, WebhookSignature.Sign("whsec_k", 1_700_000_000, body));
        Assert.True(WebhookSignature.Verify("whsec_k", 1_700_000_000, body, expected));
        Assert.False(WebhookSignature.Verify("whsec_other", 1_700_000_000, body, expected));
    }

    [Fact]
    public void TheBackOffDoublesFromTheFirstDelayUpToTheLongest()
    {
        var schedule = new WebhookSchedule(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), 10);
        Assert.Equal([30, 60, 120, 240, 300, 300], Enumerable.Range(1, 6).Select(n => schedule.DelayAfter(n).TotalSeconds));
    }

    [Fact]
    public async Task AReferralToAFilerWithACallbackIsQueuedInTheStoreAndSurvivesARestart()
    {
        await using var app = new TestApplication(new FakeTimeProvider(Now));
        var key = await FileAndReferAsync(app);
        await app.ReopenAsync();

        var due = Assert.Single(await app.Store.Webhooks.DueAsync(Now, 10, Token));
        Assert.Equal("acme", due.Owner);
        Assert.Contains(key, Encoding.UTF8.GetString(due.Body), StringComparison.Ordinal);
        Assert.Single(await app.Application.Decisions.OfAsync(key, Token));
    }

    [Fact]
    public async Task AFailingReceiverIsRetriedWithBackOffThenGivenUpAndTheFailureIsKept()
    {
        var clock = new FakeTimeProvider(Now);
        await using var app = new TestApplication(clock);
        await FileAndReferAsync(app, "do-not-load");
        var receiver = new FixedAnswer(HttpStatusCode.ServiceUnavailable);
        using var client = new HttpClient(receiver);
        var schedule = new WebhookSchedule(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10), 3);

        Assert.Equal(1, await app.Application.Webhooks.DeliverDueAsync(client, schedule, Token));
        Assert.Equal(0, await app.Application.Webhooks.DeliverDueAsync(client, schedule, Token));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await app.Application.Webhooks.DeliverDueAsync(client, schedule, Token));
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await app.Application.Webhooks.DeliverDueAsync(client, schedule, Token));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await app.Application.Webhooks.DeliverDueAsync(client, schedule, Token));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await app.Application.Webhooks.DeliverDueAsync(client, schedule, Token));

        Assert.Equal(3, receiver.Requests);
        var status = await app.Application.Callbacks.OfAsync("acme", Token);
        var delivery = Assert.Single(status!.Deliveries);
        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Equal(3, delivery.Attempts);
        Assert.Contains("503", delivery.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewVersionFromTheFilerAnswersItsRequestForInformationAndOneFromAnotherSenderDoesNot()
    {
        await using var app = new TestApplication(new FakeTimeProvider(Now));
        var key = await FileAndReferAsync(app);
        var record = await app.Store.Messages.FindAsync(1, Token);

        await app.Application.Intake.ReceiveAsync(TestApplication.Csv("m2", "160-11111111", departure: Now.AddDays(1)), "b.csv", "someone-else", Token);
        Assert.Equal("open", Assert.Single(await app.Application.Referrals.OfMessageAsync(record!, Token)).Status);

        await app.Application.Intake.ReceiveAsync(TestApplication.Csv("m3", "160-11111111", departure: Now.AddDays(1)), "c.csv", "acme", Token);
        var referral = Assert.Single(await app.Application.Referrals.OfMessageAsync(record!, Token));
        Assert.Equal("answered", referral.Status);
        Assert.Equal(key, referral.DocumentKey);
    }

    [Fact]
    public async Task ACallbackMustBeAnAbsoluteHttpUrl()
    {
        await using var app = new TestApplication();
        var error = await Assert.ThrowsAsync<OpenCts.Domain.Common.DomainException>(() => app.Application.Callbacks.RegisterAsync("acme", "not a url", Token));
        Assert.Equal("url", error.Field);
    }
}
