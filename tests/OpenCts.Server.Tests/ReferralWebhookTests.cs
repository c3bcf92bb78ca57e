using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using OpenCts.Application.Referrals;
using OpenCts.Application.Users;

namespace OpenCts.Server.Tests;

/// <summary>Referrals back to the filer: read on the message, delivered as signed webhooks to a real local receiver, retried, answered by a new version.</summary>
[Collection(ServerCollection.Name)]
public sealed class ReferralWebhookTests(ServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A webhook receiver on a free loopback port that fails the first <c>failures</c> requests with 500 and keeps every request.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _failures;

        private Receiver(WebApplication app, int failures)
        {
            _app = app;
            _failures = failures;
        }

        public Channel<(IHeaderDictionary Headers, byte[] Body, int Answer)> Requests { get; } = Channel.CreateUnbounded<(IHeaderDictionary, byte[], int)>();

        public string Url => new Uri(new Uri(CtsServer.Addresses(_app)[0]), "/hook").AbsoluteUri;

        public static async Task<Receiver> StartAsync(int failures)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var receiver = new Receiver(app, failures);
            app.MapPost("/hook", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                var answer = Interlocked.Decrement(ref receiver._failures) >= 0 ? 500 : 204;
                await receiver.Requests.Writer.WriteAsync((new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), body.ToArray(), answer));
                return Results.StatusCode(answer);
            });
            await app.StartAsync();
            return receiver;
        }

        public async Task<(IHeaderDictionary Headers, byte[] Body, int Answer)> NextAsync()
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            return await Requests.Reader.ReadAsync(limit.Token);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task<(long Message, string Document)> SubmitAsync(HttpClient submitter, byte[] body)
    {
        var response = await submitter.PostAsync("/api/v1/messages", new ByteArrayContent(body), Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        return (receipt.GetProperty("id").GetInt64(), receipt.GetProperty("documents")[0].GetString()!);
    }

    private static async Task DecideAsync(HttpClient targeter, string document, string action, string comment)
    {
        var response = await targeter.PostAsync($"/api/v1/consignments/{Uri.EscapeDataString(document)}/decisions", ServerFixture.Json($$"""{"action": "{{action}}", "comment": "{{comment}}"}"""), Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task AReferralIsDeliveredSignedToTheFilersCallbackRetriedUntilTakenAndAnsweredByANewVersion()
    {
        await server.AddPersonAsync("kuehne", Roles.Submitter);
        await using var receiver = await Receiver.StartAsync(failures: 2);
        using var filer = server.As("kuehne");
        using var tom = server.As("tom");
        var registered = await (await filer.PutAsync("/api/v1/callbacks", ServerFixture.Json($$"""{"url": "{{receiver.Url}}"}"""), Token)).Content.ReadFromJsonAsync<JsonElement>(Token);
        var secret = registered.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);

        var (message, document) = await SubmitAsync(filer, RedMessages.Waybill(4_100_001, listed: false));
        await DecideAsync(tom, document, "request-information", "Send the commercial invoice");

        // Two failures, then taken: each attempt carries a valid signature of the same body.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var (headers, body, answer) = await receiver.NextAsync();
            Assert.Equal(attempt <= 2 ? 500 : 204, answer);
            var timestamp = long.Parse(headers[WebhookSignature.TimestampHeader].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(WebhookSignature.Verify(secret, timestamp, body, headers[WebhookSignature.SignatureHeader].ToString()), "the signature does not verify");
            Assert.StartsWith("sha256=", headers[WebhookSignature.SignatureHeader].ToString(), StringComparison.Ordinal);
            Assert.False(WebhookSignature.Verify(secret, timestamp + 1, body, headers[WebhookSignature.SignatureHeader].ToString()));
            using var json = JsonDocument.Parse(body);
            Assert.Equal("request-information", json.RootElement.GetProperty("action").GetString());
            Assert.Equal(document, json.RootElement.GetProperty("document").GetString());
            Assert.Equal("Send the commercial invoice", json.RootElement.GetProperty("comment").GetString());
        }
        var delivered = await WaitForAsync(filer, "delivered");
        Assert.Equal(3, delivered.GetProperty("attempts").GetInt32());

        var status = await filer.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{message}", Token);
        var referral = Assert.Single(status.GetProperty("referrals").EnumerateArray());
        Assert.Equal("request-information", referral.GetProperty("action").GetString());
        Assert.Equal("Send the commercial invoice", referral.GetProperty("comment").GetString());
        Assert.Equal("open", referral.GetProperty("status").GetString());

        await SubmitAsync(filer, RedMessages.Reply(4_100_001));
        status = await filer.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{message}", Token);
        Assert.Equal("answered", status.GetProperty("referrals")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task AReceiverThatAlwaysFailsIsGivenUpAfterTheLastAttemptAndTheFailureStaysVisible()
    {
        await server.AddPersonAsync("fedex", Roles.Submitter);
        await using var receiver = await Receiver.StartAsync(failures: int.MaxValue);
        using var filer = server.As("fedex");
        using var tom = server.As("tom");
        Assert.Equal(HttpStatusCode.OK, (await filer.PutAsync("/api/v1/callbacks", ServerFixture.Json($$"""{"url": "{{receiver.Url}}"}"""), Token)).StatusCode);
        var (_, document) = await SubmitAsync(filer, RedMessages.Waybill(4_100_002, listed: false));
        await DecideAsync(tom, document, "do-not-load", "Do not load: screening required");

        var failed = await WaitForAsync(filer, "failed");
        Assert.Equal(3, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("500", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACallbackThatIsNotAnAbsoluteHttpUrlIs400NamingTheUrl()
    {
        using var filer = server.As("dhl");
        var response = await filer.PutAsync("/api/v1/callbacks", ServerFixture.Json("""{"url": "ftp://example.org/x"}"""), Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("url", (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task ASubmitterSeesOnlyReferralsOfItsOwnMessages()
    {
        using var postnl = server.As("postnl");
        using var dhl = server.As("dhl");
        using var tom = server.As("tom");
        var (message, document) = await SubmitAsync(postnl, RedMessages.Waybill(4_100_003, listed: false));
        await DecideAsync(tom, document, "assessment-complete", "Nothing further");
        var status = await postnl.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{message}", Token);
        Assert.Equal("assessment-complete", Assert.Single(status.GetProperty("referrals").EnumerateArray()).GetProperty("action").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await dhl.GetAsync($"/api/v1/messages/{message}", Token)).StatusCode);
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient filer, string wanted)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var callback = await filer.GetFromJsonAsync<JsonElement>("/api/v1/callbacks", Token);
            var latest = callback.GetProperty("deliveries")[0];
            if (latest.GetProperty("status").GetString() == wanted)
            {
                return latest;
            }
            Assert.True(DateTime.UtcNow < until, $"the delivery is {latest.GetProperty("status").GetString()}, not {wanted}");
            await Task.Delay(100, Token);
        }
    }
}
